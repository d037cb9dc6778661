import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { mnistAssetsPlugin } from './src/build/mnistAssetsPlugin.ts';

export default defineConfig({
  plugins: [react(), mnistAssetsPlugin()],
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
