import { expect, test, type Page } from '@playwright/test';
import { backendMenu, leaderboardRows, openApp, plannedTrials, SMALL_SEARCH, setRetrains, startAndFinish } from './helpers.ts';

async function runOn(page: Page, backend: string, badge: RegExp): Promise<number> {
  await backendMenu(page).selectOption(backend);
  await expect(page.getByTestId('backend-badge')).toHaveText(badge, { timeout: 60_000 });
  await startAndFinish(page);
  return leaderboardRows(page).count();
}

test('the same search on WebGL and on WASM ends with the same trials', async ({ page }) => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
  await setRetrains(page, '0');
  const planned = await plannedTrials(page);
  const onWebgl = await runOn(page, 'webgl', /WebGL/);
  const onWasm = await runOn(page, 'wasm', /WASM/);
  expect(onWebgl).toBe(planned);
  expect(onWasm).toBe(onWebgl);
});

test('the backend menu is locked while a search runs', async ({ page }) => {
  await openApp(page, `${SMALL_SEARCH}&trainLimit=6400&backend=wasm`, /WASM/);
  await setRetrains(page, '0');
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
  await expect(basis).toContainText('on WASM, fused trainer');
  await backendMenu(page).selectOption('cpu');
  await expect(page.getByTestId('backend-badge')).toHaveText(/CPU/, { timeout: 60_000 });
  await expect(basis).toContainText('on CPU, fit trainer');
  await expect(page.getByTestId('plan-estimate')).toHaveText(/^≈ \d+/);
  await page.getByRole('combobox', { name: /^Trainer/ }).selectOption('fused');
  await expect(basis).toContainText('on CPU, fused trainer');
});
