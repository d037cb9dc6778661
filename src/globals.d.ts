/** Rung's version from package.json, written into the bundle by the `define` in vite.config.ts and vitest.config.ts. */
declare const __RUNG_VERSION__: string;
