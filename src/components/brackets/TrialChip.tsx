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
      data-chip-id={trial.trialId}
      data-status={trial.status}
      aria-pressed={selected}
      title={`Trial ${trial.trialId}: ${trial.status}${score}${trial.run.parentId ? ` · promoted from ${trial.run.parentId}` : ''}${trial.failureReason ? ` · ${trial.failureReason}` : ''}${trial.divergence ? ` · ${describeDivergence(trial.divergence)}` : ''}`}
      onClick={() => selectTrial(trial.trialId)}
      onMouseEnter={() => onHover(trial.trialId)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onHover(trial.trialId)}
      onBlur={() => onHover(null)}
    >
      <span className="mono">{trial.trialId}</span>
      <span className={styles.state}>{trial.divergence && trial.status === 'completed' ? 'diverged' : trial.status}</span>
      {trial.score !== null && <span className={`${styles.score} num`}>{formatMetric(trial.score, 3)}</span>}
      {trial.run.parentId && <span className={`${styles.parent} faint mono`}>↳ from {trial.run.parentId}</span>}
    </button>
  );
});

export function PlannedSlot() {
  return <div className={`${styles.chip} ${styles.planned}`} aria-label="planned slot, not created yet">planned</div>;
}
