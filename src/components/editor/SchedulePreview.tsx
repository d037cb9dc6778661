import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/appStore.ts';
import { selectDraftValidation } from '../../store/selectors/draftValidation.ts';
import { draftEstimate, type DraftEstimate } from '../../store/selectors/draftEstimate.ts';
import { schedulePreview } from '../../store/selectors/schedulePreview.ts';
import type { BackendName } from '../../engine/backendNames.ts';
import { BACKEND_LABELS, formatCount, formatDuration } from '../format.ts';
import styles from './SchedulePreview.module.css';

const MAX_ROWS = 60;

const ESTIMATE_PENDING = {
  measuring: 'measuring speed…',
  unmeasured: 'unknown (the speed probe failed)',
  probeStopped: 'unknown (a search started before the speed probe ended)',
  invalid: 'fix the search space to estimate',
} as const;

function EstimateLine({ estimate, backend }: { estimate: DraftEstimate; backend: BackendName | null }) {
  if (estimate.kind !== 'ready' || backend === null) {
    return (
      <p className={styles.estimate}>
        <span className="muted">Estimated duration: </span>
        <strong data-testid="plan-estimate">{ESTIMATE_PENDING[estimate.kind === 'ready' ? 'measuring' : estimate.kind]}</strong>
      </p>
    );
  }
  const { totalMs, trainer, workers } = estimate.estimate;
  return (
    <p className={styles.estimate}>
      <span className="muted">Estimated duration: </span>
      <strong data-testid="plan-estimate">≈ {formatDuration(totalMs)}</strong>
      <span className="faint" data-testid="plan-estimate-basis">
        {' '}on {BACKEND_LABELS[backend]}, {trainer} trainer, {workers} {workers === 1 ? 'worker' : 'workers'}, retrains included (from this backend&rsquo;s measured step costs; data loading not included)
      </span>
    </p>
  );
}

/** The Hyperband plan the settings produce, and roughly how long it takes on this backend. */
export function SchedulePreview() {
  const { settings, spaceDraft, settingsDraft, backend, backendStatus } = useAppStore(
    useShallow((s) => ({ settings: selectDraftValidation(s).settings, spaceDraft: s.spaceDraft, settingsDraft: s.settingsDraft, backend: s.backend, backendStatus: s.backendStatus })),
  );
  const preview = useMemo(() => (settings ? schedulePreview(settings) : null), [settings]);
  const estimate = useMemo(() => draftEstimate({ spaceDraft, settingsDraft, backend, backendStatus }), [spaceDraft, settingsDraft, backend, backendStatus]);
  if (!settings || !preview) return <p className="muted">Fix the settings above to see the schedule.</p>;
  const showIteration = settings.iterations > 1;
  return (
    <div className={styles.schedule}>
      <dl className={`stat-list ${styles.stats}`}>
        <div><dt>Brackets</dt><dd className="num" data-testid="plan-brackets">{preview.brackets}</dd></div>
        <div><dt>Total trials</dt><dd className="num" data-testid="plan-total-trials">{formatCount(preview.totalTrials)}</dd></div>
        <div><dt>Total epochs</dt><dd className="num" data-testid="plan-total-epochs">{formatCount(preview.totalEpochs)}</dd></div>
      </dl>
      <EstimateLine estimate={estimate} backend={backend?.backend ?? null} />
      {/* Focusable, so that a keyboard can scroll the rounds (the table itself holds nothing focusable). */}
      <div className="table-scroll table-scroll--short" tabIndex={0} role="region" aria-label="Planned rounds">
        <table className="data-table compact">
          <caption className="visually-hidden">Planned rounds</caption>
          <thead>
            <tr>
              {showIteration && <th scope="col">Iteration</th>}
              <th scope="col">Bracket</th>
              <th scope="col">Round</th>
              <th scope="col">Trials</th>
              <th scope="col">Epochs</th>
              <th scope="col">initialEpoch</th>
            </tr>
          </thead>
          <tbody>
            {preview.rounds.slice(0, MAX_ROWS).map((r) => (
              <tr key={`${r.iteration}-${r.bracket}-${r.round}`}>
                {showIteration && <td className="num">{r.iteration}</td>}
                <td className="num">{r.bracket}</td>
                <td className="num">{r.round}</td>
                <td className="num">{r.trials}</td>
                <td className="num">{r.epochs}</td>
                <td className="num">{r.initialEpoch}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.rounds.length > MAX_ROWS && <p className="faint">… and {preview.rounds.length - MAX_ROWS} more rounds.</p>}
    </div>
  );
}
