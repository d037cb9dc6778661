import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import packageJson from './package.json' with { type: 'json' };
import { mnistAssetsPlugin } from './src/build/mnistAssetsPlugin.ts';

/** The MNIST training images gzip to ~10 MB; Workbox's default 2 MiB limit would leave them out of the precache. */
const MAX_PRECACHED_FILE_BYTES = 32 * 1024 * 1024;

export default defineConfig({
  // Relative: the build works from any static host and any sub-path.
  base: './',
  // The app's version (src/globals.d.ts), so that src/engine imports no package.json; vitest.config.ts defines the same.
  define: { __RUNG_VERSION__: JSON.stringify(packageJson.version) },
  plugins: [
    react(),
    mnistAssetsPlugin(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // globPatterns below precaches the icons and favicon with everything else.
      includeManifestIcons: false,
      manifest: {
        name: 'Rung: Hyperband search in the browser',
        short_name: 'Rung',
        description: 'Hyperband hyperparameter search that runs entirely in your browser.',
        theme_color: '#1f2937',
        background_color: '#111827',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app, its workers, the WASM binaries and the MNIST assets: everything a search needs offline.
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,json,gz}'],
        // The benchmark page is a tool for `npm run bench`, not part of the app; threaded WASM is never loaded (browserBackends.ts).
        globIgnores: ['**/bench.html', '**/bench-*.js', '**/benchWorker-*.js', '**/*-threaded-simd-*.wasm'],
        maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/bench\.html$/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    rollupOptions: {
      // The app, and the benchmark page `npm run bench` drives in Chromium.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        bench: fileURLToPath(new URL('./src/bench/bench.html', import.meta.url)),
      },
    },
  },
});
