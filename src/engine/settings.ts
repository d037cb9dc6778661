import { z } from 'zod';
import { REPORT_INPUT, zodFieldErrors, type FieldError, type Validated } from './validation.ts';

export type ObjectiveName = 'val_accuracy' | 'val_loss';

/** The objective KerasTuner would infer: accuracy is maximised, loss minimised. */
export function objectiveDirection(objective: ObjectiveName): 'max' | 'min' {
  return objective === 'val_loss' ? 'min' : 'max';
}

/** Strictly better, as KerasTuner's SaveBestEpoch compares: a tie keeps the earlier epoch. */
export function isBetter(objective: ObjectiveName, candidate: number, incumbent: number | null): boolean {
  if (!Number.isFinite(candidate)) return false;
  if (incumbent === null) return true;
  return objectiveDirection(objective) === 'max' ? candidate > incumbent : candidate < incumbent;
}

export interface SearchSettings {
  maxEpochs: number;
  factor: number;
  iterations: number;
  seed: number;
  objective: ObjectiveName;
  batchSize: number;
  /** First N images of each split, or null for all of it. */
  trainLimit: number | null;
  valLimit: number | null;
  testLimit: number | null;
}

export const SPLIT_SIZES = { train: 48_000, validation: 12_000, test: 10_000 } as const;
export const MAX_EPOCHS_LIMIT = 1000;

const whole = (min: number, max: number) => z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const limit = (max: number) => whole(1, max).nullable();

const settingsSchema = z.strictObject({
  maxEpochs: whole(1, MAX_EPOCHS_LIMIT),
  factor: whole(2, 100),
  iterations: whole(1, 100),
  // KerasTuner reads seed 0 as "no seed" and draws a random one (`seed or random.randint(1, 10000)`),
  // so a run with 0 could not be reproduced there: refused rather than silently meaning something else.
  seed: z
    .number()
    .int()
    .min(1, 'must be at least 1: KerasTuner treats seed 0 as no seed and draws a random one, so 0 would not reproduce a KerasTuner run')
    .max(Number.MAX_SAFE_INTEGER, `must be at most ${Number.MAX_SAFE_INTEGER}`),
  objective: z.enum(['val_accuracy', 'val_loss']),
  batchSize: whole(1, 4096),
  trainLimit: limit(SPLIT_SIZES.train),
  valLimit: limit(SPLIT_SIZES.validation),
  testLimit: limit(SPLIT_SIZES.test),
});

/** Validates untrusted settings (a form, a URL, an import); every error names its field. */
export function parseSettings(input: unknown): Validated<SearchSettings> {
  const parsed = settingsSchema.safeParse(input, REPORT_INPUT);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  return { ok: true, value: parsed.data };
}

export function settingsErrors(settings: SearchSettings): FieldError[] {
  const result = parseSettings(settings);
  return result.ok ? [] : result.errors;
}
