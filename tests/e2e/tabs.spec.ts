import { expect, test } from '@playwright/test';
import { injectFault, leaderboardRows, openApp, SCREENSHOTS, scrollToTop, SEARCH_TIMEOUT, setRetrains, SMALL_SEARCH } from './helpers.ts';

const SEARCH = `${SMALL_SEARCH}&backend=wasm&debug=1`;

test('a second tab is read-only and follows the first tab\'s search live', async ({ context, page }) => {
  await openApp(page, SEARCH, /WASM/);
  await setRetrains(page, '0');
  // Trial 0003 stalls until the watcher has seen the search part-way: the second tab opens while the first still trains.
  await injectFault(page, { kind: 'stallTrial', trialId: '0003' });
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
  // It sees the leaderboard grow, not just the end: round 0 ends while 0003 stalls.
  await expect.poll(() => completed.count(), { timeout: SEARCH_TIMEOUT }).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('running-trial-0003')).toBeVisible();
  expect(await completed.count()).toBeLessThan(6);
  await injectFault(page, { kind: 'releaseStalls' });
  await expect(watcher.getByTestId('run-status')).toHaveText('done', { timeout: SEARCH_TIMEOUT });
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
