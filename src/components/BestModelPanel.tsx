import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { REFERENCE_RESULTS } from '../engine/referenceDefaults.ts';
import { useAppStore } from '../store/appStore.ts';
import { canRetrainShownRun, retrainBest } from '../store/searchActions.ts';
import { leaderboardRows } from '../store/selectors/leaderboard.ts';
import { selectTrial } from '../store/viewActions.ts';
import { formatMetric, formatPercent, formatValue } from './format.ts';
import { Panel } from './Panel.tsx';
import { useLiveResults } from './useChartRun.ts';
import { useOnScreen } from './useOnScreen.ts';
import { RetrainStatus } from './RetrainStatus.tsx';
import styles from './BestModelPanel.module.css';

/** The best configuration so far, its retrain after the search, and the test accuracy against the reference run. */
export function BestModelPanel() {
  const [panelRef, onScreen] = useOnScreen<HTMLElement>();
  const run = useLiveResults(onScreen);
  const { retrain, retrainable } = useAppStore(useShallow((s) => ({ retrain: s.run.retrain, retrainable: canRetrainShownRun(s) })));
  const best = useMemo(() => leaderboardRows(run).find((r) => r.rank === 1) ?? null, [run]);
  // Only the run this tab's worker ran can be retrained here (not one opened from the list).
  const ownTest = retrain?.evaluation?.accuracy ?? null;
  const canRetrain = run.status === 'stopped' && best !== null && retrain?.status !== 'running' && retrainable;
  return (
    <Panel title="Best model" testId="best-model-panel" sectionRef={panelRef}>
      {best === null ? (
        <p className="muted">The best configuration appears once a trial completes.</p>
      ) : (
        <div className={styles.bestModel}>
          <p>
            <button type="button" className="link mono" onClick={() => selectTrial(best.trialId)} aria-label={`Select trial ${best.trialId}`}>
              Trial {best.trialId}
            </button>
            <span className="muted"> · best val_accuracy </span>
            <span className="num" data-testid="best-val-accuracy">{formatMetric(best.bestValAccuracy)}</span>
            {run.status === 'running' || run.status === 'paused' ? <span className="faint"> (so far)</span> : null}
          </p>
          <dl className={styles.hyperparameters} data-testid="best-hyperparameters">
            {Object.entries(best.hyperparameters).map(([name, value]) => (
              <div key={name}>
                <dt className="mono">{name}</dt>
                <dd className="num" data-hp={name}>{formatValue(value)}</dd>
              </div>
            ))}
          </dl>
          <RetrainStatus retrain={retrain} />
          <p className={styles.reference} data-testid="reference-comparison">
            <span className="muted">Test accuracy: KerasTuner reference run (another machine, unknown seed; full MNIST, max_epochs 10) </span>
            <span className="num">{formatPercent(REFERENCE_RESULTS.testAccuracy)}</span>
            <span className="muted"> · this run, measured here </span>
            <span className="num" data-testid="own-test-accuracy">{ownTest === null ? 'not tested yet' : formatPercent(ownTest)}</span>
          </p>
          {canRetrain && (
            <button type="button" onClick={retrainBest}>
              Retrain best
            </button>
          )}
        </div>
      )}
    </Panel>
  );
}
