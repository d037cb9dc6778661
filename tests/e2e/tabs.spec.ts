import { expect, test } from '@playwright/test';
import { leaderboardRows, openApp, SCREENSHOTS, scrollToTop, SEARCH_TIMEOUT, setRetrains } from './helpers.ts';

// Enough data that the second tab opens while the first still trains.
const SEARCH = 'maxEpochs=3&factor=3&trainLimit=4800&valLimit=300&testLimit=200&backend=wasm';

test('a second tab is read-only and follows the first tab\'s search live', async ({ context, page }) => {
  await openApp(page, SEARCH, /WASM/);
  await setRetrains(page, '0');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('running');

  const watcher = await context.newPage();
  await watcher.goto(`/?${SEARCH}`);
  const banner = watcher.getByTestId('read-only-banner');
  await expect(banner).toContainText('Another tab is running searches: this tab shows them read-only');
  await expect(watcher.getByRole('button', { name: 'Start' })).toBeDisabled();
  await expect(watcher.getByRole('button', { name: 'Start' })).toHaveAttribute('title', /this tab shows them read-only/);
  await expect(page.getByTestId('read-only-banner')).toBeHidden();

  // The watcher shows the writer's run while it trains: its status, and trials ending one after another.
  await expect(watcher.getByTestId('run-status')).toHaveText('running', { timeout: SEARCH_TIMEOUT });
  await expect(watcher.getByRole('button', { name: 'Pause' })).toBeDisabled();
  await expect(watcher.getByRole('button', { name: 'Stop' })).toBeDisabled();
  const completed = leaderboardRows(watcher).and(watcher.locator('[data-status="completed"]'));
  const seen = new Set<number>();
  await expect
    .poll(async () => {
      seen.add(await completed.count());
      return watcher.getByTestId('run-status').innerText();
    }, { timeout: SEARCH_TIMEOUT })
    .toBe('done');
  // It saw the leaderboard grow, not just the end.
  expect([...seen].filter((n) => n > 0 && n < 6).length).toBeGreaterThan(0);
  await expect(watcher.getByTestId('trials-ended')).toHaveText('6 / 6');
  await expect(leaderboardRows(watcher)).toHaveCount(6);
  await expect(page.getByTestId('run-status')).toHaveText('done');
  await scrollToTop(watcher);
  await watcher.screenshot({ path: `${SCREENSHOTS}/read-only-1280x800-dark.png` });

  // When the writer closes, the watcher takes over.
  await page.close();
  await expect(banner).toBeHidden({ timeout: 30_000 });
  await expect(watcher.getByRole('button', { name: 'Start' })).toBeEnabled();
});

test('a hidden tab says the browser slows it down', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page, 'backend=wasm', /WASM/);
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  await expect(page.getByTestId('throttle-banner')).toContainText('This tab is in the background: the browser slows its timers.');
  await setVisibility('visible');
  await expect(page.getByTestId('throttle-banner')).toBeHidden({ timeout: 10_000 });
});
