import type { ReactNode } from 'react';
import type { LeaderboardRow } from '../../store/selectors/leaderboard.ts';
import { formatMetric, formatShortDuration, formatValue } from '../format.ts';
import styles from './Leaderboard.module.css';
import { StatusCell } from './StatusCell.tsx';

export interface Column {
  /** The sort key sortRows understands. */
  key: string;
  label: string;
  numeric: boolean;
  render(row: LeaderboardRow): ReactNode;
  /** Marks the cell, e.g. data-hp for a hyperparameter column (tests compare it with the export). */
  cellData?: Record<string, string>;
}

export function leaderboardColumns(hyperparameterNames: readonly string[]): Column[] {
  return [
    { key: 'rank', label: 'Rank', numeric: true, render: (r) => r.rank ?? '—' },
    {
      key: 'trialId',
      label: 'Trial',
      numeric: false,
      render: (r) => (
        <>
          <span className="mono">{r.trialId}</span>
          {r.parentId && <span className={`faint parent-ref ${styles.parentRef}`} title={`Promoted from trial ${r.parentId}`}> ↳{r.parentId}</span>}
        </>
      ),
    },
    { key: 'bracket', label: 'Bracket / round', numeric: false, render: (r) => <span title={`bracket ${r.bracket}, round ${r.round}`}>b{r.bracket} · r{r.round}</span> },
    ...hyperparameterNames.map((name) => ({
      key: name,
      label: name,
      numeric: true,
      render: (r: LeaderboardRow) => formatValue(r.hyperparameters[name]),
      cellData: { 'data-hp': name },
    })),
    { key: 'epochsTrained', label: 'Epochs', numeric: true, render: (r) => r.epochsTrained },
    { key: 'bestValAccuracy', label: 'Best val_accuracy', numeric: true, render: (r) => formatMetric(r.bestValAccuracy) },
    { key: 'valLoss', label: 'val_loss', numeric: true, render: (r) => formatMetric(r.valLoss) },
    { key: 'durationMs', label: 'Duration', numeric: true, render: (r) => (r.durationMs === null ? '—' : formatShortDuration(r.durationMs)) },
    { key: 'status', label: 'Status', numeric: false, render: (r) => <StatusCell status={r.status} reason={r.failureReason} divergence={r.divergence} /> },
    { key: 'spaceVersion', label: 'Space', numeric: false, render: (r) => (r.spaceVersion > 0 ? <span className="tag" title={`Drawn from search space version ${r.spaceVersion}`}>v{r.spaceVersion}</span> : <span className="faint">v0</span>) },
  ];
}
