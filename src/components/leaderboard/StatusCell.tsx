import { describeDivergence } from '../../charts/palette.ts';
import type { Divergence } from '../../engine/trial.ts';
import type { TrialViewStatus } from '../../store/runState.ts';
import styles from './StatusCell.module.css';

/**
 * The status word, and for a failed trial the reason (shortened here, whole in the title). A trial
 * that completed after its loss diverged reads "diverged", with the epoch and batch.
 */
export function StatusCell({ status, reason, divergence }: { status: TrialViewStatus; reason: string | null; divergence: Divergence | null }) {
  const diverged = status === 'completed' && divergence !== null;
  return (
    <span className={styles.cell}>
      <span className="status-word" data-status={diverged ? 'diverged' : status} data-testid="status-word">{diverged ? 'diverged' : status}</span>
      {diverged && (
        <span className={styles.reason} title={`${describeDivergence(divergence)}; it completed as KerasTuner completes it, scored ${divergence.nanModelValAccuracy.toFixed(4)} val_accuracy (a NaN model's) from there on`}>
          {describeDivergence(divergence).replace('diverged ', '')}
        </span>
      )}
      {status === 'failed' && reason && (
        <span className={styles.reason} title={reason}>
          {reason}
        </span>
      )}
    </span>
  );
}
