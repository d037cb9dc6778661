import { describe, expect, it } from 'vitest';
import { bracketCount, hyperbandPlan, plannedTotals, roundEpochs, roundSize } from '../../../src/engine/schedule.ts';

describe('Hyperband schedule', () => {
  it('is the reference run: 30 trials and 120 epochs for max_epochs=10, factor=3', () => {
    const rounds = hyperbandPlan({ maxEpochs: 10, factor: 3, iterations: 1 });
    expect(rounds.map(({ bracket, round, trials, epochs, initialEpoch }) => [bracket, round, trials, epochs, initialEpoch])).toEqual([
      [2, 0, 12, 2, 0],
      [2, 1, 4, 4, 2],
      [2, 2, 2, 10, 4],
      [1, 0, 6, 4, 0],
      [1, 1, 2, 10, 4],
      [0, 0, 4, 10, 0],
    ]);
    expect(plannedTotals({ maxEpochs: 10, factor: 3, iterations: 1 })).toEqual({ totalTrials: 30, totalEpochs: 120 });
  });

  it("matches KerasTuner's own bracket checks for max_epochs=8, factor=2", () => {
    expect(bracketCount(8, 2)).toBe(4);
    expect(roundSize(8, 2, 3, 0)).toBe(8);
    expect(roundEpochs(8, 2, 3, 0)).toBe(1);
    expect(roundSize(8, 2, 3, 3)).toBe(1);
    expect(roundEpochs(8, 2, 3, 3)).toBe(8);
    expect([0, 1, 2, 3].map((r) => roundSize(8, 2, 3, r))).toEqual([8, 4, 2, 1]);
    expect([0, 1, 2, 3].map((r) => roundEpochs(8, 2, 3, r))).toEqual([1, 2, 4, 8]);
    expect(roundSize(8, 2, 0, 0)).toBe(4);
    expect(roundEpochs(8, 2, 0, 0)).toBe(8);
  });

  it('repeats every bracket per hyperband iteration', () => {
    const once = plannedTotals({ maxEpochs: 10, factor: 3, iterations: 1 });
    const twice = plannedTotals({ maxEpochs: 10, factor: 3, iterations: 2 });
    expect(twice).toEqual({ totalTrials: 2 * once.totalTrials, totalEpochs: 2 * once.totalEpochs });
  });

  it('has a single round of one trial for max_epochs=1', () => {
    expect(hyperbandPlan({ maxEpochs: 1, factor: 3, iterations: 1 }).map((r) => [r.bracket, r.trials, r.epochs])).toEqual([[0, 1, 1]]);
  });
});
