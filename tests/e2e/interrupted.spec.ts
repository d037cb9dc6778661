import { expect, test, type Page } from '@playwright/test';
import { injectFault, openApp, plannedTrials, runsTable, SCREENSHOTS, scrollToTop, SEARCH_TIMEOUT, setRetrains, shownTrials, SMALL_SEARCH } from './helpers.ts';

/** At least two trials ended and one training, read in one go from the progress panel. */
async function midSearch(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const ended = Number(document.querySelector('[data-testid="trials-ended"]')?.textContent?.split('/')[0]);
    return ended >= 2 && document.querySelectorAll('[data-testid^="running-trial-"]').length > 0;
  });
}

test('a reload mid-trial leaves the run interrupted; Resume finishes it, keeping every finished trial', async ({ page }) => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm&debug=1`, /WASM/);
  await setRetrains(page, '0');
  const planned = await plannedTrials(page);
  // Trial 0003 stalls once handed out, so the search cannot end before the reload: it comes mid-trial.
  await injectFault(page, { kind: 'stallTrial', trialId: '0003' });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => midSearch(page), { timeout: SEARCH_TIMEOUT }).toBe(true);
  // The leaderboard redraws only while on screen: in view, it catches up with the trials ended.
  await page.getByTestId('leaderboard-panel').scrollIntoViewIfNeeded();
  const completed = async () => (await shownTrials(page)).filter((t) => t.status === 'completed');
  await expect.poll(async () => (await completed()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const before = await completed();
  for (const trial of before) expect(trial.score).toMatch(/^\d/);
  // Reload only once the runs list (read back from IndexedDB) counts them too: a trial shown as
  // ended a moment ago may still be on its way to the database.
  const storedEnded = runsTable(page).locator('tbody tr').first().locator('td[data-label="Trials"]');
  await expect.poll(async () => Number((await storedEnded.innerText()).split('/')[0]), { timeout: 30_000 }).toBeGreaterThanOrEqual(before.length);

  await page.reload();
  const banner = page.getByTestId('interrupted-banner');
  await expect(banner).toBeVisible({ timeout: 60_000 });
  await expect(banner).toContainText('This run was interrupted');
  await expect(page.getByTestId('run-status')).toHaveText('interrupted');
  // Start stays available for a new search instead.
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled({ timeout: 60_000 });
  // The stored run already shows the trials that had finished, unchanged.
  const stored = await shownTrials(page);
  for (const trial of before) expect(stored).toContainEqual(trial);
  await scrollToTop(page);
  await page.screenshot({ path: `${SCREENSHOTS}/interrupted-1280x800-dark.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await banner.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/interrupted-390x844-light.png` });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.setViewportSize({ width: 1280, height: 800 });

  await banner.getByRole('button', { name: 'Resume' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: SEARCH_TIMEOUT });
  await expect(page.getByTestId('trials-ended')).toHaveText(`${planned} / ${planned}`);

  const after = await shownTrials(page);
  const ids = after.map((t) => t.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toHaveLength(planned);
  for (const trial of before) expect(after).toContainEqual(trial);
  for (const trial of after) expect(trial.status).toBe('completed');
  await expect(page.getByTestId('runs-panel').locator('tbody tr[data-status="done"]')).toHaveCount(1);
});
