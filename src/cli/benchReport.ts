import { DEFAULT_SETTINGS, referenceSearchSpace } from '../engine/referenceDefaults.ts';
import { SPLIT_SIZES } from '../engine/settings.ts';
import { linearFit } from '../search/estimate.ts';
import { projectSearch, type CostModel } from '../search/projection.ts';

export interface FusedFigures {
  msPerStep: number;
  msPerStepPerTrial: number;
  evalMsPerThousand: number;
}

export interface BackendFigures {
  fitMsPerStep: number | null;
  fused: Record<number, FusedFigures>;
  /** Aggregate throughput of the worker pool against one worker, where measured. */
  pool?: { workers: number; ratio: number };
}

export interface BackendSummary {
  strategy: string;
  fitMsPerStep: number | null;
  /** One epoch of the 48,000 training images at batch 32 (1,500 steps), with fit, and per trial fused at K=12. */
  fitSecondsPerEpoch: number | null;
  fusedSecondsPerEpochPerTrialK12: number | null;
  fusedMsPerStepPerTrial: Record<number, number>;
  speedupK12: number | null;
  pool: { workers: number; ratio: number } | null;
  /** The default search (30 trials, 120 epochs, full MNIST) with 1 retrain of the best model. */
  projectedSearchSeconds: number | null;
  projectedFitSearchSeconds: number | null;
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

export function summarise(strategy: string, figures: BackendFigures): BackendSummary {
  const twelve = figures.fused[12];
  const base = { settings: DEFAULT_SETTINGS, space: referenceSearchSpace(), maxFusedTrials: 12, trainSamples: SPLIT_SIZES.train, validationSamples: SPLIT_SIZES.validation, retrains: 1 };
  const workers = figures.pool?.workers ?? 1;
  const fused = Object.keys(figures.fused).length
    ? projectSearch({ ...base, trainer: 'fused', executors: workers, cost: costModel(figures, figures.pool ? workers / figures.pool.ratio : 1) })
    : null;
  const fitCost = figures.fitMsPerStep && figures.fused[1] ? { stepMs: () => figures.fitMsPerStep!, evalMs: costModel(figures, 1).evalMs } : null;
  const fit = fitCost ? projectSearch({ ...base, trainer: 'fit', executors: 1, cost: fitCost }) : null;
  const steps = Math.ceil(SPLIT_SIZES.train / DEFAULT_SETTINGS.batchSize);
  return {
    strategy,
    fitMsPerStep: figures.fitMsPerStep,
    fitSecondsPerEpoch: figures.fitMsPerStep === null ? null : (figures.fitMsPerStep * steps) / 1000,
    fusedSecondsPerEpochPerTrialK12: twelve ? (twelve.msPerStepPerTrial * steps) / 1000 : null,
    fusedMsPerStepPerTrial: Object.fromEntries(Object.entries(figures.fused).map(([k, f]) => [k, f.msPerStepPerTrial])),
    speedupK12: figures.fitMsPerStep && twelve ? figures.fitMsPerStep / twelve.msPerStepPerTrial : null,
    pool: figures.pool ?? null,
    projectedSearchSeconds: fused ? fused.totalMs / 1000 : null,
    projectedFitSearchSeconds: fit ? fit.totalMs / 1000 : null,
  };
}

const cell = (value: number | null | undefined, digits = 2, suffix = '') => (value === null || value === undefined ? '–' : `${value.toFixed(digits)}${suffix}`);
const minutes = (seconds: number | null) => (seconds === null ? '–' : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`);

export function formatTable(summaries: Record<string, BackendSummary>): string {
  const header = ['backend', 'fit ms/step', 'fit s/epoch', 'fused K=1', 'K=4', 'K=12 (ms/step/trial)', 'K=12 speed-up', 'pool', 'projected search: fused', 'fit'];
  const rows = Object.entries(summaries).map(([name, s]) => [
    name,
    cell(s.fitMsPerStep),
    cell(s.fitSecondsPerEpoch, 1),
    cell(s.fusedMsPerStepPerTrial[1]),
    cell(s.fusedMsPerStepPerTrial[4]),
    cell(s.fusedMsPerStepPerTrial[12]),
    cell(s.speedupK12, 2, 'x'),
    s.pool ? `${s.pool.workers} workers ${s.pool.ratio.toFixed(2)}x` : '–',
    minutes(s.projectedSearchSeconds),
    minutes(s.projectedFitSearchSeconds),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
