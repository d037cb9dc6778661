import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { projectSearch, type ProjectionInput } from '../../../src/search/projection.ts';

const base: Omit<ProjectionInput, 'trainer' | 'executors' | 'cost'> = {
  settings: DEFAULT_SETTINGS,
  space: referenceSearchSpace(),
  maxFusedTrials: 12,
  trainSamples: 3200,
  validationSamples: 0,
  retrains: 0,
};
const STEPS = 100;

describe('projectSearch', () => {
  it('with no gain from fusing, costs every trial-epoch once: 120 epochs of 100 steps', () => {
    const linear = { stepMs: (k: number) => k, evalMs: () => 0 };
    expect(projectSearch({ ...base, trainer: 'fit', executors: 1, cost: linear }).searchMs).toBe(120 * STEPS);
    expect(projectSearch({ ...base, trainer: 'fused', executors: 1, cost: linear }).searchMs).toBe(120 * STEPS);
  });

  it('with a step that costs the same for any K, costs the group-epochs of the fused waves', () => {
    const flat = { stepMs: () => 1, evalMs: () => 0 };
    // Waves: 12 trials x 2 epochs; 4 x 2; then 2 promoted (6 epochs) beside 6 new (4); then 2 promoted (6) beside 4 new (10).
    expect(projectSearch({ ...base, trainer: 'fused', executors: 1, cost: flat }).searchMs).toBe((2 + 2 + 6 + 10) * STEPS);
  });

  it('runs faster on two executors, never below half', () => {
    const linear = { stepMs: (k: number) => k, evalMs: () => 0 };
    const two = projectSearch({ ...base, trainer: 'fused', executors: 2, cost: linear }).searchMs;
    expect(two).toBeLessThan(120 * STEPS);
    expect(two).toBeGreaterThanOrEqual(60 * STEPS);
  });

  it('adds the retrains: together when fused, one after another with fit', () => {
    const linear = { stepMs: (k: number) => k, evalMs: () => 0 };
    const fused = projectSearch({ ...base, retrains: 3, trainer: 'fused', executors: 1, cost: linear });
    const fit = projectSearch({ ...base, retrains: 3, trainer: 'fit', executors: 1, cost: linear });
    expect(fused.retrainMs).toBe(10 * STEPS * 3);
    expect(fit.retrainMs).toBe(10 * STEPS * 3);
    expect(fused.totalMs).toBe(fused.searchMs + fused.retrainMs);
  });
});
