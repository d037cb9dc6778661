import type { TrialView } from '../store/runState.ts';
import { selectTrial } from '../store/viewActions.ts';
import { ProgressBar } from './ProgressBar.tsx';
import styles from './RunningTrials.module.css';

/** The trials training now: absolute epoch and batches of the current epoch. */
export function RunningTrials({ trials }: { trials: TrialView[] }) {
  if (trials.length === 0) return null;
  return (
    <ul className={styles.list} aria-label="Running trials">
      {trials.map((trial) => {
        const progress = trial.progress;
        return (
          <li key={trial.id} className={styles.trial} data-testid={`running-trial-${trial.id}`}>
            <button type="button" className="link mono" onClick={() => selectTrial(trial.id)} aria-label={`Select trial ${trial.id}`}>
              {trial.id}
            </button>
            <span className={`${styles.epoch} num`}>{progress ? `epoch ${progress.epoch} of ${trial.epochs}` : 'starting…'}</span>
            <ProgressBar
              size="small"
              label={`Trial ${trial.id} batches`}
              value={progress?.batchesDone ?? 0}
              max={progress?.batchesTotal ?? 1}
              valueText={progress ? `batch ${progress.batchesDone} of ${progress.batchesTotal}` : 'not started'}
              testId={`batch-progress-${trial.id}`}
            />
            <span className={`${styles.batches} num faint`}>{progress ? `${progress.batchesDone}/${progress.batchesTotal}` : ''}</span>
          </li>
        );
      })}
    </ul>
  );
}
