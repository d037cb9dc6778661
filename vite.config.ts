import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { mnistAssetsPlugin } from './src/build/mnistAssetsPlugin.ts';

export default defineConfig({
  plugins: [react(), mnistAssetsPlugin()],
  worker: { format: 'es' },
});
