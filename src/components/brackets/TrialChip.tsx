import { memo } from 'react';
import type { TrialView } from '../../store/runState.ts';
import { selectTrial } from '../../store/viewActions.ts';
import { describeDivergence } from '../../charts/palette.ts';
import { formatMetric } from '../format.ts';
import styles from './TrialChip.module.css';

interface TrialChipProps {
  trial: TrialView;
  selected: boolean;
  /** The chip's parent or child is hovered: drawn highlighted. */
  highlighted: boolean;
  onHover(trialId: string | null): void;
}

export const TrialChip = memo(function TrialChip({ trial, selected, highlighted, onHover }: TrialChipProps) {
  const classes = [styles.chip, selected && styles.isSelected, highlighted && styles.isHighlighted].filter(Boolean).join(' ');
  const score = trial.score === null ? '' : ` · score ${formatMetric(trial.score)}`;
  return (
    <button
      type="button"
      className={classes}
      data-chip-id={trial.id}
      data-status={trial.status}
      aria-pressed={selected}
      title={`Trial ${trial.id}: ${trial.status}${score}${trial.parentId ? ` · promoted from ${trial.parentId}` : ''}${trial.failureReason ? ` · ${trial.failureReason}` : ''}${trial.divergence ? ` · ${describeDivergence(trial.divergence)}` : ''}`}
      onClick={() => selectTrial(trial.id)}
      onMouseEnter={() => onHover(trial.id)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onHover(trial.id)}
      onBlur={() => onHover(null)}
    >
      <span className="mono">{trial.id}</span>
      <span className={styles.state}>{trial.divergence && trial.status === 'completed' ? 'diverged' : trial.status}</span>
      {trial.score !== null && <span className={`${styles.score} num`}>{formatMetric(trial.score, 3)}</span>}
      {trial.parentId && <span className={`${styles.parent} faint mono`}>↳ from {trial.parentId}</span>}
    </button>
  );
});

export function PlannedSlot() {
  return <div className={`${styles.chip} ${styles.planned}`} aria-label="planned slot, not created yet">planned</div>;
}
