import { builtinModules } from 'node:module';

/**
 * Rung's layers: what each may import. eslint.config.js turns this table into its `no-restricted-imports`
 * rules; README.md ("Project layout") states the same table; tests/unit/eslint/layers.test.ts checks both.
 *
 * `imports` maps each other layer a layer may use to how much of it:
 * - 'all': anything it exports;
 * - 'data': types, and constants named in SCREAMING_CASE (plain data, never a function or class);
 * - 'types': `import type` only (erased from the build, so no code follows it).
 * A layer missing from `imports` may not be imported at all.
 * `libraries` lists the restricted library groups (LIBRARY_GROUPS) a layer may use; a package in no
 * group (zod, papaparse) is open to every layer.
 */

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Third-party imports only some layers may use. */
export const LIBRARY_GROUPS = {
  tfjs: { what: 'TensorFlow.js (and Dawn, its WebGPU in Node)', regex: '^(@tensorflow/[^/]+|webgpu)(/|$)' },
  ui: { what: 'React, zustand, recharts and the PWA registration', regex: '^(react|react-dom|zustand|recharts|virtual:pwa-register|workbox-window)(/|$)' },
  idb: { what: 'IndexedDB (idb)', regex: '^idb(/|$)' },
  node: {
    what: "Node's built-in modules, the Node-only tools (Vite, Vitest, Playwright, fake-indexeddb, the AssemblyScript compiler) and package.json (the app gets its version from a Vite define)",
    regex: [
      '^node:',
      `^(${builtinModules.map(escapeRegex).join('|')})(/|$)`,
      '^(vite|vitest|vite-plugin-pwa|playwright-core|fake-indexeddb|assemblyscript|@playwright/[^/]+|@axe-core/[^/]+|@vitejs/[^/]+)(/|$)',
      '(^|/)package\\.json$',
    ].join('|'),
  },
};

/** Every layer under src, named by its folder (`main`: src/main.tsx, the app's entry, which wires the others). */
export const LAYERS = {
  engine: { folder: 'src/engine/', imports: {}, libraries: [] },
  search: { folder: 'src/search/', imports: { engine: 'all' }, libraries: [] },
  data: { folder: 'src/data/', imports: { engine: 'all' }, libraries: [] },
  training: { folder: 'src/training/', imports: { engine: 'all', data: 'all', search: 'all' }, libraries: ['tfjs'] },
  persistence: { folder: 'src/persistence/', imports: { engine: 'all', search: 'all' }, libraries: ['idb'] },
  worker: { folder: 'src/worker/', imports: { engine: 'all', data: 'all', search: 'all', training: 'all', persistence: 'all' }, libraries: [] },
  store: { folder: 'src/store/', imports: { engine: 'all', search: 'all', worker: 'all', persistence: 'all' }, libraries: ['ui'] },
  charts: { folder: 'src/charts/', imports: {}, libraries: ['ui'] },
  components: {
    folder: 'src/components/',
    imports: { store: 'all', charts: 'all', engine: 'data', search: 'types' },
    libraries: ['ui'],
  },
  bench: { folder: 'src/bench/', imports: { engine: 'all', data: 'all', search: 'all', training: 'all' }, libraries: [] },
  cli: {
    folder: 'src/cli/',
    imports: { engine: 'all', data: 'all', search: 'all', training: 'all', worker: 'all', build: 'all', bench: 'types' },
    libraries: ['node'],
  },
  build: { folder: 'src/build/', imports: { data: 'all' }, libraries: ['node'] },
  styles: { folder: 'src/styles/', imports: {}, libraries: [] },
  main: { folder: 'src/main.tsx', imports: { components: 'all', store: 'all', worker: 'all', persistence: 'all', styles: 'all' }, libraries: ['ui'] },
};

/** Tests may import every layer and every library; only build output (dist/) is out of bounds. */
export const TESTS = { folder: 'tests/', imports: 'every layer', libraries: 'every group' };

/** The files ESLint applies a layer's rule to. */
export const layerFiles = (layer) => [layer.folder.endsWith('/') ? `${layer.folder}**` : layer.folder];

/** Where a layer's folder is, for a relative import: src/main.tsx writes './engine/…', src/store/x.ts '../engine/…'. */
export function layerImportRegex(layer) {
  return `^(\\.{1,2}/)+${escapeRegex(layer)}(/|$)`;
}

/** Constants that a 'data' import may name. */
export const CONSTANT_NAME_PATTERN = '^[A-Z][A-Z0-9_]*$';
