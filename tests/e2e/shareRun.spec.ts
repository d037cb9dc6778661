import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { leaderboardRows, openApp, runRow, setRetrains, shownTrials, SMALL_SEARCH, startAndFinish } from './helpers.ts';

const QUERY = `${SMALL_SEARCH}&backend=wasm`;

async function importRun(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Import run').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a run exported with its weights is imported in a fresh browser, opened, and a corrupted copy changes nothing', async ({ page, browser }) => {
  await openApp(page, QUERY, /WASM/);
  await setRetrains(page, '0');
  await startAndFinish(page);
  const original = runRow(page, /^seed 1 ·/);
  await expect(original).toContainText('6 / 6');
  const originalTrials = await shownTrials(page);
  expect(originalTrials).toHaveLength(6);
  const originalBest = await original.locator('td[data-label="Best"]').innerText();

  await page.getByLabel('Export run includes weights').check();
  const downloading = page.waitForEvent('download');
  await original.getByRole('button', { name: 'Export run' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^rung-run-seed-1-.+\.json$/);
  const text = await readFile(await download.path(), 'utf8');
  const archive = JSON.parse(text) as { format: string; trials: unknown[]; checkpoints: { trialId: string }[] };
  expect(archive.format).toBe('rung-run');
  expect(archive.trials).toHaveLength(6);
  expect(archive.checkpoints.length).toBeGreaterThan(0);

  // Another browser: its own, empty storage.
  const context = await browser.newContext();
  const other = await context.newPage();
  await openApp(other, QUERY, /WASM/);
  await expect(other.getByTestId('runs-count')).toHaveText('0 stored');
  await importRun(other, 'shared.json', text);
  await expect(other.getByRole('status').filter({ hasText: /Imported "seed 1 · .+ \(imported\)" with 6 trials\./ })).toBeVisible();
  const imported = runRow(other, /^seed 1 · .+ \(imported\)/);
  await expect(other.getByTestId('runs-count')).toHaveText('1 stored');
  await expect(imported).toHaveAttribute('data-status', 'done');
  await expect(imported).toContainText('6 / 6');
  await expect(imported.locator('td[data-label="Best"]')).toHaveText(originalBest);
  await imported.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(other.getByTestId('run-status')).toHaveText('done');
  await expect(leaderboardRows(other)).toHaveCount(6);
  expect(await shownTrials(other)).toEqual(originalTrials);

  // A copy whose first trial names a trial the oracle never made: refused, saying which, and nothing added.
  const corrupted = JSON.parse(text) as { trials: { trialId: string; run: { trialId: string } }[] };
  corrupted.trials[0]!.trialId = '9999';
  corrupted.trials[0]!.run.trialId = '9999';
  await importRun(other, 'corrupted.json', JSON.stringify(corrupted));
  await expect(other.getByRole('alert').filter({ hasText: 'corrupted.json was not imported' })).toHaveText(
    /corrupted\.json was not imported: trials\[0\]\.trialId: trial "9999" is not in the run's oracle state/,
  );
  await expect(other.getByTestId('runs-count')).toHaveText('1 stored');
  await context.close();
});
