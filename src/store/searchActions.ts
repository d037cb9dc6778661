import { RUNG_VERSION } from '../engine/version.ts';
import type { SearchClient } from '../worker/searchClient.ts';
import type { SearchEvent } from '../worker/protocol.ts';
import { useAppStore, type Notice } from './appStore.ts';
import { createEventBatcher } from './eventBatcher.ts';
import { broadcastEvents } from './tabAccess.ts';
import { applySearchEvent, initialRunState } from './runState.ts';
import { selectDraftValidation } from './selectors/draftValidation.ts';
import { isActiveStatus, selectRetrainRunning } from './selectors/runActivity.ts';

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

function applyEvents(events: SearchEvent[]): void {
  broadcastEvents(useAppStore.getState().run.runId, events.filter((e) => e.type !== 'ready' && e.type !== 'notice' && e.type !== 'error'));
  if (events.some((e) => CHANGES_RUNS.has(e.type))) runsChanged();
  const nowMs = performance.now();
  useAppStore.setState((state) => {
    let run = state.run;
    let backend = state.backend;
    let backendStatus = state.backendStatus;
    const batchSize = run.settings?.batchSize ?? 32;
    for (const event of events) {
      if (event.type === 'ready') {
        backend = event.info;
        backendStatus = 'ready';
      } else run = applySearchEvent(run, event, nowMs, batchSize);
    }
    return { run, backend, backendStatus };
  });
  for (const event of events) {
    if (event.type === 'error') {
      addNotice('error', event.message);
      useAppStore.setState((s) => (s.run.status === 'starting' ? { run: { ...s.run, status: 'idle' } } : {}));
      // A retrain that threw is over: Start and the backend menu come back.
      useAppStore.setState((s) => (s.run.retrain?.status === 'running' ? { run: { ...s.run, retrain: null } } : {}));
      if (useAppStore.getState().backendStatus === 'initialising') useAppStore.setState({ backendStatus: 'error' });
    }
    if (event.type === 'notice') addNotice(event.level, event.message);
    if (event.type === 'ready') event.info.skipped.forEach((s) => addNotice('warning', `${s.backend} is not used: ${s.error}`));
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
/** The worker is busy: a search, or the retrain of its best model that follows. */
const isActive = () => searching() || selectRetrainRunning(useAppStore.getState());

export function chooseBackend(option: AppStateBackend): void {
  if (isActive()) return addNotice('warning', 'The backend can be changed once the search has stopped.');
  useAppStore.setState({ backendChoice: option, backendStatus: 'initialising' });
  client?.send({ type: 'setBackend', backend: option });
}
type AppStateBackend = ReturnType<typeof useAppStore.getState>['backendChoice'];

export function startSearch(): void {
  const state = useAppStore.getState();
  const validation = selectDraftValidation(state);
  if (!client || !validation.valid || isActive() || state.backendStatus !== 'ready') return;
  const settings = validation.settings!;
  const runId = globalThis.crypto.randomUUID();
  useAppStore.setState({ run: { ...initialRunState(), status: 'starting', settings, runId }, selectedTrialId: null });
  client.send({ type: 'start', search: { runId, settings, space: validation.space!, trainer: state.settingsDraft.trainer, retrains: validation.retrains!, workers: 'auto' } });
}

export function pauseSearch(): void {
  if (useAppStore.getState().run.status === 'running') client?.send({ type: 'pause' });
}

export function resumeSearch(): void {
  if (useAppStore.getState().run.status === 'paused') client?.send({ type: 'resume' });
}

export function stopSearch(): void {
  const status = useAppStore.getState().run.status;
  if (status !== 'running' && status !== 'paused') return;
  useAppStore.setState((s) => ({ run: { ...s.run, status: 'stopping' } }));
  client?.send({ type: 'stop' });
}

/** Sends the edited ranges to the running search: configurations sampled from now on use them. */
export function applySpaceToRunningSearch(): void {
  const validation = selectDraftValidation(useAppStore.getState());
  if (!validation.space || !searching()) return;
  client?.send({ type: 'updateSpace', space: validation.space });
}

export function sendResumeRun(runId: string): void {
  client?.send({ type: 'resumeRun', runId, workers: 'auto' });
}

export function retrainBest(): void {
  if (!isActive()) client?.send({ type: 'retrainBest' });
}

export const APP_VERSION = RUNG_VERSION;
