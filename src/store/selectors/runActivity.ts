import type { AppState } from '../appStore.ts';
import type { RunState, RunStatus } from '../runState.ts';
import { selectDraftValidation } from './draftValidation.ts';

const ACTIVE: readonly RunStatus[] = ['starting', 'running', 'paused', 'stopping'];

/** A search is under way: the same statuses the actions treat as active. */
export function isActiveStatus(status: RunStatus): boolean {
  return ACTIVE.includes(status);
}

/** The worker is busy retraining the best model after a search (the run itself has ended). */
export function selectRetrainRunning(state: { run: Pick<RunState, 'retrain'> }): boolean {
  return state.run.retrain?.status === 'running';
}

/** Shown on every control a read-only tab disables, and in its banner. */
export const READ_ONLY_REASON = 'Another tab is running searches: this tab shows them read-only';

/** Why Pause, Resume, Stop and Apply cannot be used from this tab, or null. */
export function selectReadOnlyBlocker(state: Partial<Pick<AppState, 'access'>>): string | null {
  return state.access === 'readOnly' ? `${READ_ONLY_REASON}.` : null;
}

/** This tab's worker is busy: a search, or the retrain of its best model that follows. */
export function selectWorkerBusy(state: Pick<AppState, 'run'>): boolean {
  return isActiveStatus(state.run.status) || selectRetrainRunning(state);
}

/** Why Start is disabled, or null when it may be pressed. */
export function selectStartBlocker(state: Pick<AppState, 'run' | 'backendStatus' | 'spaceDraft' | 'settingsDraft'> & Partial<Pick<AppState, 'access'>>): string | null {
  const readOnly = selectReadOnlyBlocker(state);
  if (readOnly) return readOnly;
  if (isActiveStatus(state.run.status)) return 'A search is running.';
  if (selectRetrainRunning(state)) return 'The best model is being retrained.';
  if (state.backendStatus === 'initialising') return 'The backend is initialising.';
  if (state.backendStatus === 'error') return 'No backend could be initialised.';
  const errors = Object.keys(selectDraftValidation(state).errors).length;
  if (errors > 0) return `${errors} field${errors === 1 ? ' needs' : 's need'} fixing first.`;
  return null;
}

/** Why an interrupted run cannot be resumed from this tab now, or null. */
export function selectResumeRunBlocker(state: { run: Pick<RunState, 'status' | 'retrain'> } & Pick<AppState, 'backendStatus'> & Partial<Pick<AppState, 'access'>>): string | null {
  const readOnly = selectReadOnlyBlocker(state);
  if (readOnly) return readOnly;
  if (state.access === 'pending') return 'This tab is still checking whether another tab runs searches.';
  if (isActiveStatus(state.run.status)) return 'A search is running.';
  if (selectRetrainRunning(state)) return 'The best model is being retrained.';
  if (state.backendStatus === 'initialising') return 'The backend is initialising.';
  if (state.backendStatus === 'error') return 'No backend could be initialised.';
  return null;
}

/** Why the backend cannot be changed now, or null. */
export function selectBackendLock(state: Pick<AppState, 'run'>): string | null {
  if (isActiveStatus(state.run.status)) return 'The backend can be changed once the search has stopped.';
  if (selectRetrainRunning(state)) return 'The backend can be changed once the retrain has finished.';
  return null;
}
