import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/appStore.ts';
import { runSpaces, type TrialViewStatus } from '../../store/runState.ts';
import { brushedTrialIds } from '../../store/selectors/insight.ts';
import { leaderboardRows, sortRows } from '../../store/selectors/leaderboard.ts';
import { filterLeaderboard, sortLeaderboard } from '../../store/viewActions.ts';
import { Panel } from '../Panel.tsx';
import { useLiveResults } from '../useChartRun.ts';
import { useOnScreen } from '../useOnScreen.ts';
import { SKIP_TARGETS } from '../SkipLinks.tsx';
import { cellClass, leaderboardColumns } from './columns.tsx';
import { LeaderboardRowView } from './LeaderboardRowView.tsx';
import styles from './Leaderboard.module.css';

const STATUSES: (TrialViewStatus | 'all')[] = ['all', 'pending', 'running', 'completed', 'failed', 'interrupted'];

export function Leaderboard() {
  const [panelRef, onScreen] = useOnScreen<HTMLElement>();
  const run = useLiveResults(onScreen);
  const { sort, filter, selectedTrialId } = useAppStore(useShallow((s) => ({ sort: s.leaderboardSort, filter: s.statusFilter, selectedTrialId: s.selectedTrialId })));
  const brushes = useAppStore((s) => s.brushes);
  const allRows = useMemo(() => leaderboardRows(run), [run]);
  const kept = useMemo(() => brushedTrialIds(run, brushes), [run, brushes]);
  const rows = useMemo(
    () => sortRows(allRows.filter((r) => (filter === 'all' || r.status === filter) && (!kept || kept.has(r.trialId))), sort.key, sort.direction),
    [allRows, filter, kept, sort],
  );
  const hyperparameterNames = useMemo(() => {
    const registered = runSpaces(run)[0]?.hyperparameters.map((hp) => hp.name) ?? [];
    const seen = new Set(allRows.flatMap((r) => Object.keys(r.hyperparameters)));
    return [...registered.filter((n) => seen.has(n)), ...[...seen].filter((n) => !registered.includes(n))];
  }, [run, allRows]);
  const columns = useMemo(() => leaderboardColumns(hyperparameterNames, run.settings?.objective ?? 'val_accuracy'), [hyperparameterNames, run.settings?.objective]);
  const filterControl = (
    <label className="inline-field">
      <span>Status</span>
      <select value={filter} onChange={(e) => filterLeaderboard(e.target.value as TrialViewStatus | 'all')}>
        {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
    </label>
  );
  return (
    <Panel title="Leaderboard" actions={filterControl} testId="leaderboard-panel" focusTargetId={SKIP_TARGETS.leaderboard} sectionRef={panelRef}>
      <p className={`faint ${styles.count}`} data-testid="leaderboard-count">{rows.length} of {allRows.length} trials{kept ? ', filtered by the brushes in "Why it wins"' : ''}</p>
      <div className="table-scroll">
        <table className={`data-table ${styles.table}`} aria-label="Leaderboard">
          <thead>
            <tr>
              {columns.map((column) => {
                const sorted = sort.key === column.key;
                return (
                  <th key={column.key} scope="col" aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined} className={cellClass(column)} title={column.title}>
                    <button type="button" className={styles.sortButton} onClick={() => sortLeaderboard(column.key)}>
                      {column.label}
                      <span className={styles.sortMark} aria-hidden="true">{sorted ? (sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => <LeaderboardRowView key={row.trialId} row={row} columns={columns} selected={row.trialId === selectedTrialId} />)}
          </tbody>
        </table>
        {allRows.length === 0 && <p className={`muted ${styles.empty}`}>Trials appear here once the search starts.</p>}
      </div>
    </Panel>
  );
}
