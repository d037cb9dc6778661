import type { RunState } from '../runState.ts';

export interface EstimateOutcome {
  estimatedMs: number;
  tookMs: number;
  /** (estimated − took) / took, in percent: negative when the estimate was short. */
  errorPercent: number;
}

/**
 * The estimate shown before Start against the time the search took, from its first trial to its
 * last result (the test accuracy when it retrains). Only for a search that ran to its end here.
 */
export function estimateOutcome(run: Pick<RunState, 'status' | 'estimate' | 'startedAtMs' | 'endedAtMs' | 'retrainEndedAtMs'>): EstimateOutcome | null {
  if (run.status !== 'done' || !run.estimate || run.startedAtMs === null) return null;
  const endMs = run.estimate.includesRetrains ? run.retrainEndedAtMs : run.endedAtMs;
  if (endMs === null) return null;
  const tookMs = endMs - run.startedAtMs;
  const estimatedMs = run.estimate.totalMs;
  return { estimatedMs, tookMs, errorPercent: tookMs > 0 ? ((estimatedMs - tookMs) / tookMs) * 100 : 0 };
}
