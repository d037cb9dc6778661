import type { RunningTrial } from '../store/selectors/progress.ts';
import { selectTrial } from '../store/viewActions.ts';
import { ProgressBar } from './ProgressBar.tsx';

/** The trials training now: absolute epoch and batches of the current epoch. */
export function RunningTrials({ trials }: { trials: RunningTrial[] }) {
  if (trials.length === 0) return null;
  return (
    <ul className="running-trials" aria-label="Running trials">
      {trials.map(({ trial, progress }) => (
        <li key={trial.id} className="running-trial" data-testid={`running-trial-${trial.id}`}>
          <button type="button" className="link mono" onClick={() => selectTrial(trial.id)} aria-label={`Select trial ${trial.id}`}>
            {trial.id}
          </button>
          <span className="running-epoch num">{progress ? `epoch ${progress.epoch} of ${trial.epochs}` : 'starting…'}</span>
          <ProgressBar
            size="small"
            label={`Trial ${trial.id} batches`}
            value={progress?.batchesDone ?? 0}
            max={progress?.batchesTotal ?? 1}
            valueText={progress ? `batch ${progress.batchesDone} of ${progress.batchesTotal}` : 'not started'}
            testId={`batch-progress-${trial.id}`}
          />
          <span className="running-batches num faint">{progress ? `${progress.batchesDone}/${progress.batchesTotal}` : ''}</span>
        </li>
      ))}
    </ul>
  );
}
