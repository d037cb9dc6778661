import { DEFAULT_SETTINGS, referenceSearchSpace } from '../engine/referenceDefaults.ts';
import { SPLIT_SIZES } from '../engine/settings.ts';
import { linearFit } from '../search/estimate.ts';
import { projectSearch, type CostModel } from '../search/projection.ts';
import { SEARCH_LOOP_DEFAULTS } from '../search/searchLoop.ts';
import type { TrainingPath } from '../training/fused/trialGroupModel.ts';
import type { GpuTraffic } from '../training/gpuTraffic.ts';

export interface FusedFigures {
  msPerStep: number;
  msPerStepPerTrial: number;
  evalMsPerThousand: number;
  gflops: number;
  trafficPerStep: GpuTraffic | null;
}

export interface BackendFigures {
  fitMsPerStep: number | null;
  /** The path `fused` timed (the one a search takes there); absent from older reports: tfjs. */
  path?: TrainingPath;
  fused: Record<number, FusedFigures>;
  /** Where the kernel trains and the bench asked: the tfjs path at the same K, same run. */
  tfjsPath?: Record<number, FusedFigures> | null;
  largeMatmulGflops: number | null;
  largeMatmulSize: number | null;
  wasmThreads: number | null;
  /** Aggregate throughput of the worker pool against one worker, where measured. */
  pool?: { workers: number; ratio: number };
}

export interface BackendSummary {
  strategy: string;
  /** Which path trains fused groups on this backend: the whole-step WASM kernel, or tfjs kernels. */
  path: TrainingPath;
  /** The tfjs path at each K where the kernel path trains (compared in the same run); else null. */
  tfjsPathMsPerStepPerTrial: Record<number, number> | null;
  tfjsPathGflopsByK: Record<number, number> | null;
  fitMsPerStep: number | null;
  /** One epoch of the 48,000 training images at batch 32 (1,500 steps), with fit, and per trial fused at K=12. */
  fitSecondsPerEpoch: number | null;
  fusedSecondsPerEpochPerTrialK12: number | null;
  fusedMsPerStepPerTrial: Record<number, number>;
  speedupK12: number | null;
  pool: { workers: number; ratio: number } | null;
  /** The pool's aggregate throughput per worker, against one worker alone (1 = perfect scaling). */
  poolEfficiency: number | null;
  /** The default search (30 trials, 120 epochs, full MNIST) with 1 retrain of the best model. */
  projectedSearchSeconds: number | null;
  projectedFitSearchSeconds: number | null;
  /** The default search alone, without the retrain: what `--full-search` measures as `searchSeconds`. */
  projectedSearchOnlySeconds: number | null;
  /** With `--full-search`: the default search as the app ran it, without the retrains. */
  measuredSearchSeconds: number | null;
  /** The fused step's matrix-product GFLOP/s at the largest K measured (`gflopsAtK`). */
  gflopsAchieved: number | null;
  gflopsAtK: number | null;
  gflopsByK: Record<number, number>;
  /** A large square product's GFLOP/s on the same backend in the same run: 1024³, 256³ on a software GPU. */
  gflopsLargeMatmul: number | null;
  largeMatmulSize: number | null;
  /** gflopsAchieved / gflopsLargeMatmul. */
  fusedToLargeMatmulRatio: number | null;
  wasmThreads: number | null;
  /** GPU backends: dispatches, uploads and readbacks per fused step, for the group and per trial, keyed by K. */
  gpuTraffic: Record<number, { perStep: GpuTraffic; perStepPerTrial: GpuTraffic }> | null;
}

function costModel(figures: BackendFigures, slowdown: number): CostModel {
  const line = (points: [number, number][]) => {
    const { intercept, slope } = linearFit(points);
    return (x: number) => intercept + slope * x;
  };
  const step = line(Object.entries(figures.fused).map(([k, f]) => [Number(k), f.msPerStep]));
  const evaluate = line(Object.entries(figures.fused).map(([k, f]) => [Number(k), f.evalMsPerThousand]));
  return {
    stepMs: (trials) => step(trials) * slowdown,
    evalMs: (trials, samples) => (evaluate(trials) * samples * slowdown) / 1000,
  };
}

