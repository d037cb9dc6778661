import { expect, test } from '@playwright/test';
import { DOCS_SCREENSHOT, injectFault, openApp, SCREENSHOTS, scrollToTop, SEARCH_TIMEOUT, setRetrains, SMALL_SEARCH } from './helpers.ts';

// Six trials; trial 0003 (and any trial fused into its job) stalls once handed out, so the search is
// mid-way for as long as the test needs, on a few hundred images. Round 0's three trials were handed
// out before 0003 existed, so they end: curves to show.
const STALLED_SEARCH = `${SMALL_SEARCH}&backend=wasm&debug=1`;
const ROUND_0_ENDED = /^[3-5] \/ 6$/;

test('pause holds the batches; resume finishes the search', async ({ page }) => {
  await openApp(page, STALLED_SEARCH, /WASM/);
  await setRetrains(page, '0');
  await injectFault(page, { kind: 'stallTrial', trialId: '0003' });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('trials-ended')).toHaveText(ROUND_0_ENDED, { timeout: SEARCH_TIMEOUT });
  await expect(page.getByTestId('running-trial-0003')).toBeVisible();
  // The charts redraw every 2 to 10 s (chartCadence.ts): the picture waits for the ended trials' curves.
  const ended = Number((await page.getByTestId('trials-ended').innerText()).split('/')[0]);
  await expect.poll(() => page.getByTestId('curves-val-accuracy').locator('g.curve').count()).toBeGreaterThanOrEqual(ended);
  await scrollToTop(page);
  await page.screenshot({ path: `${SCREENSHOTS}/running-1280x800-dark.png` });
  if (DOCS_SCREENSHOT) await page.screenshot({ path: DOCS_SCREENSHOT });

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();
  // Released while paused, the stalled job trains one batch, reports it, and holds there.
  await injectFault(page, { kind: 'releaseStalls' });
  const batches = page.getByTestId('batch-progress-0003');
  await expect(batches).not.toHaveAttribute('aria-valuenow', '0', { timeout: SEARCH_TIMEOUT });
  // A batch under way in another worker when Pause arrived may still report, and reaches the page with the
  // next store batch (one a second); after that nothing moves.
  await page.waitForTimeout(1500);
  const held = await batches.getAttribute('aria-valuenow');
  const epochsHeld = await page.getByTestId('search-progress').getAttribute('aria-valuenow');
  const endedHeld = await page.getByTestId('trials-ended').innerText();
  await page.waitForTimeout(2500);
  await expect(batches).toHaveAttribute('aria-valuenow', held!);
  await expect(page.getByTestId('search-progress')).toHaveAttribute('aria-valuenow', epochsHeld!);
  await expect(page.getByTestId('trials-ended')).toHaveText(endedHeld);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/running|done/);
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: SEARCH_TIMEOUT });
  await expect(page.getByTestId('trials-ended')).toHaveText('6 / 6');
});

test('stop ends the search early and offers to retrain the best model', async ({ page }) => {
  await openApp(page, STALLED_SEARCH, /WASM/);
  await injectFault(page, { kind: 'stallTrial', trialId: '0003' });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('trials-ended')).toHaveText(ROUND_0_ENDED, { timeout: SEARCH_TIMEOUT });
  await expect(page.getByTestId('running-trial-0003')).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped', { timeout: SEARCH_TIMEOUT });
  await expect(page.getByTestId('trial-row-0003')).toHaveAttribute('data-status', 'interrupted');
  await page.getByRole('button', { name: 'Retrain best' }).click();
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d{2}%$/, { timeout: SEARCH_TIMEOUT });
});
