import { beforeEach, describe, expect, it } from 'vitest';
import type { HyperparameterValues } from '../../../src/engine/hyperparameters.ts';
import type { OracleState } from '../../../src/engine/oracleState.ts';
import { DEFAULT_SETTINGS } from '../../../src/engine/referenceDefaults.ts';
import type { SearchSpace } from '../../../src/engine/searchSpace.ts';
import { initialAppState, useAppStore } from '../../../src/store/appStore.ts';
import { brushAxis, clearAxisBrush, setAxisBrushFromText } from '../../../src/store/brushActions.ts';
import { applySearchEvent, initialRunState, runResults, type RunResults, type TrialView, type TrialViewStatus } from '../../../src/store/runState.ts';
import { brushedTrialIds, finalBudgetTrials, insightAxes, OBJECTIVE_AXIS, parallelCoordinates } from '../../../src/store/selectors/insight.ts';
import { slicePlots } from '../../../src/store/selectors/slices.ts';

const space: SearchSpace = {
  hyperparameters: [
    { name: 'units_0', type: 'int', min: 40, max: 80, step: 1 },
    { name: 'learning_rate', type: 'float', min: 0.0001, max: 0.01, sampling: 'log' },
    { name: 'optimizer', type: 'choice', values: ['sgd', 'adam'] },
    { name: 'batch_norm', type: 'boolean' },
    { name: 'momentum', type: 'choice', values: [0.9, 0.5, 0.99] },
  ],
};

interface TrialSpec {
  id: string;
  hp: Partial<HyperparameterValues>;
  score: number | null;
  epochs?: number;
  round?: number;
  parent?: string;
  status?: TrialViewStatus;
}

const BASE: HyperparameterValues = { units_0: 60, learning_rate: 0.001, optimizer: 'adam', batch_norm: false, momentum: 0.9 };

function trial({ id, hp, score, epochs = 1, round = 0, parent, status = 'completed' }: TrialSpec): TrialView {
  return {
    trialId: id,
    run: { trialId: id, hyperparameters: { ...BASE, ...hp } as HyperparameterValues, iteration: 0, bracket: 1, round, initialEpoch: 0, epochs, parentId: parent ?? null, spaceVersion: 0 },
    status,
    failureReason: null,
    divergence: null,
    attempt: 1,
    epochs: [],
    score: status === 'completed' ? score : null,
    bestEpoch: 1,
    durationMs: 1,
  };
}

function runOf(trials: TrialSpec[], objective: 'val_accuracy' | 'val_loss' = 'val_accuracy'): RunResults {
  return {
    ...runResults(initialRunState()),
    status: 'done',
    settings: { ...DEFAULT_SETTINGS, objective },
    oracle: { spaces: [space] } as unknown as OracleState,
    trials: Object.fromEntries(trials.map((t) => [t.id, trial(t)])),
  };
}

/** A family promoted twice (a → b → c), a family promoted once (d → e, e still running) and a lone trial f. */
const RUN = runOf([
  { id: 'a', hp: { units_0: 40, learning_rate: 0.0001 }, score: 0.5, epochs: 1 },
  { id: 'b', hp: { units_0: 40, learning_rate: 0.0001 }, score: 0.6, epochs: 3, round: 1, parent: 'a' },
  { id: 'c', hp: { units_0: 40, learning_rate: 0.0001 }, score: 0.7, epochs: 9, round: 2, parent: 'b' },
  { id: 'd', hp: { units_0: 80, learning_rate: 0.01, optimizer: 'sgd', batch_norm: true, momentum: 0.99 }, score: 0.9, epochs: 1 },
  { id: 'e', hp: { units_0: 80, learning_rate: 0.01, optimizer: 'sgd', batch_norm: true, momentum: 0.99 }, score: null, epochs: 3, round: 1, parent: 'd', status: 'running' },
  { id: 'f', hp: { units_0: 60, learning_rate: 0.001 }, score: 0.8, epochs: 1 },
]);

