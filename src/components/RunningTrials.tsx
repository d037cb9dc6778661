import type { RunningTrial } from '../store/selectors/progress.ts';
import { selectTrial } from '../store/viewActions.ts';
import { ProgressBar } from './ProgressBar.tsx';
import styles from './RunningTrials.module.css';

/** The trials training now: absolute epoch and batches of the current epoch. */
export function RunningTrials({ trials }: { trials: RunningTrial[] }) {
  if (trials.length === 0) return null;
  return (
    <ul className={styles.list} aria-label="Running trials">
      {trials.map(({ trial, progress }) => (
        <li key={trial.trialId} className={styles.trial} data-testid={`running-trial-${trial.trialId}`}>
          <button type="button" className="link mono" onClick={() => selectTrial(trial.trialId)} aria-label={`Select trial ${trial.trialId}`}>
            {trial.trialId}
          </button>
          <span className={`${styles.epoch} num`}>{progress ? `epoch ${progress.epoch} of ${trial.run.epochs}` : 'starting…'}</span>
          <ProgressBar
            size="small"
            label={`Trial ${trial.trialId} batches`}
            value={progress?.batchesDone ?? 0}
            max={progress?.batchesTotal ?? 1}
            valueText={progress ? `batch ${progress.batchesDone} of ${progress.batchesTotal}` : 'not started'}
            testId={`batch-progress-${trial.trialId}`}
          />
          <span className={`${styles.batches} num faint`}>{progress ? `${progress.batchesDone}/${progress.batchesTotal}` : ''}</span>
        </li>
      ))}
    </ul>
  );
}
