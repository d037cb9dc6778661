import type { SearchSpace } from '../../engine/searchSpace.ts';
import type { SearchSettings } from '../../engine/settings.ts';
import type { FieldError } from '../../engine/validation.ts';
import type { AppState } from '../appStore.ts';
import { retrainsFromDraft, settingsFromDraft } from '../settingsDraft.ts';
import { spaceFromDraft } from '../spaceDraft.ts';

export interface DraftValidation {
  space: SearchSpace | null;
  settings: SearchSettings | null;
  retrains: number | null;
  /** Message per field: `maxEpochs`, `units_0.min`, `learning_rate.values.1`, `layers`, … */
  errors: Record<string, string>;
  valid: boolean;
}

/** The last answer, for the same drafts: a memo of a pure function of the store, not state of its own. */
let cache: { space: AppState['spaceDraft']; settings: AppState['settingsDraft']; result: DraftValidation } | null = null;

/** Validates the form as the user types; memoised on the drafts, so every render can ask. */
export function selectDraftValidation(state: Pick<AppState, 'spaceDraft' | 'settingsDraft'>): DraftValidation {
  if (cache && cache.space === state.spaceDraft && cache.settings === state.settingsDraft) return cache.result;
  const space = spaceFromDraft(state.spaceDraft);
  const settings = settingsFromDraft(state.settingsDraft);
  const retrains = retrainsFromDraft(state.settingsDraft);
  const errors: FieldError[] = [
    ...(space.ok ? [] : space.errors),
    ...(settings.ok ? [] : settings.errors),
    ...(retrains.ok ? [] : retrains.errors),
  ];
  const byField: Record<string, string> = {};
  for (const error of errors) byField[error.field] ??= error.message;
  const result: DraftValidation = {
    space: space.ok ? space.value : null,
    settings: settings.ok ? settings.value : null,
    retrains: retrains.ok ? retrains.value : null,
    errors: byField,
    valid: errors.length === 0,
  };
  cache = { space: state.spaceDraft, settings: state.settingsDraft, result };
  return result;
}
