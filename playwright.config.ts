import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';
import { findChromium, hostLookup, NO_BROWSER_MESSAGE } from './src/build/findChromium.ts';
import { playwrightChromiumPath } from './src/build/playwrightChromium.ts';

// RUNG_E2E_PORT lets two checkouts run their browser tests at once.
const PORT = Number(process.env.RUNG_E2E_PORT ?? 4318);

// CHROMIUM_PATH, a system Chromium or Chrome, else Playwright's own (`npm run test:e2e` installs it when none is found).
const chromium = findChromium(hostLookup(playwrightChromiumPath));
if (!chromium) throw new Error(NO_BROWSER_MESSAGE);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
];

export default defineConfig({
  testDir: 'tests/e2e',
  // Serves dist/ as built: `npm run test:e2e` runs `vite build` first; this only checks a build exists.
  globalSetup: './tests/e2e/globalSetup.ts',
  outputDir: 'tests/artifacts/results',
  // Two tests share the two cores, so a search can take twice as long as alone.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  // Each test has its own browser context (its own IndexedDB and service workers), so tests run side by side:
  // much of a test is waiting on page loads and backend starts, which the other worker fills with training.
  fullyParallel: true,
  workers: availableParallelism(),
  retries: 0,
  reporter: [['list'], ['./tests/reporters/playwrightSlowest.ts'], ['html', { outputFolder: 'tests/artifacts/report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: chromium.executablePath, args: CHROMIUM_ARGS },
    // Each test starts from the server's current build, never a cached one; offline.spec.ts allows them.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
