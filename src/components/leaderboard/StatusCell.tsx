import { describeDivergence } from '../../charts/palette.ts';
import type { Divergence } from '../../engine/trial.ts';
import type { TrialViewStatus } from '../../store/runState.ts';

/**
 * The status word, and for a failed trial the reason (shortened here, whole in the title). A trial
 * that completed after its loss diverged reads "diverged", with the epoch and batch.
 */
export function StatusCell({ status, reason, divergence }: { status: TrialViewStatus; reason: string | null; divergence: Divergence | null }) {
  const diverged = status === 'completed' && divergence !== null;
  return (
    <span className="status-cell">
      <span className={`status status--${diverged ? 'diverged' : status}`} data-testid="status-word">{diverged ? 'diverged' : status}</span>
      {diverged && (
        <span className="failure-reason" title={`${describeDivergence(divergence)}; it completed as KerasTuner completes it, scored ${divergence.nanModelValAccuracy.toFixed(4)} val_accuracy (a NaN model's) from there on`}>
          {describeDivergence(divergence).replace('diverged ', '')}
        </span>
      )}
      {status === 'failed' && reason && (
        <span className="failure-reason" title={reason}>
          {reason}
        </span>
      )}
    </span>
  );
}
