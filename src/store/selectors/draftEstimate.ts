import { estimateSearch, type SearchEstimate } from '../../search/estimate.ts';
import type { AppState } from '../appStore.ts';
import { selectDraftValidation } from './draftValidation.ts';

export type DraftEstimate =
  | { kind: 'ready'; estimate: SearchEstimate }
  /** The backend is starting or being measured; its speed probe failed, or a search stopped it; the form has an error. */
  | { kind: 'measuring' | 'unmeasured' | 'probeStopped' | 'invalid' };

/**
 * How long the search in the form would take on the backend in use, with the trainer, the workers
 * and the widths it would run with; recomputed whenever the form or the backend's probe changes.
 */
export function draftEstimate(state: Pick<AppState, 'spaceDraft' | 'settingsDraft' | 'backend' | 'backendStatus'>): DraftEstimate {
  const validation = selectDraftValidation(state);
  if (!validation.valid) return { kind: 'invalid' };
  if (state.backendStatus === 'initialising' || !state.backend || state.backend.speedProbe === 'measuring') return { kind: 'measuring' };
  if (state.backend.speedProbe === 'stopped') return { kind: 'probeStopped' };
  if (!state.backend.speed) return { kind: 'unmeasured' };
  const estimate = estimateSearch({
    settings: validation.settings!,
    space: validation.space!,
    trainer: state.settingsDraft.trainer,
    backend: state.backend.backend,
    retrains: validation.retrains!,
    speed: state.backend.speed,
  });
  return estimate ? { kind: 'ready', estimate } : { kind: 'unmeasured' };
}
