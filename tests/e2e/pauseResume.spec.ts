import { expect, test } from '@playwright/test';
import { DOCS_SCREENSHOT, openApp, SCREENSHOTS, scrollToTop, SEARCH_TIMEOUT, setRetrains } from './helpers.ts';

// 10 trials: five of 2 epochs first (curves to show), then 16 epochs of promoted and full-length
// trials, with enough data that the search is still running when it is paused or stopped.
const LONGER_SEARCH = 'maxEpochs=4&factor=3&trainLimit=4800&valLimit=500&testLimit=200&backend=wasm';
const FIRST_ROUND_ENDED = /^[5-9] \/ 10$/;

test('pause holds the batches; resume finishes the search', async ({ page }) => {
  await openApp(page, LONGER_SEARCH, /WASM/);
  await setRetrains(page, '0');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('running');

  // Once the first round has ended there are curves to show and promoted work still to do.
  await expect(page.getByTestId('trials-ended')).toHaveText(FIRST_ROUND_ENDED, { timeout: SEARCH_TIMEOUT });
  const batches = page.locator('[data-testid^="batch-progress-"]').first();
  await expect(batches).toBeVisible();
  await scrollToTop(page);
  await page.screenshot({ path: `${SCREENSHOTS}/running-1280x800-dark.png` });
  if (DOCS_SCREENSHOT) await page.screenshot({ path: DOCS_SCREENSHOT });

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();
  // The batch under way when Pause arrived may still report; after that nothing moves.
  await page.waitForTimeout(500);
  const held = await batches.getAttribute('aria-valuenow');
  const epochsHeld = await page.getByTestId('search-progress').getAttribute('aria-valuenow');
  await page.waitForTimeout(1000);
  await expect(batches).toHaveAttribute('aria-valuenow', held!);
  await expect(page.getByTestId('search-progress')).toHaveAttribute('aria-valuenow', epochsHeld!);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/running|done/);
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: SEARCH_TIMEOUT });
  await expect(page.getByTestId('trials-ended')).toHaveText('10 / 10');
});

test('stop ends the search early and offers to retrain the best model', async ({ page }) => {
  await openApp(page, LONGER_SEARCH, /WASM/);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('trials-ended')).toHaveText(FIRST_ROUND_ENDED, { timeout: SEARCH_TIMEOUT });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped', { timeout: SEARCH_TIMEOUT });
  await expect(page.locator('tr[data-status="interrupted"]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Retrain best' }).click();
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d{2}%$/, { timeout: SEARCH_TIMEOUT });
});