const perTrial = (traffic: GpuTraffic, trials: number) => Object.fromEntries(Object.entries(traffic).map(([key, n]) => [key, n / trials])) as unknown as GpuTraffic;

function gpuTraffic(fused: Record<number, FusedFigures>): BackendSummary['gpuTraffic'] {
  const counted = Object.entries(fused).filter(([, f]) => f.trafficPerStep);
  if (!counted.length) return null;
  return Object.fromEntries(counted.map(([k, f]) => [k, { perStep: f.trafficPerStep!, perStepPerTrial: perTrial(f.trafficPerStep!, Number(k)) }]));
}

export function summarise(strategy: string, figures: BackendFigures): BackendSummary {
  const twelve = figures.fused[12];
  const base = { settings: DEFAULT_SETTINGS, space: referenceSearchSpace(), maxFusedTrials: SEARCH_LOOP_DEFAULTS.maxFusedTrials, trainSamples: SPLIT_SIZES.train, validationSamples: SPLIT_SIZES.validation, retrains: 1 };
  const workers = figures.pool?.workers ?? 1;
  const fused = Object.keys(figures.fused).length
    ? projectSearch({ ...base, trainer: 'fused', executors: workers, cost: costModel(figures, figures.pool ? workers / figures.pool.ratio : 1) })
    : null;
  const fitCost = figures.fitMsPerStep && figures.fused[1] ? { stepMs: () => figures.fitMsPerStep!, evalMs: costModel(figures, 1).evalMs } : null;
  const fit = fitCost ? projectSearch({ ...base, trainer: 'fit', executors: 1, cost: fitCost }) : null;
  const steps = Math.ceil(SPLIT_SIZES.train / DEFAULT_SETTINGS.batchSize);
  const largestK = Math.max(...Object.keys(figures.fused).map(Number));
  const gflopsAchieved = Number.isFinite(largestK) ? figures.fused[largestK]!.gflops : null;
  const tfjsPath = figures.tfjsPath ?? null;
  return {
    strategy,
    path: figures.path ?? 'tfjs',
    tfjsPathMsPerStepPerTrial: tfjsPath ? Object.fromEntries(Object.entries(tfjsPath).map(([k, f]) => [k, f.msPerStepPerTrial])) : null,
    tfjsPathGflopsByK: tfjsPath ? Object.fromEntries(Object.entries(tfjsPath).map(([k, f]) => [k, f.gflops])) : null,
    fitMsPerStep: figures.fitMsPerStep,
    fitSecondsPerEpoch: figures.fitMsPerStep === null ? null : (figures.fitMsPerStep * steps) / 1000,
    fusedSecondsPerEpochPerTrialK12: twelve ? (twelve.msPerStepPerTrial * steps) / 1000 : null,
    fusedMsPerStepPerTrial: Object.fromEntries(Object.entries(figures.fused).map(([k, f]) => [k, f.msPerStepPerTrial])),
    speedupK12: figures.fitMsPerStep && twelve ? figures.fitMsPerStep / twelve.msPerStepPerTrial : null,
    pool: figures.pool ?? null,
    poolEfficiency: figures.pool ? figures.pool.ratio / figures.pool.workers : null,
    projectedSearchSeconds: fused ? fused.totalMs / 1000 : null,
    projectedFitSearchSeconds: fit ? fit.totalMs / 1000 : null,
    projectedSearchOnlySeconds: fused ? fused.searchMs / 1000 : null,
    measuredSearchSeconds: null,
    gflopsAchieved,
    gflopsAtK: gflopsAchieved === null ? null : largestK,
    gflopsByK: Object.fromEntries(Object.entries(figures.fused).map(([k, f]) => [k, f.gflops])),
    gflopsLargeMatmul: figures.largeMatmulGflops,
    largeMatmulSize: figures.largeMatmulSize,
    fusedToLargeMatmulRatio: gflopsAchieved !== null && figures.largeMatmulGflops ? gflopsAchieved / figures.largeMatmulGflops : null,
    wasmThreads: figures.wasmThreads,
    gpuTraffic: gpuTraffic(figures.fused),
  };
}
