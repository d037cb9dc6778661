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
  /** The class that pins the column at the left while the others scroll (the first five columns). */
  pinClass?: string;
  /** The header's tooltip, where the label alone is terse. */
  title?: string;
}

/**
 * What ranks a trial comes first and stays pinned (rank, trial, status, score, epochs), then the
 * hyperparameters in registration order, then the secondary figures.
 */
export function leaderboardColumns(hyperparameterNames: readonly string[], objective: string): Column[] {
  return [
    { key: 'rank', label: 'Rank', numeric: true, pinClass: styles.pinRank, render: (r) => r.rank ?? '—' },
    {
      key: 'trialId',
      label: 'Trial',
      numeric: false,
      pinClass: styles.pinTrial,
      render: (r) => (
        <>
          <span className="mono">{r.trialId}</span>
          {r.parentId && <span className={`faint parent-ref ${styles.parentRef}`} title={`Promoted from trial ${r.parentId}`}> ↳{r.parentId}</span>}
        </>
      ),
    },
    { key: 'status', label: 'Status', numeric: false, pinClass: styles.pinStatus, render: (r) => <StatusCell status={r.status} reason={r.failureReason} divergence={r.divergence} /> },
    { key: 'score', label: 'Score', numeric: true, pinClass: styles.pinScore, title: `${objective} at the trial's best epoch (the oracle's score)`, render: (r) => formatMetric(r.score) },
    { key: 'epochsTrained', label: 'Epochs', numeric: true, pinClass: styles.pinEpochs, render: (r) => r.epochsTrained },
    ...hyperparameterNames.map((name) => ({
      key: name,
      label: name,
      numeric: true,
      render: (r: LeaderboardRow) => formatValue(r.hyperparameters[name]),
      cellData: { 'data-hp': name },
    })),
    { key: 'bracket', label: 'Bracket / round', numeric: false, render: (r) => <span title={`bracket ${r.bracket}, round ${r.round}`}>b{r.bracket} · r{r.round}</span> },
    { key: 'bestValAccuracy', label: 'Best val_accuracy', numeric: true, render: (r) => formatMetric(r.bestValAccuracy) },
    { key: 'valLoss', label: 'val_loss', numeric: true, render: (r) => formatMetric(r.valLoss) },
    { key: 'durationMs', label: 'Duration', numeric: true, render: (r) => (r.durationMs === null ? '—' : formatShortDuration(r.durationMs)) },
    { key: 'spaceVersion', label: 'Space', numeric: false, render: (r) => (r.spaceVersion > 0 ? <span className="tag" title={`Drawn from search space version ${r.spaceVersion}`}>v{r.spaceVersion}</span> : <span className="faint">v0</span>) },
  ];
}

/** A cell's classes: numeric alignment, and the pin of the first columns. */
export function cellClass(column: Column): string | undefined {
  return [column.numeric ? 'num' : '', column.pinClass ?? ''].filter(Boolean).join(' ') || undefined;
}
