import { useAppStore } from '../store/appStore.ts';
import { isActiveStatus } from '../store/selectors/runActivity.ts';
import { estimateOutcome } from '../store/selectors/estimateOutcome.ts';
import { progressModel } from '../store/selectors/progress.ts';
import { BACKEND_LABELS, formatCount, formatDuration, formatEpochs } from './format.ts';
import { Panel } from './Panel.tsx';
import { ProgressBar } from './ProgressBar.tsx';
import { RunningTrials } from './RunningTrials.tsx';
import { useNow } from './useNow.ts';
import styles from './ProgressPanel.module.css';

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div >
      <dt>{label}</dt>
      <dd className="num" data-testid={testId}>{value}</dd>
    </div>
  );
}

/** Epochs done against the plan, time, throughput, and each running trial's batches. */
export function ProgressPanel() {
  const run = useAppStore((s) => s.run);
  const backend = useAppStore((s) => s.backend?.backend ?? null);
  const now = useNow(isActiveStatus(run.status));
  const model = progressModel(run, Math.max(now, run.samples.at(-1)?.atMs ?? 0));
  if (!model) {
    return (
      <Panel title="Progress" testId="progress-panel">
        <p className="muted">No search yet. Set up the space on the left and press Start.</p>
      </Panel>
    );
  }
  const outcome = estimateOutcome(run);
  const failed = Object.values(run.trials).some((t) => t.status === 'failed');
  const unfilled = run.status === 'done' && failed && !(run.end?.status === 'done' && run.end.reason) ? model.totalTrials - model.trialsEnded : 0;
  // Data loads before the first trial exists (a run opened from storage has trials and no data counts).
  const loading = run.status === 'starting' || (run.status === 'running' && run.dataCounts === null && Object.keys(run.trials).length === 0);
  const eta = model.etaMs !== null ? formatDuration(model.etaMs) : run.status === 'running' ? 'measuring…' : '—';
  return (
    <Panel title="Progress" testId="progress-panel">
      <div className={styles.overall}>
        <ProgressBar
          label="Search progress"
          value={Math.round(model.fraction * 1000) / 10}
          max={100}
          valueText={`${formatEpochs(model.epochsDone)} of ${model.totalEpochs} epochs`}
          testId="search-progress"
        />
        <span className={`num ${styles.caption}`}>
          {formatEpochs(Math.round(model.epochsDone * 10) / 10)} / {model.totalEpochs} epochs
        </span>
      </div>
      {loading && <p className="muted">Loading MNIST and preparing the data…</p>}
      {unfilled > 0 && (
        <p className={`muted ${styles.note}`} data-testid="unfilled-note">
          Ended with {model.trialsEnded} of {model.totalTrials} planned trials: a failed trial leaves the promotion it would have competed for
          unfilled when too few trials of its round completed (KerasTuner&rsquo;s rule).
        </p>
      )}
      <dl className={`stat-list ${styles.stats}`}>
        <Stat label="Trials ended" value={`${model.trialsEnded} / ${model.totalTrials}`} testId="trials-ended" />
        <Stat label="Elapsed" value={model.elapsedMs === null ? '—' : formatDuration(model.elapsedMs)} />
        <Stat label="ETA" value={eta} />
        <Stat label="Throughput" value={model.samplesPerSecond === null ? '—' : `${formatCount(model.samplesPerSecond)} samples/s`} />
        <Stat label="Backend" value={backend ? BACKEND_LABELS[backend] : '—'} />
      </dl>
      {outcome && (
        <p className={`muted ${styles.note}`} data-testid="estimate-outcome">
          Estimated {formatDuration(outcome.estimatedMs)}, took {formatDuration(outcome.tookMs)} ({outcome.errorPercent >= 0 ? '+' : '−'}
          {Math.abs(outcome.errorPercent).toFixed(0)}% off){run.estimate?.includesRetrains ? ', retrains included' : ''}.
        </p>
      )}
      <RunningTrials trials={model.running} />
    </Panel>
  );
}
