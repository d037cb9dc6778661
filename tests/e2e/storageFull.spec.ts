import { expect, test, type Page } from '@playwright/test';
import { checkpointsToKeep } from '../../src/engine/checkpointPolicy.ts';
import type { OracleState } from '../../src/engine/oracleState.ts';
import { leaderboardRows, openApp, plannedTrials, runRow, SEARCH_TIMEOUT, setRetrains, SMALL_SEARCH } from './helpers.ts';

interface StoredRun {
  oracle: OracleState;
  trials: { trialId: string; status: string; epochs: number }[];
  checkpoints: string[];
}

/** The only run in this browser's IndexedDB, read directly: the run record, its trials and checkpoint ids. */
function readStoredRun(page: Page): Promise<StoredRun> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('rung');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T,>(store: string): Promise<T[]> =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const [runs, trials, checkpoints] = await Promise.all([
      all<{ oracle: OracleState }>('runs'),
      all<{ trialId: string; status: string; epochs: unknown[] }>('trials'),
      all<{ trialId: string }>('checkpoints'),
    ]);
    db.close();
    if (runs.length !== 1) throw new Error(`expected one stored run, found ${runs.length}`);
    return {
      oracle: runs[0]!.oracle,
      trials: trials.map((t) => ({ trialId: t.trialId, status: t.status, epochs: t.epochs.length })),
      checkpoints: checkpoints.map((c) => c.trialId),
    };
  });
}

test('a write refused by a full disk is written once space is freed: every trial and checkpoint is stored', async ({ page }) => {
  // A whole search, a pause and a reload: more than one search's time on a loaded machine.
  test.slow();
  await openApp(page, `${SMALL_SEARCH}&backend=wasm&debug=1`, /WASM/);
  await setRetrains(page, '0');
  const planned = await plannedTrials(page);
  // Trial 0001 is in the first round: the write that stores its end carries the checkpoint a
  // promotion needs. Armed before Start, so it waits for that write whatever the timing.
  await page.evaluate(() => window.rung!.injectFault({ kind: 'fillStorage', whenTrialEnds: '0001' }));
  await page.getByRole('button', { name: 'Start' }).click();
  // One notice per refused write: the trial ends and epochs that came before the pause took hold.
  await expect(page.getByRole('alert').filter({ hasText: 'Search paused: browser storage is full' }).first()).toBeVisible({ timeout: SEARCH_TIMEOUT });
  await expect(page.getByTestId('run-status')).toHaveText('paused');

  await page.evaluate(() => window.rung!.injectFault({ kind: 'freeStorage' }));
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: SEARCH_TIMEOUT });
  await expect(page.getByTestId('trials-ended')).toHaveText(`${planned} / ${planned}`);
  // The final write is on its way to the database when the page says done.
  await expect.poll(async () => (await readStoredRun(page)).trials.filter((t) => t.status === 'completed').length, { timeout: 30_000 }).toBe(planned);

  const stored = await readStoredRun(page);
  expect(stored.oracle.trials.map((t) => t.status)).toEqual(Array(planned).fill('completed'));
  const trials = new Map(stored.trials.map((t) => [t.trialId, t]));
  for (const trial of stored.oracle.trials) {
    expect(trials.get(trial.trialId), `trial ${trial.trialId}`).toEqual({ trialId: trial.trialId, status: 'completed', epochs: trial.epochs - trial.initialEpoch });
  }
  const needed = [...checkpointsToKeep(stored.oracle)];
  expect(needed.length).toBeGreaterThan(0);
  expect(stored.checkpoints.sort()).toEqual(needed.sort());

  // After a reload the stored run opens whole: every trial completed, nothing missing.
  await page.reload();
  await expect(page.getByTestId('backend-badge')).toHaveText(/WASM/, { timeout: 60_000 });
  const row = runRow(page, /^seed 1 ·/);
  await expect(row).toHaveAttribute('data-status', 'done');
  await row.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done');
  await expect(page.getByTestId('trials-ended')).toHaveText(`${planned} / ${planned}`);
  await expect(leaderboardRows(page)).toHaveCount(planned);
  await expect(page.getByRole('table', { name: 'Leaderboard' }).locator('tbody tr:not([data-status="completed"])')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
