import { expect, test, type Page } from '@playwright/test';
import { backendMenu, injectFault, leaderboardRows, openApp, plannedTrials, SMALL_SEARCH, setRetrains, shownTrials, startAndFinish } from './helpers.ts';

/** Each trial of the finished search, by id: what the schedule and the sampler decided, not the scores. */
async function finishedTrials(page: Page) {
  const parents = await leaderboardRows(page).evaluateAll((rows) =>
    Object.fromEntries(rows.map((row) => [row.getAttribute('data-testid')!.replace('trial-row-', ''), row.querySelector('.parent-ref')?.textContent?.replace('↳', '').trim() ?? null])),
  );
  const trials = await shownTrials(page);
  return trials.map((t) => ({ id: t.id, parent: parents[t.id], status: t.status, hyperparameters: t.hyperparameters })).sort((a, b) => a.id.localeCompare(b.id));
}

async function runOn(page: Page, backend: string, badge: RegExp) {
  await backendMenu(page).selectOption(backend);
  await expect(page.getByTestId('backend-badge')).toHaveText(badge, { timeout: 60_000 });
  await startAndFinish(page);
  return finishedTrials(page);
}

test('the same search on WebGL and on WASM ends with the same trials', async ({ page }) => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
  await setRetrains(page, '0');
  const planned = await plannedTrials(page);
  const onWebgl = await runOn(page, 'webgl', /WebGL/);
  const onWasm = await runOn(page, 'wasm', /WASM/);
  expect(onWebgl).toHaveLength(planned);
  // The plan promotes a trial: parents are compared, not only trials drawn afresh.
  expect(onWebgl.filter((t) => t.parent !== null).length).toBeGreaterThan(0);
  expect(onWebgl.every((t) => Object.keys(t.hyperparameters).length > 0)).toBe(true);
  expect(onWasm).toEqual(onWebgl);
});

test('the backend menu is locked while a search runs', async ({ page }) => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm&debug=1`, /WASM/);
  await setRetrains(page, '0');
  // The first trial stalls: the search is surely still running while the locks are checked.
  await injectFault(page, { kind: 'stallTrial', trialId: '0000' });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await expect(backendMenu(page)).toBeDisabled();
  await expect(page.getByLabel('Max epochs')).toBeDisabled();
  await expect(page.getByText('Locked while the search runs').first()).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped', { timeout: 60_000 });
  await expect(backendMenu(page)).toBeEnabled();
});

test('the duration estimate follows the backend, and the trainer auto picks there', async ({ page }) => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
  const basis = page.getByTestId('plan-estimate-basis');
  // The speed probe runs once the backend is ready; the estimate appears when it ends.
  await expect(basis).toContainText('on WASM, fused trainer', { timeout: 120_000 });
  await backendMenu(page).selectOption('cpu');
  await expect(page.getByTestId('backend-badge')).toHaveText(/CPU/, { timeout: 60_000 });
  await expect(basis).toContainText('on CPU, fit trainer', { timeout: 120_000 });
  await expect(page.getByTestId('plan-estimate')).toHaveText(/^≈ \d+/);
  await page.getByRole('combobox', { name: /^Trainer/ }).selectOption('fused');
  await expect(basis).toContainText('on CPU, fused trainer');
});
