import type { SearchEvent } from '../worker/protocol.ts';
import { useAppStore, type AppState } from './appStore.ts';
import { abandonModelFile, applyModelEvent, isModelEvent, MODEL_EVENTS } from './modelEvents.ts';
import { modelAfterRetrain, modelRequestsFailed } from './modelView.ts';
import { addNotice, noticesOf, withNotice } from './notices.ts';
import { applySearchEvent, initialRunState, type RunState } from './runState.ts';
import { openRun, refreshRuns, refreshRunsSoon } from './runsActions.ts';
import { broadcastEvents } from './tabAccess.ts';

/**
 * Every search event reaches the store here, in batches: this tab's own worker's (applyWorkerEvents)
 * and, in a read-only tab, the writer tab's broadcast (applyWriterEvents). The run itself changes
 * in one pure reducer, applySearchEvent (runState.ts).
 */

/** Events that change the stored runs list: after them, the list is reloaded. */
const CHANGES_RUNS: ReadonlySet<SearchEvent['type']> = new Set(['searchStarted', 'trialEnd', 'searchDone', 'retrainDone', 'storageProblem']);

/** Events of this tab's worker that are not about the run: they apply whichever run is shown. */
const NOT_RUN_EVENTS: ReadonlySet<SearchEvent['type']> = new Set(['ready', 'speedProbed', 'notice', 'error', 'storageProblem', 'trialRetry', ...MODEL_EVENTS]);

/** Events about this tab's worker alone: read-only tabs are not told. */
const TAB_EVENTS: ReadonlySet<SearchEvent['type']> = new Set(['ready', 'speedProbed', 'notice', 'error', ...MODEL_EVENTS]);

const DEFAULT_BATCH_SIZE = 32;

function reduceRun(run: RunState, events: readonly SearchEvent[], nowMs: number): RunState {
  const batchSize = run.settings?.batchSize ?? DEFAULT_BATCH_SIZE;
  return events.reduce((next, event) => applySearchEvent(next, event, nowMs, batchSize), run);
}

/** The run a batch of this tab's worker events belongs to: the one it started, else the one it runs. */
function workerEventsRunId(events: readonly SearchEvent[], state: AppState): string | null {
  const started = events.find((e) => e.type === 'searchStarted');
  if (started) return started.runId;
  return state.run.status === 'starting' ? state.run.runId : (state.workerRunId ?? state.run.runId);
}

/** One event of this tab's worker, applied to the whole page state. */
function applyWorkerEvent(state: AppState, event: SearchEvent, nowMs: number, batchSize: number): AppState {
  if (isModelEvent(event)) return applyModelEvent(state, event);
  const notices = noticesOf(event).reduce(withNotice, state.notices);
  if (event.type === 'ready') return { ...state, notices, backend: event.info, backendStatus: 'ready' };
  if (event.type === 'speedProbed') {
    const backend = state.backend?.backend === event.backend ? { ...state.backend, speed: event.speed, speedProbe: event.speedProbe } : state.backend;
    return { ...state, notices, backend };
  }
  if (event.type === 'error') {
    // A start that failed goes back to idle; a retrain that threw is over: Start and the backend menu come back.
    const run = { ...state.run, status: state.run.status === 'starting' ? 'idle' as const : state.run.status, retrain: state.run.retrain?.status === 'running' ? null : state.run.retrain };
    abandonModelFile();
    return { ...state, notices, run, model: modelRequestsFailed(state.model), backendStatus: state.backendStatus === 'initialising' ? 'error' : state.backendStatus };
  }
  const workerRunId = event.type === 'searchStarted' ? event.runId : state.workerRunId;
  // The worker's run is not the one shown (another was opened while the worker retrained): the
  // run shown must not take the worker's progress as its own. A start or resume sets runId first.
  const run = state.run;
  const forShownRun = NOT_RUN_EVENTS.has(event.type) || run.runId === null || run.runId === workerRunId || run.status === 'starting';
  const model = event.type === 'retrainDone' ? modelAfterRetrain(state.model) : state.model;
  return { ...state, notices, workerRunId, model, run: forShownRun ? applySearchEvent(run, event, nowMs, batchSize) : run };
}

/** A batch of this tab's own worker's events; the writer tab also broadcasts them to read-only tabs. */
export function applyWorkerEvents(events: SearchEvent[]): void {
  const before = useAppStore.getState();
  broadcastEvents(workerEventsRunId(events, before), events.filter((e) => !TAB_EVENTS.has(e.type)));
  if (events.some((e) => CHANGES_RUNS.has(e.type))) refreshRunsSoon();
  const nowMs = performance.now();
  useAppStore.setState((state) => {
    const batchSize = state.run.settings?.batchSize ?? DEFAULT_BATCH_SIZE;
    return events.reduce((next, event) => applyWorkerEvent(next, event, nowMs, batchSize), state);
  });
}

/**
 * The read-only tab's work on the writer tab's events, one batch after another, even while an
 * earlier one waits for the database. A promise chain, not state: nothing renders it.
 */
let writerQueue: Promise<void> = Promise.resolve();

function queueWriterWork(work: () => Promise<void>, failure: string): Promise<void> {
  writerQueue = writerQueue.then(work).catch((error: unknown) => addNotice('warning', `${failure}: ${error instanceof Error ? error.message : String(error)}`));
  return writerQueue;
}

/** In a read-only tab: show the run the writer tab is training, live. */
export function watchWriterTab(): Promise<void> {
  return queueWriterWork(async () => {
    await refreshRuns();
    const live = useAppStore.getState().runs.find((r) => r.status === 'running');
    if (!live || useAppStore.getState().run.runId === live.runId) return;
    if (await openRun(live.runId)) useAppStore.setState((s) => ({ run: { ...s.run, status: 'running' } }));
  }, "Could not show the other tab's search");
}

/**
 * A batch of the writer tab's events: applied to the run shown, after loading it if it is another.
 * A search the writer has just started is not stored until its searchStarted event: until then the
 * run is followed from its events alone (searchStarted brings its trials and settings).
 */
export function applyWriterEvents(runId: string, events: SearchEvent[]): Promise<void> {
  return queueWriterWork(async () => {
    if (useAppStore.getState().run.runId !== runId) await showWriterRun(runId, events);
    const nowMs = performance.now();
    useAppStore.setState((state) => ({ run: reduceRun(state.run, events, nowMs) }));
    if (events.some((e) => CHANGES_RUNS.has(e.type))) refreshRunsSoon();
  }, "Could not follow the other tab's search");
}

async function showWriterRun(runId: string, events: readonly SearchEvent[]): Promise<void> {
  await refreshRuns();
  if (useAppStore.getState().run.runId === runId) return;
  const freshStart = events.some((e) => e.type === 'searchStarted' && !e.resumed);
  if (freshStart || !(await openRun(runId, { quiet: true }))) {
    useAppStore.setState({ run: { ...initialRunState(), runId, status: 'starting' }, selectedTrialId: null, brushes: {} });
  } else {
    useAppStore.setState((s) => ({ run: { ...s.run, status: 'running' } }));
  }
}