describe('the parallel coordinates', () => {
  it('draw a promoted family once, at the final budget it completed', () => {
    expect(finalBudgetTrials(RUN).map((t) => t.trialId).sort()).toEqual(['c', 'd', 'f']);
    expect(parallelCoordinates(RUN, {}).lines.map((l) => l.trialId)).toEqual(['c', 'f', 'd']);
  });

  it('follow the search live: a promoted child that completes replaces its parent\'s line', () => {
    const running = { ...initialRunState(), ...RUN, status: 'running' as const };
    const e = RUN.trials.e!.run;
    const ended = applySearchEvent(running, { type: 'trialEnd', trial: { ...e, status: 'completed', score: 0.95, bestEpoch: 3, failureReason: null, divergence: null }, durationMs: 5 }, 0, 32);
    const { lines } = parallelCoordinates(runResults(ended), {});
    expect(lines.map((l) => [l.trialId, l.score])).toEqual([['c', 0.7], ['f', 0.8], ['e', 0.95]]);
  });

  it('give each hyperparameter an axis in registration order, then the objective', () => {
    const axes = insightAxes(RUN, {});
    expect(axes.map((a) => a.key)).toEqual(['units_0', 'learning_rate', 'optimizer', 'batch_norm', 'momentum', OBJECTIVE_AXIS]);
    expect(axes.at(-1)!.label).toBe('val_accuracy');
    expect(axes.map((a) => a.scale.kind)).toEqual(['linear', 'log', 'categories', 'categories', 'categories', 'linear']);
  });

  it('take domains from the space, numeric choices sorted, words as declared, booleans as two categories', () => {
    const [units, rate, optimizer, batchNorm, momentum, objective] = insightAxes(RUN, {});
    expect(units!.scale).toEqual({ kind: 'linear', min: 40, max: 80, integer: true });
    expect(rate!.scale).toEqual({ kind: 'log', min: 0.0001, max: 0.01, integer: false });
    expect(optimizer!.scale).toEqual({ kind: 'categories', values: ['sgd', 'adam'] });
    expect(batchNorm!.scale).toEqual({ kind: 'categories', values: [false, true] });
    expect(momentum!.scale).toEqual({ kind: 'categories', values: [0.5, 0.9, 0.99] });
    expect(objective!.scale).toEqual({ kind: 'linear', min: 0.7, max: 0.9, integer: false });
  });

  it('place each line on each axis: linear, log, categories, the objective', () => {
    const { lines } = parallelCoordinates(RUN, {});
    const f = lines.find((l) => l.trialId === 'f')!;
    expect(f.fractions[0]).toBe(0.5);
    expect(f.fractions[1]).toBeCloseTo(0.5, 12);
    expect(f.fractions.slice(2, 5)).toEqual([1, 0, 0.5]);
    expect(f.fractions[5]).toBeCloseTo(0.5, 12);
    expect(f.values).toEqual(['60', '0.001', 'adam', 'false', '0.9', '0.8000']);
    expect(lines.map((l) => l.rank)).toEqual([0, expect.closeTo(0.5, 12), 1]);
  });

  it('rank the lowest val_loss best', () => {
    const run = runOf([
      { id: 'a', hp: {}, score: 0.2 },
      { id: 'b', hp: {}, score: 0.4 },
    ], 'val_loss');
    const { lines } = parallelCoordinates(run, {});
    expect(lines.map((l) => [l.trialId, l.rank])).toEqual([['b', 0], ['a', 1]]);
  });

  it('select the lines every brush keeps (the brushes AND together)', () => {
    const units = { units_0: { kind: 'range', min: 50, max: 80 } } as const;
    expect(parallelCoordinates(RUN, units).lines.filter((l) => l.selected).map((l) => l.trialId)).toEqual(['f', 'd']);
    const both = { ...units, optimizer: { kind: 'categories', values: ['adam'] } } as const;
    expect(parallelCoordinates(RUN, both).lines.filter((l) => l.selected).map((l) => l.trialId)).toEqual(['f']);
    expect(insightAxes(RUN, both)[0]!.brushFractions).toEqual([0.25, 1]);
  });
});

describe('brush filtering of the leaderboard and curves', () => {
  it('keeps every trial of any status whose values lie in the brushes, and none without a score on the objective axis', () => {
    expect(brushedTrialIds(RUN, {})).toBeNull();
    expect([...brushedTrialIds(RUN, { units_0: { kind: 'range', min: 70, max: 80 } })!].sort()).toEqual(['d', 'e']);
    expect([...brushedTrialIds(RUN, { [OBJECTIVE_AXIS]: { kind: 'range', min: 0.55, max: 1 } })!].sort()).toEqual(['b', 'c', 'd', 'f']);
  });
});

describe('slice plots', () => {
  it('plot every completed trial against each hyperparameter, choices at their index, the brushed-out ones faded', () => {
    const plots = slicePlots(RUN, { batch_norm: { kind: 'categories', values: [true] } });
    expect(plots.map((p) => [p.name, p.scale])).toEqual([['units_0', 'linear'], ['learning_rate', 'log'], ['optimizer', 'category'], ['batch_norm', 'category'], ['momentum', 'category']]);
    const rate = plots[1]!;
    expect(rate.domain).toEqual([0.0001, 0.01]);
    expect(rate.points.map((p) => p.trialId).sort()).toEqual(['a', 'b', 'c', 'd', 'f']);
    const optimizer = plots[2]!;
    expect(optimizer.domain).toEqual([-0.5, 1.5]);
    expect(optimizer.ticks).toEqual([{ x: 0, label: 'sgd' }, { x: 1, label: 'adam' }]);
    expect(optimizer.points.find((p) => p.trialId === 'd')).toEqual({ trialId: 'd', x: 0, score: 0.9, selected: true });
    expect(optimizer.points.find((p) => p.trialId === 'a')!.selected).toBe(false);
  });
});

describe('brush actions', () => {
  beforeEach(() => {
    useAppStore.setState({ ...initialAppState(), run: { ...initialRunState(), ...RUN } });
  });

  it('turn a drag into a brush on the axis it was made on, and clear it', () => {
    brushAxis('units_0', 0.2, 0.6);
    expect(useAppStore.getState().brushes).toEqual({ units_0: { kind: 'range', min: 48, max: 64 } });
    brushAxis('momentum', 0.6, 1);
    expect(useAppStore.getState().brushes.momentum).toEqual({ kind: 'categories', values: [0.99] });
    clearAxisBrush('units_0');
    expect(Object.keys(useAppStore.getState().brushes)).toEqual(['momentum']);
  });

  it('take a typed range, and refuse a bad one with the field named, brushes unchanged', () => {
    expect(setAxisBrushFromText('learning_rate', '0.0005', '0.002')).toBeNull();
    expect(useAppStore.getState().brushes.learning_rate).toEqual({ kind: 'range', min: 0.0005, max: 0.002 });
    expect(setAxisBrushFromText('learning_rate', 'abc', '0.002')).toBe('learning_rate from: enter a number, got "abc"');
    expect(setAxisBrushFromText('units_0', '70', '50')).toBe('units_0 from (70) is greater than to (50)');
    expect(useAppStore.getState().brushes).toEqual({ learning_rate: { kind: 'range', min: 0.0005, max: 0.002 } });
    expect(setAxisBrushFromText('optimizer', '1', '1')).toBeNull();
    expect(useAppStore.getState().brushes.optimizer).toEqual({ kind: 'categories', values: ['adam'] });
  });
});
