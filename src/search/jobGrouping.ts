import type { TrialRun } from '../engine/trial.ts';
import type { TrainerKind } from './jobs.ts';

/** Epochs a run still has to train: its share of the work. */
export function runCostEpochs(run: TrialRun): number {
  return run.epochs - run.initialEpoch;
}

/**
 * Splits runs into at most `groupCount` groups of similar total work (longest first, each to the
 * lightest group), keeping id order inside each group. Each group becomes one fused job.
 */
export function balanceRuns(runs: readonly TrialRun[], groupCount: number, maxGroupSize: number): TrialRun[][] {
  const groups = Math.max(1, Math.min(groupCount, runs.length));
  const bins = Array.from({ length: groups }, () => ({ runs: [] as TrialRun[], cost: 0 }));
  const byCost = [...runs].sort((a, b) => runCostEpochs(b) - runCostEpochs(a));
  for (const run of byCost) {
    const open = bins.filter((bin) => bin.runs.length < maxGroupSize);
    if (open.length === 0) break;
    const lightest = open.reduce((a, b) => (b.cost < a.cost ? b : a));
    lightest.runs.push(run);
    lightest.cost += runCostEpochs(run);
  }
  return bins
    .map((bin) => bin.runs.sort((a, b) => a.trialId.localeCompare(b.trialId)))
    .filter((group) => group.length > 0);
}

/**
 * The runs of the next job an idle executor takes, the dispatch rule the search loop and the projection
 * share: with `fit`, one run; with `fused`, the first of as many balanced groups as executors are idle,
 * at most `maxFusedTrials` runs each.
 */
export function nextJobRuns(pending: readonly TrialRun[], idleExecutors: number, trainer: TrainerKind, maxFusedTrials: number): TrialRun[] {
  const fused = trainer === 'fused';
  return balanceRuns(pending, fused ? idleExecutors : pending.length, fused ? maxFusedTrials : 1)[0] ?? [];
}

/** A seed per trial, derived from the search seed, so a rerun starts from the same weights. */
export function trialSeed(searchSeed: number, trialId: string): number {
  return (searchSeed * 7919 + Number(trialId) * 104729 + 17) % 2147483647;
}
