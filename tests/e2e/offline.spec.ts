import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
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
  // navigator.onLine is no proof: Chromium 150 reports true again after a reload under emulated offline.
  // A request the service worker never cached must fail, so the network is really gone.
  const uncached = await page.evaluate(() => fetch(`./not-precached-${Date.now()}`).then((r) => `HTTP ${r.status}`, () => 'failed'));
  expect(uncached).toBe('failed');
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

/**
 * Serves a copy of dist/ that the test can redeploy: Playwright's routing does not reach the browser's own
 * service-worker update fetch, so a new build must really be on the server. Nothing is cached by HTTP.
 */
async function redeployableCopyOfDist(): Promise<{ origin: string; redeploy: () => Promise<void>; close: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'rung-redeploy-'));
  await cp('dist', root, { recursive: true });
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // A redeploy changes the service worker's bytes, as a new build changes its precache manifest.
    redeploy: () => appendFile(join(root, 'sw.js'), '\n// next build\n'),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

test('a new build is offered as "Reload to update" and takes over when clicked', async ({ page }) => {
  const site = await redeployableCopyOfDist();
  try {
    await page.goto(`${site.origin}/?${SMALL_SEARCH}`);
    await expect(page.getByTestId('offline-ready-banner')).toBeVisible({ timeout: 120_000 });
    const firstWorker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    await expect(page.getByTestId('update-banner')).toHaveCount(0);

    await site.redeploy();
    await page.reload();
    const update = page.getByRole('button', { name: 'Reload to update' });
    await expect(update).toBeVisible({ timeout: 120_000 });
    // The new build waits: the page that is open keeps the old one until the user reloads through the banner.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);

    const reloaded = page.waitForEvent('load');
    await update.click();
    await reloaded;
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    const after = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { waiting: registration.waiting !== null, controller: navigator.serviceWorker.controller?.scriptURL };
    });
    expect(after).toEqual({ waiting: false, controller: firstWorker });
    await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled({ timeout: 60_000 });
  } finally {
    await site.close();
  }
});
