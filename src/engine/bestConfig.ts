import { z } from 'zod';
import { cleanValue, type HyperparameterValues } from './hyperparameters.ts';
import { findHyperparameter, parseSearchSpace, serializeSearchSpace, type SearchSpace } from './searchSpace.ts';
import type { SearchSettings } from './settings.ts';
import { parseSettings } from './settings.ts';
import type { Divergence, OracleTrial } from './trial.ts';
import { REPORT_INPUT, zodFieldErrors, type Validated } from './validation.ts';

export const BEST_CONFIG_FORMAT = 'rung.best-config';
export const BEST_CONFIG_VERSION = 1;

export interface TestEvaluation {
  /** Mean over the retrains; each retrain trains the configuration from scratch for max_epochs. */
  accuracy: number;
  loss: number;
  epochs: number;
  runs: { accuracy: number; loss: number }[];
}

/** The one JSON document both the app's "Export best config" and `npm run tune -- --out` write. */
export interface BestConfig {
  format: typeof BEST_CONFIG_FORMAT;
  version: typeof BEST_CONFIG_VERSION;
  hyperparameters: HyperparameterValues;
  bestTrial: {
    id: string;
    bracket: number;
    round: number;
    epochs: number;
    initialEpoch: number;
    parentId: string | null;
    score: number;
    bestEpoch: number;
    objective: SearchSettings['objective'];
    spaceVersion: number;
    /**
     * Where the best trial's loss stopped being finite; null if it never did. A diverged trial is the
     * best only when no other trial completed. Absent in documents written before it was recorded.
     */
    divergence?: Divergence | null;
  };
  /** Null while the search runs or before the retrain has finished. */
  testEvaluation: TestEvaluation | null;
  search: SearchSettings & { space: ReturnType<typeof serializeSearchSpace> };
  backend: string;
  rungVersion: string;
  createdAt: string;
}

export function cleanHyperparameters(space: SearchSpace, values: HyperparameterValues): HyperparameterValues {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, cleanValue(findHyperparameter(space, k), v)]));
}

export function buildBestConfig(args: {
  trial: OracleTrial;
  space: SearchSpace;
  settings: SearchSettings;
  testEvaluation: TestEvaluation | null;
  backend: string;
  rungVersion: string;
  now?: Date;
}): BestConfig {
  const { trial, space, settings } = args;
  if (trial.status !== 'completed' || trial.score === null || trial.bestEpoch === null) {
    throw new Error(`trial ${trial.trialId} has not completed`);
  }
  return {
    format: BEST_CONFIG_FORMAT,
    version: BEST_CONFIG_VERSION,
    hyperparameters: cleanHyperparameters(space, trial.hyperparameters),
    bestTrial: {
      id: trial.trialId,
      bracket: trial.bracket,
      round: trial.round,
      epochs: trial.epochs,
      initialEpoch: trial.initialEpoch,
      parentId: trial.parentId,
      score: trial.score,
      bestEpoch: trial.bestEpoch,
      objective: settings.objective,
      spaceVersion: trial.spaceVersion,
      divergence: trial.divergence ?? null,
    },
    testEvaluation: args.testEvaluation,
    search: { ...settings, space: serializeSearchSpace(space) },
    backend: args.backend,
    rungVersion: args.rungVersion,
    createdAt: (args.now ?? new Date()).toISOString(),
  };
}

const scalar = z.union([z.number(), z.string(), z.boolean()]);
const bestConfigSchema = z.strictObject({
  format: z.literal(BEST_CONFIG_FORMAT),
  version: z.number().int(),
  hyperparameters: z.record(z.string(), scalar),
  bestTrial: z.strictObject({
    id: z.string(),
    bracket: z.number().int().min(0),
    round: z.number().int().min(0),
    epochs: z.number().int().min(1),
    initialEpoch: z.number().int().min(0),
    parentId: z.string().nullable(),
    score: z.number(),
    bestEpoch: z.number().int().min(1),
    objective: z.enum(['val_accuracy', 'val_loss']),
    spaceVersion: z.number().int().min(0),
    divergence: z
      .strictObject({ epoch: z.number().int().min(1), batch: z.number().int().min(0), nanModelValAccuracy: z.number().min(0).max(1) })
      .nullable()
      .optional(),
  }),
  testEvaluation: z
    .strictObject({
      accuracy: z.number(),
      loss: z.number(),
      epochs: z.number().int().min(1),
      runs: z.array(z.strictObject({ accuracy: z.number(), loss: z.number() })),
    })
    .nullable(),
  search: z.looseObject({ space: z.unknown() }),
  backend: z.string(),
  rungVersion: z.string(),
  createdAt: z.string(),
});

/** Validates an imported best-config document, including the search it names. */
export function parseBestConfig(input: unknown): Validated<BestConfig> {
  const version = (input as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > BEST_CONFIG_VERSION) {
    return { ok: false, errors: [{ field: 'version', message: `version ${version} is newer than this Rung reads (${BEST_CONFIG_VERSION})` }] };
  }
  const parsed = bestConfigSchema.safeParse(input, REPORT_INPUT);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const { space: rawSpace, ...rawSettings } = parsed.data.search;
  const space = parseSearchSpace(rawSpace);
  if (!space.ok) return { ok: false, errors: space.errors.map((e) => ({ ...e, field: `search.space.${e.field}` })) };
  const settings = parseSettings(rawSettings);
  if (!settings.ok) return { ok: false, errors: settings.errors.map((e) => ({ ...e, field: `search.${e.field}` })) };
  const search = { ...settings.value, space: serializeSearchSpace(space.value) };
  return { ok: true, value: { ...parsed.data, search } as BestConfig };
}
