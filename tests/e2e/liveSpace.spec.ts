import { expect, test } from '@playwright/test';
import { injectFault, leaderboardRows, openApp, SEARCH_TIMEOUT, setRetrains } from './helpers.ts';

// Three brackets: a later bracket samples its trials only when the running ones leave an executor idle.
const THREE_BRACKETS = 'maxEpochs=4&factor=2&trainLimit=640&valLimit=200&testLimit=200&backend=wasm&debug=1';

test('ranges edited mid-search apply to the trials sampled afterwards', async ({ page }) => {
  await openApp(page, THREE_BRACKETS, /WASM/);
  await setRetrains(page, '0');
  // The first jobs stall until the edit is applied, so the later brackets sample after it, however fast the machine.
  await injectFault(page, { kind: 'stallEveryJob' });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  await expect(page.getByRole('button', { name: 'Apply to running search' })).toHaveCount(0);

  await page.getByLabel('Layer 1 units min').fill('200');
  await page.getByLabel('Layer 1 units max').fill('210');
  await page.getByRole('button', { name: 'Apply to running search' }).click();
  await expect(page.getByRole('button', { name: 'Apply to running search' })).toHaveCount(0);
  await expect(page.getByText('samples from space v1')).toBeVisible();
  await injectFault(page, { kind: 'releaseStalls' });
  await page.getByRole('button', { name: 'Resume' }).click();

  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: SEARCH_TIMEOUT });
  const drawnLater = page.getByRole('table', { name: 'Leaderboard' }).locator('tbody tr', { has: page.locator('.tag', { hasText: 'v1' }) });
  expect(await drawnLater.count()).toBeGreaterThan(0);
  for (const units of await drawnLater.locator('td[data-hp="units_0"]').allInnerTexts()) {
    expect(Number(units)).toBeGreaterThanOrEqual(200);
    expect(Number(units)).toBeLessThanOrEqual(210);
  }
  expect(await leaderboardRows(page).count()).toBe(Number(await page.getByTestId('plan-total-trials').innerText()));
});
