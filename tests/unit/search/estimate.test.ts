import { describe, expect, it } from 'vitest';
import { parameterCount } from '../../../src/engine/mlpSpace.ts';
import { plannedTotals } from '../../../src/engine/schedule.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { costModels, estimateSearch, linearFit, typicalUnits, type SpeedProfile } from '../../../src/search/estimate.ts';

const space = referenceSearchSpace();
const settings = { ...DEFAULT_SETTINGS, trainLimit: 3200, valLimit: 1000 };
const STEPS = 100;
/** A probe of the space's typical model: no width scaling, so the numbers below are exact. */
const speed = (overrides: Partial<SpeedProfile> = {}): SpeedProfile => ({
  probeParameters: parameterCount(typicalUnits(space)),
  fitMsPerStep: 4,
  // a step of K trials costs 0.5 + 1·K ms; validation is free
  fused: [{ trials: 1, msPerStep: 1.5, evalMsPerThousand: 0 }, { trials: 4, msPerStep: 4.5, evalMsPerThousand: 0 }],
  workers: 1,
  concurrentSlowdown: 1,
  ...overrides,
});
const estimate = (overrides: Partial<Parameters<typeof estimateSearch>[0]> = {}) =>
  estimateSearch({ settings, space, trainer: 'auto', backend: 'wasm', retrains: 0, speed: speed(), ...overrides })!;

describe('linearFit', () => {
  it('recovers a line through the points', () => {
    expect(linearFit([[1, 1.5], [4, 4.5], [12, 12.5]])).toEqual({ intercept: 0.5, slope: 1 });
  });

  it('passes through the origin when the points would give a negative intercept', () => {
    const { intercept, slope } = linearFit([[1, 0.5], [4, 4.5]]);
    expect(intercept).toBe(0);
    expect(slope).toBeCloseTo((0.5 + 18) / 17, 12);
  });
});

describe('typicalUnits', () => {
  it('takes the midpoint of each units range, in layer order', () => {
    expect(typicalUnits(space)).toEqual([60, 95, 50, 22.5]);
  });
});

describe('estimateSearch', () => {
  it('prices a fit search at the fit step for every trial-epoch', () => {
    const { totalEpochs } = plannedTotals(settings);
    const fit = estimate({ trainer: 'fit' });
    expect(fit.trainer).toBe('fit');
    expect(fit.totalMs).toBe(totalEpochs * STEPS * 4);
  });

  it('prices the fused trainer at its own measured step, not the fit one', () => {
    const fused = estimate({ trainer: 'fused' });
    const fit = estimate({ trainer: 'fit' });
    expect(fused.trainer).toBe('fused');
    // 120 trial-epochs at 1 ms each, plus 0.5 ms per group step over the 20 group-epochs of the fused waves
    expect(fused.totalMs).toBeCloseTo((120 * 1 + 20 * 0.5) * STEPS, 6);
    expect(fused.totalMs).toBeLessThan(fit.totalMs / 2);
  });

  it('resolves auto as the search does: fused on WASM, fit on the CPU backend', () => {
    expect(estimate({ backend: 'wasm' }).trainer).toBe('fused');
    expect(estimate({ backend: 'cpu' }).trainer).toBe('fit');
    expect(estimate({ backend: 'cpu' }).totalMs).toBe(estimate({ trainer: 'fit' }).totalMs);
  });

  it('scales the per-trial compute with the space widths, not the fixed part of a step', () => {
    const half = speed({ probeParameters: parameterCount(typicalUnits(space)) / 2 });
    const { search } = costModels(half, space, 'fused')!;
    expect(search.stepMs(4)).toBeCloseTo(0.5 + 2 * 4, 12);
    const fit = costModels(half, space, 'fit')!;
    expect(fit.search.stepMs(1)).toBeCloseTo(4 + 1, 12);
  });

  it('uses the pool: two workers are faster, unless each runs at half speed', () => {
    const one = estimate({ trainer: 'fused' }).searchMs;
    const two = estimate({ trainer: 'fused', speed: speed({ workers: 2 }) });
    expect(two.workers).toBe(2);
    expect(two.searchMs).toBeLessThan(one);
    const contended = estimate({ trainer: 'fused', speed: speed({ workers: 2, concurrentSlowdown: 2 }) }).searchMs;
    expect(contended).toBeGreaterThanOrEqual(one);
  });

  it('adds the retrains at the speed of one worker alone', () => {
    const alone = estimate({ trainer: 'fused', retrains: 3 });
    const contended = estimate({ trainer: 'fused', retrains: 3, speed: speed({ workers: 2, concurrentSlowdown: 2 }) });
    // three retrains fused as one group of 3 for max_epochs: (0.5 + 3) ms per step
    expect(alone.retrainMs).toBeCloseTo(DEFAULT_SETTINGS.maxEpochs * STEPS * 3.5, 6);
    expect(contended.retrainMs).toBe(alone.retrainMs);
  });

  it('has no estimate for fit when the probe could not time fit', () => {
    expect(estimateSearch({ settings, space, trainer: 'fit', backend: 'wasm', retrains: 0, speed: speed({ fitMsPerStep: null }) })).toBeNull();
  });
});
