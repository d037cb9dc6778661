import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { leaderboardRows, openApp, runRow, runsTable, SCREENSHOTS, setRetrains, SMALL_SEARCH, startAndFinish } from './helpers.ts';

test('stored runs: listed after a search, renamed, opened, compared and deleted', async ({ page }) => {
  await openApp(page, `${SMALL_SEARCH}&backend=wasm`, /WASM/);
  await setRetrains(page, '0');
  const runs = runsTable(page);
  await expect(page.getByTestId('runs-panel')).toContainText('Every search is saved here');

  await startAndFinish(page);
  const first = runRow(page, /^seed 1 ·/);
  await expect(first).toHaveAttribute('data-status', 'done');
  await expect(first).toContainText('6 / 6');
  await expect(first).toContainText('WASM');
  await expect(first).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('storage-summary')).toContainText(/Stored runs use .+ of .+ · persistent storage (granted|not granted|unknown)/);

  await page.getByLabel('Seed').fill('2');
  await startAndFinish(page);
  await expect(runs.locator('tbody tr')).toHaveCount(2);
  const second = runRow(page, /^seed 2 ·/);
  await expect(second).toHaveAttribute('aria-current', 'true');
  await expect(first).not.toHaveAttribute('aria-current');
  const secondTop = await leaderboardRows(page).first().getAttribute('data-testid');

  // Rename: Escape cancels, Enter saves.
  await first.getByRole('button', { name: 'Rename', exact: true }).click();
  const nameInput = runs.getByRole('textbox', { name: 'Run name' });
  await expect(nameInput).toBeFocused();
  await nameInput.fill('thrown away');
  await nameInput.press('Escape');
  await expect(runRow(page, /^seed 1 ·/)).toHaveCount(1);
  await expect(first.getByRole('button', { name: 'Rename', exact: true })).toBeFocused();
  await first.getByRole('button', { name: 'Rename', exact: true }).click();
  await nameInput.fill('Baseline, seed 1');
  await nameInput.press('Enter');
  const baseline = runRow(page, 'Baseline, seed 1');
  await expect(baseline).toHaveCount(1);
  await expect(runRow(page, /^seed 1 ·/)).toHaveCount(0);

  // Open the first run: its trials replace the second's, and export works for it.
  await baseline.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(baseline).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('run-status')).toHaveText('done');
  await expect(leaderboardRows(page)).toHaveCount(6);
  await expect(page.getByTestId('trials-ended')).toHaveText('6 / 6');
  expect(secondTop).not.toBeNull();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export best config' }).click();
  const config = JSON.parse(await readFile(await (await downloading).path(), 'utf8')) as { search: { seed: number } };
  expect(config.search.seed).toBe(1);

  // Compare both: two lines, named in the legend.
  await baseline.getByRole('button', { name: 'Compare', exact: true }).click();
  await second.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(baseline.getByRole('button', { name: 'Compare', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const chart = page.getByTestId('compare-chart');
  await expect(chart.locator('g.compare-line')).toHaveCount(2);
  await expect(chart.getByRole('list', { name: 'Compared runs' })).toContainText('Baseline, seed 1');
  await expect(chart.getByRole('list', { name: 'Compared runs' })).toContainText('seed 2 ·');
  // The pointer off the chart (no tooltip), the panel at the top of the window.
  await page.mouse.move(0, 0);
  await page.getByTestId('runs-panel').evaluate((panel) => panel.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SCREENSHOTS}/runs-compare-1280x800-dark.png` });
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await page.screenshot({ path: `${SCREENSHOTS}/runs-compare-1280x800-light.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('runs-panel').evaluate((panel) => panel.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SCREENSHOTS}/runs-compare-390x844-light.png` });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.getByTestId('runs-panel').evaluate((panel) => panel.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SCREENSHOTS}/runs-compare-390x844-dark.png` });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Delete asks first; Cancel keeps the run, Delete removes it (and its line).
  await second.getByRole('button', { name: 'Delete', exact: true }).click();
  await second.getByRole('button', { name: 'Cancel' }).click();
  await expect(runs.locator('tbody tr')).toHaveCount(2);
  await second.getByRole('button', { name: 'Delete', exact: true }).click();
  await second.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(runs.locator('tbody tr')).toHaveCount(1);
  await expect(runRow(page, /^seed 2 ·/)).toHaveCount(0);
  await expect(page.getByTestId('runs-count')).toHaveText('1 stored');
  await expect(chart.locator('g.compare-line')).toHaveCount(1);
});
