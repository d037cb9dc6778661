import type { RetrainView } from '../store/runState.ts';
import { formatPercent } from './format.ts';
import { ProgressBar } from './ProgressBar.tsx';
import styles from './RetrainStatus.module.css';

/** The best configuration retrained for max_epochs: progress, then the test accuracy of each run. */
export function RetrainStatus({ retrain }: { retrain: RetrainView | null }) {
  if (!retrain) return null;
  if (retrain.status === 'running' || !retrain.evaluation) {
    return (
      <div className={styles.retrain}>
        <p className="muted">
          Retraining the best configuration: run {retrain.retrain} of {retrain.retrains}, epoch {retrain.epoch} of {retrain.epochs}
        </p>
        <ProgressBar label="Retrain progress" value={Math.round(retrain.fraction * 1000) / 10} max={100} valueText={`${Math.round(retrain.fraction * 100)}%`} testId="retrain-progress" />
      </div>
    );
  }
  const { evaluation } = retrain;
  return (
    <div className={styles.retrain}>
      <p className={styles.testAccuracy}>
        <span className="muted">Test accuracy{evaluation.runs.length > 1 ? ` (mean of ${evaluation.runs.length})` : ''}: </span>
        <strong className="num" data-testid="test-accuracy">{formatPercent(evaluation.accuracy)}</strong>
        <span className="faint"> after {evaluation.epochs} epochs</span>
      </p>
      {evaluation.runs.length > 1 && (
        <ul className={styles.runs}>
          {evaluation.runs.map((r, i) => (
            <li key={i} className="num">
              run {i + 1}: {formatPercent(r.accuracy)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
