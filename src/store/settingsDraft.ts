import { DEFAULT_SETTINGS } from '../engine/referenceDefaults.ts';
import { parseSettings, type ObjectiveName, type SearchSettings } from '../engine/settings.ts';
import type { FieldError, Validated } from '../engine/validation.ts';
import type { TrainerChoice } from '../search/trainerChoice.ts';

export const NUMERIC_SETTINGS = ['maxEpochs', 'factor', 'iterations', 'seed', 'batchSize', 'trainLimit', 'valLimit', 'testLimit'] as const;
export type NumericSetting = (typeof NUMERIC_SETTINGS)[number];
const LIMITS: readonly NumericSetting[] = ['trainLimit', 'valLimit', 'testLimit'];
/** These decide the Hyperband schedule: they are locked while a search runs. */
export const SCHEDULE_SETTINGS: readonly NumericSetting[] = ['maxEpochs', 'factor', 'iterations'];

export interface SettingsDraft extends Record<NumericSetting, string> {
  objective: ObjectiveName;
  trainer: TrainerChoice;
  retrains: string;
}

export function draftFromSettings(settings: SearchSettings, trainer: TrainerChoice = 'auto', retrains = 1): SettingsDraft {
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    maxEpochs: text(settings.maxEpochs),
    factor: text(settings.factor),
    iterations: text(settings.iterations),
    seed: text(settings.seed),
    batchSize: text(settings.batchSize),
    trainLimit: text(settings.trainLimit),
    valLimit: text(settings.valLimit),
    testLimit: text(settings.testLimit),
    objective: settings.objective,
    trainer,
    retrains: String(retrains),
  };
}

export function defaultSettingsDraft(): SettingsDraft {
  return draftFromSettings(DEFAULT_SETTINGS);
}

function parseField(draft: SettingsDraft, field: NumericSetting, errors: FieldError[]): number | null {
  const raw = draft[field].trim();
  if (raw === '') {
    if (!LIMITS.includes(field)) errors.push({ field, message: 'required' });
    return null;
  }
  const value = Number(raw);
  if (!Number.isFinite(value)) errors.push({ field, message: `"${raw}" is not a finite number` });
  return value;
}

export function settingsFromDraft(draft: SettingsDraft): Validated<SearchSettings> {
  const errors: FieldError[] = [];
  const values = Object.fromEntries(NUMERIC_SETTINGS.map((field) => [field, parseField(draft, field, errors)]));
  if (errors.length) return { ok: false, errors };
  return parseSettings({ ...values, objective: draft.objective });
}

export function retrainsFromDraft(draft: SettingsDraft): Validated<number> {
  const value = Number(draft.retrains.trim());
  if (!Number.isInteger(value) || value < 0 || value > 5) return { ok: false, errors: [{ field: 'retrains', message: 'must be a whole number from 0 to 5' }] };
  return { ok: true, value };
}
