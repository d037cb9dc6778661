import { BACKEND_REQUESTS, isBackendRequest } from '../engine/backendNames.ts';
import type { SearchClient } from '../worker/searchClient.ts';
import type { InjectedFault } from '../worker/protocol.ts';
import type { ModelRequest } from '../worker/modelWorkbench.ts';
import { useAppStore } from './appStore.ts';
import { createEventBatcher } from './eventBatcher.ts';
import { addNotice } from './notices.ts';
import { initialRunState } from './runState.ts';
import { openRun } from './runsActions.ts';
import { applyWorkerEvents } from './searchEvents.ts';
import { draftEstimate } from './selectors/draftEstimate.ts';
import { selectDraftValidation } from './selectors/draftValidation.ts';
import { isActiveStatus, selectReadOnlyBlocker, selectWorkerBusy } from './selectors/runActivity.ts';

/** The connection to this tab's search worker, made once at start-up: a channel, not state (nothing renders it). */
let client: SearchClient | null = null;

/** Connects the page to a search worker; events reach the store in batches. */
export function connectSearchClient(next: SearchClient, assetBaseUrl: string): () => void {
  client = next;
  const batcher = createEventBatcher(applyWorkerEvents);
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

/** `option` comes from the page's menu as a string: the store checks it against the vocabulary. */
export function chooseBackend(option: string): void {
  if (!isBackendRequest(option)) return addNotice('error', `There is no backend "${option}": choose one of ${BACKEND_REQUESTS.join(', ')}.`);
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
  useAppStore.setState({ run: { ...initialRunState(), status: 'starting', settings, runId, estimate }, selectedTrialId: null, brushes: {} });
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

/** Opens an interrupted run and continues it: finished trials are kept, interrupted ones rerun. */
export async function resumeRun(runId: string): Promise<void> {
  if (useAppStore.getState().access !== 'writer') return addNotice('warning', 'Another tab is running searches: this one only watches.');
  if (!(await openRun(runId))) return;
  useAppStore.setState((s) => ({ run: { ...s.run, status: 'starting' } }));
  client?.send({ type: 'resumeRun', runId, workers: 'auto' });
}

/** The run shown is the one this tab's worker ran last, so it can retrain its best model. */
export function canRetrainShownRun(state: Pick<ReturnType<typeof useAppStore.getState>, 'run' | 'workerRunId' | 'access'>): boolean {
  return state.access !== 'readOnly' && state.run.runId !== null && state.run.runId === state.workerRunId;
}

export function retrainBest(): void {
  if (!isActive() && canRetrainShownRun(useAppStore.getState())) client?.send({ type: 'retrainBest' });
}

/** Sends a request about a trained model; false when no worker is connected. */
export function sendModelRequest(request: ModelRequest): boolean {
  client?.send(request);
  return client !== null;
}

/** Test hook (`?debug=1`): asks the worker to fail on purpose, to exercise the recovery paths. */
export function injectFault(fault: InjectedFault): void {
  client?.send({ type: 'injectFault', fault });
}
