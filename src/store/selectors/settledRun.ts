import type { AppState } from '../appStore.ts';
import type { RunState, TrialView } from '../runState.ts';

/** Top-level run fields whose change matters to the views that read the settled run. */
const SETTLED_FIELDS = ['status', 'runId', 'settings', 'spaces', 'endOrder', 'end', 'oracle', 'startedAtMs', 'endedAtMs', 'dataCounts'] as const;

function sameTrialApartFromProgress(a: TrialView, b: TrialView): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as (keyof TrialView)[]) {
    if (key !== 'progress' && a[key] !== b[key]) return false;
  }
  return true;
}

function settledTrial(trial: TrialView): TrialView {
  return trial.progress === null ? trial : { ...trial, progress: null };
}

let cache: { raw: RunState; settled: RunState } | null = null;

/**
 * The run without its per-batch churn. Batch progress replaces `run.trials` several times a second;
 * this returns the same object until something else changes (an epoch, a status, a new trial), so
 * curves, leaderboard and brackets re-render per epoch rather than per batch. Its trials have
 * `progress: null`, and `samples` and `retrain` are not tracked (empty and null): read `run` for those.
 */
export function selectSettledRun(state: Pick<AppState, 'run'>): RunState {
  const raw = state.run;
  if (cache && cache.raw === raw) return cache.settled;
  const previous = cache;
  const sameTopLevel = previous !== null && SETTLED_FIELDS.every((key) => previous.raw[key] === raw[key]);
  const previousTrials = previous?.raw.trials ?? {};
  const ids = Object.keys(raw.trials);
  const sameTrials = ids.length === Object.keys(previousTrials).length
    && ids.every((id) => previousTrials[id] !== undefined && sameTrialApartFromProgress(previousTrials[id], raw.trials[id]!));
  if (previous && sameTopLevel && sameTrials) {
    cache = { raw, settled: previous.settled };
    return previous.settled;
  }
  const trials: Record<string, TrialView> = {};
  for (const id of ids) {
    const before = previousTrials[id];
    const kept = previous?.settled.trials[id];
    trials[id] = before && kept && sameTrialApartFromProgress(before, raw.trials[id]!) ? kept : settledTrial(raw.trials[id]!);
  }
  const settled: RunState = { ...raw, trials, samples: [], retrain: null };
  cache = { raw, settled };
  return settled;
}
