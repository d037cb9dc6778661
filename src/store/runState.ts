import type { TestEvaluation } from '../engine/bestConfig.ts';
import { endOrderOf } from '../engine/oracle.ts';
import type { OracleState } from '../engine/oracleState.ts';
import type { SearchSpace } from '../engine/searchSpace.ts';
import type { SearchSettings } from '../engine/settings.ts';
import { trialRunOf, type Divergence, type EpochMetrics, type OracleTrial, type TrialRun } from '../engine/trial.ts';
import type { SearchEnd } from '../search/searchLoop.ts';
import type { BackendInfo, SearchEvent } from '../worker/protocol.ts';

/** `interrupted`: a stored run that was training when its tab closed or crashed; it can be resumed. */
export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'stopped' | 'done' | 'interrupted';
export type TrialViewStatus = 'pending' | 'running' | 'completed' | 'failed' | 'interrupted';

/** A trial as the page shows it, with the stored trial's names (TrialRecord): the oracle's run plus what it trained. */
export interface TrialView {
  trialId: string;
  run: TrialRun;
  status: TrialViewStatus;
  failureReason: string | null;
  /** Where the loss stopped being finite; the trial may still have completed (see OracleTrial). */
  divergence: Divergence | null;
  attempt: number;
  /** The trial's own epochs, absolute and 1-based (a promoted trial starts after run.initialEpoch). */
  epochs: EpochMetrics[];
  score: number | null;
  bestEpoch: number | null;
  durationMs: number | null;
}

/** Where a running trial is in its current epoch (absolute, 1-based). */
export interface TrialBatchProgress {
  epoch: number;
  batchesDone: number;
  batchesTotal: number;
}

export interface RetrainView {
  status: 'running' | 'done';
  retrain: number;
  retrains: number;
  epoch: number;
  epochs: number;
  fraction: number;
  evaluation: TestEvaluation | null;
}

/** Everything the page knows about the search in progress (or the last one). */
export interface RunState {
  status: RunStatus;
  runId: string | null;
  settings: SearchSettings | null;
  /** Changes per epoch or slower, so the views of results re-render per epoch, never per batch. */
  trials: Record<string, TrialView>;
  /** The running trials' place in their epoch, by trial id: changes per batch. */
  batchProgress: Record<string, TrialBatchProgress>;
  /** Trial ids in the order they ended: the x axis of the best-so-far chart. */
  endOrder: string[];
  end: SearchEnd | null;
  /** The oracle as it stood at the search's start or end; its `spaces` follow each space update live. */
  oracle: OracleState | null;
  retrain: RetrainView | null;
  /** Samples trained and when, for throughput and the ETA. */
  samples: { atMs: number; count: number }[];
  startedAtMs: number | null;
  endedAtMs: number | null;
  dataCounts: { train: number; validation: number; test: number } | null;
  /** The duration estimated when Start was pressed (null for a resumed or stored run), to compare at the end. */
  estimate: { totalMs: number; includesRetrains: boolean } | null;
  /** When the retrain's test result arrived. */
  retrainEndedAtMs: number | null;
}

/**
 * What the views of results read (curves, best so far, leaderboard, brackets): these fields change
 * per epoch or slower. Select it with useShallow, so per-batch progress re-renders none of them.
 */
export type RunResults = Pick<RunState, 'status' | 'settings' | 'oracle' | 'trials' | 'endOrder'>;

export function runResults(run: RunState): RunResults {
  return { status: run.status, settings: run.settings, oracle: run.oracle, trials: run.trials, endOrder: run.endOrder };
}

/** Every version of the search space the run has sampled from, oldest first; trials name theirs by index. */
export function runSpaces(run: Pick<RunState, 'oracle'>): readonly SearchSpace[] {
  return run.oracle?.spaces ?? [];
}

export function initialRunState(): RunState {
  return {
    status: 'idle', runId: null, settings: null, trials: {}, batchProgress: {}, endOrder: [], end: null, oracle: null,
    retrain: null, samples: [], startedAtMs: null, endedAtMs: null, dataCounts: null, estimate: null, retrainEndedAtMs: null,
  };
}

function viewOf(run: TrialRun, status: TrialViewStatus): TrialView {
  return { trialId: run.trialId, run, status, failureReason: null, divergence: null, attempt: 0, epochs: [], score: null, bestEpoch: null, durationMs: null };
}

function fromOracleTrial(trial: OracleTrial, previous: TrialView | undefined): TrialView {
  const base = previous ?? viewOf(trialRunOf(trial), 'pending');
  const status: TrialViewStatus = trial.status === 'running' ? base.status : trial.status;
  return { ...base, status, score: trial.score, bestEpoch: trial.bestEpoch, failureReason: trial.failureReason, divergence: trial.divergence ?? null };
}

const SAMPLE_WINDOW = 600;

