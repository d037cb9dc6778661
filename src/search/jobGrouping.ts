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
 * share: with `fit`, one run; with `fused`, the first of `shares` balanced groups, at most
 * `maxFusedTrials` runs each. The caller counts as shares the executors still idle in this dispatch
 * and those already busy before it, so an executor that falls idle beside a busy one takes part of
 * the pending runs, not all: the busy one takes the rest when it frees. Taking all of them left the
 * default search's last ten epochs on one core while the other idled (docs/results.md).
 */
export function nextJobRuns(pending: readonly TrialRun[], shares: number, trainer: TrainerKind, maxFusedTrials: number): TrialRun[] {
  const fused = trainer === 'fused';
  return balanceRuns(pending, fused ? shares : pending.length, fused ? maxFusedTrials : 1)[0] ?? [];
}

/** A seed per trial, derived from the search seed, so a rerun starts from the same weights. */
export function trialSeed(searchSeed: number, trialId: string): number {
  return (searchSeed * 7919 + Number(trialId) * 104729 + 17) % 2147483647;
}
