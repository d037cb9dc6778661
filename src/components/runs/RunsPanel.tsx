import { useMemo, useState, type ChangeEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CompareBestSoFar, type CompareSeries } from '../../charts/CompareBestSoFar.tsx';
import { useAppStore, type StorageState } from '../../store/appStore.ts';
import { addNotice } from '../../store/notices.ts';
import { clearCompare, importRunArchive } from '../../store/runsActions.ts';
import { runsListRows } from '../../store/selectors/runsList.ts';
import { formatBytes } from '../format.ts';
import { Panel } from '../Panel.tsx';
import { RunRow } from './RunRow.tsx';
import styles from './RunsPanel.module.css';

function StorageSummary({ storage }: { storage: StorageState }) {
  if (storage.unavailableReason) {
    return (
      <p className={`${styles.storageLine} ${styles.storageProblem}`} data-testid="storage-summary">
        Runs cannot be stored in this browser: {storage.unavailableReason}. Searches still run, but are lost on reload.
      </p>
    );
  }
  const usage = storage.usageBytes === null ? null : formatBytes(storage.usageBytes);
  const quota = storage.quotaBytes === null ? null : formatBytes(storage.quotaBytes);
  const persisted = storage.persisted === null ? 'persistent storage unknown' : storage.persisted ? 'persistent storage granted' : 'persistent storage not granted';
  return (
    <div className={styles.storage}>
      <p className={styles.storageLine} data-testid="storage-summary">
        {usage === null ? 'Storage use unknown' : `Stored runs use ${usage}${quota ? ` of ${quota}` : ''}`}
        <span className="faint"> · </span>
        <span className={storage.persisted ? styles.persisted : undefined}>{persisted}</span>
      </p>
      <p className={`faint ${styles.storageNote}`}>
        Runs live in this browser&rsquo;s IndexedDB, on this device only. Deleting a run here, or clearing this site&rsquo;s data, removes them
        {storage.persisted ? '.' : '; without persistent storage the browser may also clear them when the disk runs low.'}
      </p>
    </div>
  );
}

/** A run archive with the weights of a large search runs to hundreds of megabytes; larger files are refused unread. */
const MAX_RUN_ARCHIVE_BYTES = 512 * 1024 * 1024;

async function importFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
  const input = event.currentTarget;
  const file = input.files?.[0];
  input.value = '';
  if (!file) return;
  if (file.size > MAX_RUN_ARCHIVE_BYTES) {
    addNotice('error', `${file.name} was not imported: it is ${formatBytes(file.size)}, and an import reads at most ${formatBytes(MAX_RUN_ARCHIVE_BYTES)}.`);
    return;
  }
  await importRunArchive(await file.text(), file.name);
}

/** Import run, and whether Export run takes the weights along. */
function ArchiveControls({ includeWeights, onIncludeWeights }: { includeWeights: boolean; onIncludeWeights: (include: boolean) => void }) {
  return (
    <div className={styles.archive}>
      <label className={`button small ${styles.fileButton}`}>
        Import run
        <input type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => void importFile(e)} />
      </label>
      <label className="toggle">
        <input type="checkbox" checked={includeWeights} onChange={(e) => onIncludeWeights(e.target.checked)} />
        Export run includes weights
      </label>
      <p className="faint">A run exported here, with its trials, epochs and oracle state, opens in any browser&rsquo;s Runs panel; with its weights an unfinished run can be resumed there.</p>
    </div>
  );
}

/** Every stored run, newest first, with its actions, the storage it takes, and the comparison chart. */
export function RunsPanel() {
  const { runs, runId, status, retrain, access, compare, backendStatus, storage } = useAppStore(
    useShallow((s) => ({
      runs: s.runs, runId: s.run.runId, status: s.run.status, retrain: s.run.retrain, access: s.access, compare: s.compare,
      backendStatus: s.backendStatus, storage: s.storage,
    })),
  );
  const rows = useMemo(
    () => runsListRows({ runs, access, compare, backendStatus, run: { runId, status, retrain } }),
    [runs, access, compare, backendStatus, runId, status, retrain],
  );
  const series = useMemo<CompareSeries[]>(
    () =>
      compare.runIds.flatMap((id) => {
        const summary = runs.find((r) => r.runId === id);
        if (!summary) return [];
        return [{ runId: id, name: summary.name, objective: summary.settings.objective, totalTrials: summary.trialsPlanned, points: compare.curves[id] ?? [] }];
      }),
    [compare, runs],
  );
  const [includeWeights, setIncludeWeights] = useState(false);
  const count = <span className="faint" data-testid="runs-count">{runs.length} stored</span>;
  return (
    <Panel title="Runs" actions={count} testId="runs-panel">
      <StorageSummary storage={storage} />
      <ArchiveControls includeWeights={includeWeights} onIncludeWeights={setIncludeWeights} />
      {rows.length === 0 ? (
        <p className={`muted ${styles.empty}`}>Every search is saved here as it runs: after a reload or a crash it can be resumed.</p>
      ) : (
        <div className={styles.tableBox}>
          {/* Explicit roles: on a narrow panel the rows become cards (CSS), and stay a table to assistive tech. */}
          <table className={`data-table ${styles.table}`} role="table" aria-label="Runs">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">Run</th>
                <th scope="col" role="columnheader">Status</th>
                <th scope="col" role="columnheader" className="num">Trials ended</th>
                <th scope="col" role="columnheader" className="num">Best score</th>
                <th scope="col" role="columnheader">Backend</th>
                <th scope="col" role="columnheader">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {rows.map((row) => <RunRow key={row.summary.runId} row={row} canResume={access === 'writer'} includeWeights={includeWeights} />)}
            </tbody>
          </table>
        </div>
      )}
      <section className={styles.compare} aria-labelledby="compare-title">
        <div className={styles.compareHeader}>
          <h3 id="compare-title">Compare</h3>
          {series.length > 0 && (
            <button type="button" className="small" onClick={clearCompare}>
              Clear comparison
            </button>
          )}
        </div>
        {series.length === 0 ? (
          <p className="faint">Press Compare on up to two runs to draw their best-so-far curves together; a third replaces the first.</p>
        ) : (
          <CompareBestSoFar series={series} />
        )}
      </section>
    </Panel>
  );
}
