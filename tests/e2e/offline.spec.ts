import { expect, test } from '@playwright/test';
import { openApp, setRetrains, SMALL_SEARCH, startAndFinish } from './helpers.ts';

// The other tests block service workers so that each one loads the server's current build.
test.use({ serviceWorkers: 'allow' });

test('after the first visit, the app reloads and runs a whole search offline', async ({ page, context }) => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
  // The banner appears once the service worker has cached the app, the WASM binaries and MNIST.
  await expect(page.getByTestId('offline-ready-banner')).toBeVisible({ timeout: 120_000 });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('backend-badge')).toHaveText(/WASM/, { timeout: 60_000 });
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await setRetrains(page, '1');
  await startAndFinish(page);
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d{2}%$/);
});

test('the web app manifest names Rung and its icons, so the page can be installed', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = (await (await request.get(new URL(href!, page.url()).href)).json()) as {
    name: string;
    display: string;
    start_url: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest.name).toMatch(/^Rung/);
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map(({ sizes, purpose }) => `${sizes}${purpose ? ` ${purpose}` : ''}`)).toEqual(
    expect.arrayContaining(['192x192', '512x512', '512x512 maskable']),
  );
  for (const icon of manifest.icons) {
    const response = await request.get(new URL(icon.src, new URL(href!, page.url())).href);
    expect(response.ok(), icon.src).toBe(true);
    expect(response.headers()['content-type']).toContain(icon.type.split('+')[0]);
  }
});