/** Applies one worker event: a pure function, so a batch of events is one store update. */
export function applySearchEvent(state: RunState, event: SearchEvent, nowMs: number, batchSize: number): RunState {
  const patchTrial = (id: string, patch: (t: TrialView) => Partial<TrialView>): RunState => {
    const trial = state.trials[id];
    return trial ? { ...state, trials: { ...state.trials, [id]: { ...trial, ...patch(trial) } } } : state;
  };
  const withoutProgress = (ids: readonly string[]): Record<string, TrialBatchProgress> => {
    if (!ids.some((id) => id in state.batchProgress)) return state.batchProgress;
    const kept = { ...state.batchProgress };
    for (const id of ids) delete kept[id];
    return kept;
  };
  switch (event.type) {
    case 'searchStarted': {
      // A resumed run keeps what the page already shows of it (every epoch of the finished trials).
      const kept = event.resumed && state.runId === event.runId ? state.trials : {};
      const trials: Record<string, TrialView> = {};
      for (const trial of event.oracle.trials) {
        const previous = kept[trial.trialId];
        const view = fromOracleTrial(trial, previous);
        trials[trial.trialId] = trial.status === 'running' ? { ...view, status: 'pending', epochs: [] } : view;
      }
      // A resumed run keeps the order the page shows (a run stored before the oracle kept its end order is ordered by end times).
      const shown = event.resumed && state.runId === event.runId ? state.endOrder.filter((id) => trials[id] && trials[id].status !== 'pending') : [];
      const ended = [...shown, ...endOrderOf(event.oracle).filter((id) => !shown.includes(id))];
      return { ...state, status: 'running', runId: event.runId, settings: event.settings, oracle: event.oracle, trials, batchProgress: {}, endOrder: ended, end: null, retrain: null, samples: [], startedAtMs: nowMs, endedAtMs: null };
    }
    case 'trialsQueued': {
      const trials = { ...state.trials };
      for (const run of event.runs) trials[run.trialId] = viewOf(run, 'pending');
      return { ...state, trials, batchProgress: withoutProgress(event.runs.map((r) => r.trialId)) };
    }
    case 'trialStarted': {
      const started = patchTrial(event.run.trialId, () => ({ status: 'running', attempt: event.attempt, epochs: [], failureReason: null, divergence: null }));
      return { ...started, batchProgress: withoutProgress([event.run.trialId]) };
    }
    case 'batchProgress': {
      const { trialIds, epoch, batchesDone, batchesTotal } = event.progress;
      const batchProgress = { ...state.batchProgress };
      let batches = 0;
      for (const id of trialIds) {
        if (!state.trials[id]) continue;
        const previous = batchProgress[id];
        batches += previous && previous.epoch === epoch ? Math.max(0, batchesDone - previous.batchesDone) : batchesDone;
        batchProgress[id] = { epoch, batchesDone, batchesTotal };
      }
      const count = (state.samples.at(-1)?.count ?? 0) + batches * batchSize;
      return { ...state, batchProgress, samples: [...state.samples.slice(-SAMPLE_WINDOW), { atMs: nowMs, count }] };
    }
    case 'epoch':
      return patchTrial(event.trialId, (t) => ({ epochs: [...t.epochs.filter((m) => m.epoch !== event.metrics.epoch), event.metrics] }));
    case 'trialEnd': {
      const trial = fromOracleTrial(event.trial, state.trials[event.trial.trialId]);
      return {
        ...state,
        trials: { ...state.trials, [trial.trialId]: { ...trial, durationMs: event.durationMs } },
        batchProgress: withoutProgress([trial.trialId]),
        endOrder: [...state.endOrder.filter((id) => id !== trial.trialId), trial.trialId],
      };
    }
    case 'paused':
      return state.status === 'running' ? { ...state, status: 'paused' } : state;
    case 'resumed':
      return state.status === 'paused' ? { ...state, status: 'running' } : state;
    case 'spaceUpdated':
      return state.oracle ? { ...state, oracle: { ...state.oracle, spaces: [...state.oracle.spaces.slice(0, event.version), event.space] } } : state;
    case 'searchDone': {
      const trials = Object.fromEntries(
        Object.entries(state.trials).map(([id, t]) => [id, t.status === 'running' || t.status === 'pending' ? { ...t, status: 'interrupted' as const } : t]),
      );
      return { ...state, status: event.end.status === 'done' ? 'done' : 'stopped', end: event.end, oracle: event.oracle, trials, batchProgress: {}, endedAtMs: nowMs };
    }
    case 'retrainProgress': {
      const perRetrain = (event.epoch - 1 + event.batchesDone / event.batchesTotal) / event.epochs;
      const fraction = (event.retrain - 1 + perRetrain) / event.retrains;
      return { ...state, retrain: { status: 'running', retrain: event.retrain, retrains: event.retrains, epoch: event.epoch, epochs: event.epochs, fraction, evaluation: null } };
    }
    case 'retrainDone':
      return { ...state, retrain: { status: 'done', retrain: event.evaluation.runs.length, retrains: event.evaluation.runs.length, epoch: event.evaluation.epochs, epochs: event.evaluation.epochs, fraction: 1, evaluation: event.evaluation }, retrainEndedAtMs: nowMs };
    case 'dataLoaded':
      return { ...state, dataCounts: event.counts };
    default:
      return state;
  }
}

export type { BackendInfo };
