import { existsSync } from 'node:fs';

/** The tests serve the built app (vite preview); `npm run test:e2e` builds it first. */
export default function globalSetup(): void {
  if (!existsSync('dist/index.html')) {
    throw new Error('dist/ has no build: run `npm run test:e2e` (vite build, then playwright test) or `npx vite build` first.');
  }
}
