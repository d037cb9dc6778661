import { expect, test } from '@playwright/test';
import { injectFault, openApp, plannedTrials, setRetrains, shownTrials, SEARCH_TIMEOUT, SMALL_SEARCH } from './helpers.ts';

test('a panel out of view does not redraw while the search runs, and is current as soon as it scrolls into view', async ({ page }) => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm&debug=1`, /WASM/);
  await setRetrains(page, '0');
  // The last trial stalls once handed out, so the search is still running when the leaderboard scrolls in.
  const lastTrialId = String((await plannedTrials(page)) - 1).padStart(4, '0');
  await injectFault(page, { kind: 'stallTrial', trialId: lastTrialId });
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    // Counts the leaderboard's DOM changes made while the search runs (before it, the page is live).
    const panel = document.querySelector('[data-testid="leaderboard-panel"]')!;
    const status = document.querySelector('[data-testid="run-status"]')!;
    const record = window as unknown as { leaderboardMutations: number };
    record.leaderboardMutations = 0;
    new MutationObserver((mutations) => {
      if (status.textContent === 'running') record.leaderboardMutations += mutations.length;
    }).observe(panel, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Start' }).click();
  const trialsEnded = async () => Number((await page.getByTestId('trials-ended').innerText()).split('/')[0]);
  await expect.poll(trialsEnded, { timeout: SEARCH_TIMEOUT }).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  // The progress panel, in view, followed the trials; the leaderboard, out of view, was not touched.
  expect(await page.evaluate(() => (window as unknown as { leaderboardMutations: number }).leaderboardMutations)).toBe(0);

  await page.getByTestId('leaderboard-panel').scrollIntoViewIfNeeded();
  const completed = async () => (await shownTrials(page)).filter((t) => t.status === 'completed').length;
  await expect.poll(completed, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  expect(await completed()).toBe(await trialsEnded());
  await expect(page.getByTestId('run-status')).toHaveText('running');
});
