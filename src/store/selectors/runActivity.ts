import type { AppState } from '../appStore.ts';
import type { RunStatus } from '../runState.ts';
import { selectDraftValidation } from './draftValidation.ts';

const ACTIVE: readonly RunStatus[] = ['starting', 'running', 'paused', 'stopping'];

/** A search is under way: the same statuses the actions treat as active. */
export function isActiveStatus(status: RunStatus): boolean {
  return ACTIVE.includes(status);
}

/** The worker is busy retraining the best model after a search (the run itself has ended). */
export function selectRetrainRunning(state: Pick<AppState, 'run'>): boolean {
  return state.run.retrain?.status === 'running';
}

/** Why Start is disabled, or null when it may be pressed. */
export function selectStartBlocker(state: Pick<AppState, 'run' | 'backendStatus' | 'spaceDraft' | 'settingsDraft'>): string | null {
  if (isActiveStatus(state.run.status)) return 'A search is running.';
  if (selectRetrainRunning(state)) return 'The best model is being retrained.';
  if (state.backendStatus === 'initialising') return 'The backend is initialising.';
  if (state.backendStatus === 'error') return 'No backend could be initialised.';
  const errors = Object.keys(selectDraftValidation(state).errors).length;
  if (errors > 0) return `${errors} field${errors === 1 ? ' needs' : 's need'} fixing first.`;
  return null;
}

/** Why the backend cannot be changed now, or null. */
export function selectBackendLock(state: Pick<AppState, 'run'>): string | null {
  if (isActiveStatus(state.run.status)) return 'The backend can be changed once the search has stopped.';
  if (selectRetrainRunning(state)) return 'The backend can be changed once the retrain has finished.';
  return null;
}
