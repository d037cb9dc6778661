import type { TrialViewStatus } from '../../store/runState.ts';

/** The status word, and for a failed trial the reason (shortened here, whole in the title). */
export function StatusCell({ status, reason }: { status: TrialViewStatus; reason: string | null }) {
  return (
    <span className="status-cell">
      <span className={`status status--${status}`}>{status}</span>
      {status === 'failed' && reason && (
        <span className="failure-reason" title={reason}>
          {reason}
        </span>
      )}
    </span>
  );
}
