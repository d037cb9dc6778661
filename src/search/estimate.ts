import { parameterCount } from '../engine/mlpSpace.ts';
import type { SearchSpace } from '../engine/searchSpace.ts';
import { SPLIT_SIZES, type SearchSettings } from '../engine/settings.ts';
import { SEARCH_LOOP_DEFAULTS } from './searchLoop.ts';
import { projectSearch, type CostModel, type Projection } from './projection.ts';
import { resolveTrainer, type TrainerChoice } from './trainerChoice.ts';
import type { TrainerKind } from './jobs.ts';

/** One fused group size as the speed probe measured it. */
export interface FusedMeasurement {
  trials: number;
  /** Milliseconds per training step of the whole group. */
  msPerStep: number;
  /** Milliseconds to validate every trial of the group on 1,000 samples. */
  evalMsPerThousand: number;
}

/** What the speed probe measured on the backend in use, with the model it measured. */
export interface SpeedProfile {
  /** Parameters of the model the probe trained: costs are scaled from it to the space's widths. */
  probeParameters: number;
  /** Milliseconds per batch-32 `model.fit` step; null where it could not be measured. */
  fitMsPerStep: number | null;
  /** At least two group sizes, so the per-trial and fixed parts of a step can be told apart. */
  fused: FusedMeasurement[];
  /** Workers a search trains on at once here (the search worker and its pool). */
  workers: number;
  /** How many times longer a step takes when every worker trains at once than when one trains alone (≥ 1). */
  concurrentSlowdown: number;
}

export interface SearchEstimate extends Projection {
  trainer: TrainerKind;
  workers: number;
}

/**
 * y = a + b·x fitted by least squares to the measured points, with a ≥ 0: one noisy point moves the
 * line a little instead of bending the whole curve.
 */
export function linearFit(points: readonly (readonly [number, number])[]): { intercept: number; slope: number } {
  if (points.length === 1) return { intercept: 0, slope: points[0]![1] / points[0]![0] };
  const n = points.length;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  const slope = points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0) / points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
  const intercept = meanY - slope * meanX;
  if (intercept > 0) return { intercept, slope };
  // A line through the origin, fitted again: clamping alone would tilt it off the points.
  return { intercept: 0, slope: points.reduce((s, [x, y]) => s + x * y, 0) / points.reduce((s, [x]) => s + x * x, 0) };
}

/**
 * The hidden widths a typical trial of the space has: each units range's midpoint (the mean of a
 * choice, a fixed value as it is). The grid's midpoint is what uniform sampling averages to.
 */
export function typicalUnits(space: SearchSpace): number[] {
  const units: number[] = [];
  for (let i = 0; space.hyperparameters.some((hp) => hp.name === `units_${i}`); i++) {
    const hp = space.hyperparameters.find((h) => h.name === `units_${i}`)!;
    if (hp.type === 'int' || hp.type === 'float') units.push((hp.min + hp.max) / 2);
    else if (hp.type === 'choice') units.push(hp.values.reduce<number>((s, v) => s + Number(v), 0) / hp.values.length);
    else if (hp.type === 'fixed') units.push(Number(hp.value));
    else units.push(1);
  }
  return units;
}

/**
 * Step and validation costs for trials of the space's typical width. The per-trial part of a fused
 * step (the slope over K) is compute and scales with the parameter count; the fixed part (kernel
 * launches, the batch upload) does not. A `fit` step is the K=1 fused per-trial compute plus its own
 * overhead, so a wider model adds what that compute adds.
 */
export function costModels(speed: SpeedProfile, space: SearchSpace, trainer: TrainerKind): { search: CostModel; alone: CostModel } | null {
  if (speed.fused.length === 0 || (trainer === 'fit' && speed.fitMsPerStep === null)) return null;
  const widthRatio = parameterCount(typicalUnits(space)) / speed.probeParameters;
  const step = linearFit(speed.fused.map((m) => [m.trials, m.msPerStep]));
  const evaluate = linearFit(speed.fused.map((m) => [m.trials, m.evalMsPerThousand]));
  const evalMs = (trials: number, samples: number) => ((evaluate.intercept + evaluate.slope * widthRatio * trials) * samples) / 1000;
  const stepMs = trainer === 'fused'
    ? (trials: number) => step.intercept + step.slope * widthRatio * trials
    : () => speed.fitMsPerStep! + step.slope * (widthRatio - 1);
  const alone: CostModel = { stepMs, evalMs };
  const slowdown = Math.max(1, speed.concurrentSlowdown);
  const search: CostModel = speed.workers > 1 ? { stepMs: (k) => stepMs(k) * slowdown, evalMs: (k, n) => evalMs(k, n) * slowdown } : alone;
  return { search, alone };
}

export interface EstimateInput {
  settings: SearchSettings;
  space: SearchSpace;
  trainer: TrainerChoice;
  backend: string;
  retrains: number;
  speed: SpeedProfile;
}

/**
 * How long a search with these settings takes here: the trainer `auto` resolves to on this backend,
 * as many workers as the search will start, the measured costs scaled to the space's widths, and
 * the real schedule replayed (see `projectSearch`). Data loading and worker start-up are not in it.
 * Null when the probe could not measure what the trainer needs.
 */
export function estimateSearch(input: EstimateInput): SearchEstimate | null {
  const { settings, speed } = input;
  const trainer = resolveTrainer(input.trainer, input.backend);
  const costs = costModels(speed, input.space, trainer);
  if (!costs) return null;
  const projection = projectSearch({
    settings,
    space: input.space,
    trainer,
    executors: speed.workers,
    maxFusedTrials: SEARCH_LOOP_DEFAULTS.maxFusedTrials,
    trainSamples: settings.trainLimit ?? SPLIT_SIZES.train,
    validationSamples: settings.valLimit ?? SPLIT_SIZES.validation,
    retrains: input.retrains,
    cost: costs.search,
    retrainCost: costs.alone,
  });
  return { ...projection, trainer, workers: speed.workers };
}
