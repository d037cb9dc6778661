import type { BackendRequest } from '../engine/backendNames.ts';
import { RUNG_VERSION } from '../engine/version.ts';
import type { SearchClient } from '../worker/searchClient.ts';
import type { InjectedFault, SearchEvent } from '../worker/protocol.ts';
import { useAppStore, type Notice } from './appStore.ts';
import { createEventBatcher } from './eventBatcher.ts';
import { broadcastEvents } from './tabAccess.ts';
import { applySearchEvent, initialRunState } from './runState.ts';
import { draftEstimate } from './selectors/draftEstimate.ts';
import { selectDraftValidation } from './selectors/draftValidation.ts';
import { isActiveStatus, selectReadOnlyBlocker, selectWorkerBusy } from './selectors/runActivity.ts';

let client: SearchClient | null = null;
let noticeId = 0;

export function addNotice(level: Notice['level'], message: string): void {
  useAppStore.setState((s) => ({ notices: [...s.notices.slice(-4), { id: ++noticeId, level, message }] }));
}

export function dismissNotice(id: number): void {
  useAppStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Events that change the stored runs list: after them, the list is reloaded. */
const CHANGES_RUNS: ReadonlySet<SearchEvent['type']> = new Set(['searchStarted', 'trialFinished', 'trialFailed', 'searchDone', 'retrainDone', 'storageProblem']);
let runsChanged: () => void = () => undefined;

/** Tells the store how to reload the runs list (wired by the app at start-up). */
export function onRunsChanged(reload: () => void): void {
  runsChanged = reload;
}

/** Applies a batch of search events to the run shown; a read-only tab gets the writer's batches too. */
export function applyRunEvents(events: SearchEvent[]): void {
  const nowMs = performance.now();
  useAppStore.setState((state) => {
    const batchSize = state.run.settings?.batchSize ?? 32;
    return { run: events.reduce((run, event) => applySearchEvent(run, event, nowMs, batchSize), state.run) };
  });
  if (events.some((e) => CHANGES_RUNS.has(e.type))) runsChanged();
}

/** Events of this tab's worker that are not about the run: they apply whichever run is shown. */
const NOT_RUN_EVENTS: ReadonlySet<SearchEvent['type']> = new Set(['ready', 'notice', 'error', 'storageProblem', 'trialRetry']);

/** The run a batch of this tab's worker events belongs to: the one it started, else the one it runs. */
function workerEventsRunId(events: SearchEvent[]): string | null {
  const started = events.find((e) => e.type === 'searchStarted');
  if (started) return started.runId;
  const { run, workerRunId } = useAppStore.getState();
  return run.status === 'starting' ? run.runId : (workerRunId ?? run.runId);
}

function applyEvents(events: SearchEvent[]): void {
  broadcastEvents(workerEventsRunId(events), events.filter((e) => e.type !== 'ready' && e.type !== 'notice' && e.type !== 'error'));
  if (events.some((e) => CHANGES_RUNS.has(e.type))) runsChanged();
  const nowMs = performance.now();
  useAppStore.setState((state) => {
    let run = state.run;
    let backend = state.backend;
    let backendStatus = state.backendStatus;
    let workerRunId = state.workerRunId;
    const batchSize = run.settings?.batchSize ?? 32;
    for (const event of events) {
      if (event.type === 'ready') {
        backend = event.info;
        backendStatus = 'ready';
        continue;
      }
      if (event.type === 'searchStarted') workerRunId = event.runId;
      // The worker's run is not the one shown (another was opened while the worker retrained): the
      // run shown must not take the worker's progress as its own. A start or resume sets runId first.
      const forShownRun = NOT_RUN_EVENTS.has(event.type) || run.runId === null || run.runId === workerRunId || run.status === 'starting';
      if (forShownRun) run = applySearchEvent(run, event, nowMs, batchSize);
    }
    return { run, backend, backendStatus, workerRunId };
  });
  for (const event of events) {
    if (event.type === 'error') {
      addNotice('error', event.message);
      // A start that failed goes back to idle; a retrain that threw is over: Start and the backend menu come back.
      useAppStore.setState((s) => ({
        run: { ...s.run, status: s.run.status === 'starting' ? 'idle' : s.run.status, retrain: s.run.retrain?.status === 'running' ? null : s.run.retrain },
      }));
      if (useAppStore.getState().backendStatus === 'initialising') useAppStore.setState({ backendStatus: 'error' });
    }
    if (event.type === 'notice') addNotice(event.level, event.message);
    if (event.type === 'ready') event.info.skipped.forEach((s) => addNotice('info', `${s.backend} is not used: ${s.error}`));
    if (event.type === 'trialRetry') addNotice('warning', `Trial ${event.trialId} threw (attempt ${event.attempt}); retrying: ${event.error}`);
    if (event.type === 'searchDone' && event.end.status === 'done' && event.end.reason) addNotice('warning', `Search stopped: ${event.end.reason}`);
    if (event.type === 'storageProblem') addNotice('error', event.storageFull ? `Search paused: ${event.message}. Everything saved so far is intact.` : `Could not save progress: ${event.message}`);
  }
}

/** Connects the page to a search worker; events reach the store in batches. */
export function connectSearchClient(next: SearchClient, assetBaseUrl: string): () => void {
  client = next;
  const batcher = createEventBatcher(applyEvents);
  const unsubscribe = next.subscribe((event) => batcher.push(event));
  next.send({ type: 'init', backend: useAppStore.getState().backendChoice, assetBaseUrl });
  return () => {
    unsubscribe();
    batcher.flushNow();
    client = null;
  };
}

const searching = () => isActiveStatus(useAppStore.getState().run.status);
const isActive = () => selectWorkerBusy(useAppStore.getState());

export function chooseBackend(option: BackendRequest): void {
  if (isActive()) return addNotice('warning', 'The backend can be changed once the search has stopped.');
  useAppStore.setState({ backendChoice: option, backendStatus: 'initialising' });
  client?.send({ type: 'setBackend', backend: option });
}

/** A read-only tab only watches: every action that would drive a search is refused there. */
const readOnly = () => selectReadOnlyBlocker(useAppStore.getState()) !== null;

export function startSearch(): void {
  const state = useAppStore.getState();
  const validation = selectDraftValidation(state);
  if (!client || readOnly() || !validation.valid || isActive() || state.backendStatus !== 'ready') return;
  const settings = validation.settings!;
  const runId = globalThis.crypto.randomUUID();
  const predicted = draftEstimate(state);
  const estimate = predicted.kind === 'ready' ? { totalMs: predicted.estimate.totalMs, includesRetrains: validation.retrains! > 0 } : null;
  useAppStore.setState({ run: { ...initialRunState(), status: 'starting', settings, runId, estimate }, selectedTrialId: null });
  client.send({ type: 'start', search: { runId, settings, space: validation.space!, trainer: state.settingsDraft.trainer, retrains: validation.retrains!, workers: 'auto' } });
}

export function pauseSearch(): void {
  if (!readOnly() && useAppStore.getState().run.status === 'running') client?.send({ type: 'pause' });
}

export function resumeSearch(): void {
  if (!readOnly() && useAppStore.getState().run.status === 'paused') client?.send({ type: 'resume' });
}

export function stopSearch(): void {
  const status = useAppStore.getState().run.status;
  if (readOnly() || (status !== 'running' && status !== 'paused')) return;
  useAppStore.setState((s) => ({ run: { ...s.run, status: 'stopping' } }));
  client?.send({ type: 'stop' });
}

/** Sends the edited ranges to the running search: configurations sampled from now on use them. */
export function applySpaceToRunningSearch(): void {
  const validation = selectDraftValidation(useAppStore.getState());
  if (!validation.space || !searching() || readOnly()) return;
  client?.send({ type: 'updateSpace', space: validation.space });
}

export function sendResumeRun(runId: string): void {
  if (!readOnly()) client?.send({ type: 'resumeRun', runId, workers: 'auto' });
}

/** The run shown is the one this tab's worker ran last, so it can retrain its best model. */
export function canRetrainShownRun(state: Pick<ReturnType<typeof useAppStore.getState>, 'run' | 'workerRunId' | 'access'>): boolean {
  return state.access !== 'readOnly' && state.run.runId !== null && state.run.runId === state.workerRunId;
}

export function retrainBest(): void {
  if (!isActive() && canRetrainShownRun(useAppStore.getState())) client?.send({ type: 'retrainBest' });
}

/** Test hook (`?debug=1`): asks the worker to fail on purpose, to exercise the recovery paths. */
export function injectFault(fault: InjectedFault): void {
  client?.send({ type: 'injectFault', fault });
}

export const APP_VERSION = RUNG_VERSION;
