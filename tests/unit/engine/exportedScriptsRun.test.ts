import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kerasTunerScript } from '../../../src/engine/kerasTunerScript.ts';
import { rayTuneScript } from '../../../src/engine/rayTuneScript.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { python } from './pythonRunner.ts';

/** Stand-ins for keras, keras_tuner and ray that record each call as a JSON line (tests/scripts/standins). */
const STANDINS = new URL('../../scripts/standins', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'rung-scripts-run-'));
const INPUT = { space: referenceSearchSpace(2), settings: { ...DEFAULT_SETTINGS, maxEpochs: 3, seed: 77, trainLimit: 640, valLimit: 200, testLimit: null }, rungVersion: '9.9.9' };

type Call = { call: string } & Record<string, unknown>;

/** Runs an exported script against the stand-ins (no site packages: the real libraries are never reached). */
function run(script: string, fileName: string): Call[] {
  const file = join(folder, fileName);
  writeFileSync(file, script);
  const output = python(['-B', '-S', file], { PYTHONPATH: STANDINS });
  return output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Call);
}

/** Rung's MLP for these values, as the stand-in records its layers and optimizer. */
function mlpCalls(values: Record<string, unknown>): Call[] {
  return [
    { call: 'Input', shape: [28, 28] },
    { call: 'Flatten' },
    ...[0, 1].flatMap((i) => [{ call: 'Dense', units: values[`units_${i}`], activation: 'relu' }, { call: 'Dropout', rate: values[`dropout_${i}`] }]),
    { call: 'Dense', units: 10, activation: 'softmax' },
    { call: 'compile', optimizer: { Adam: { learning_rate: values.learning_rate } }, loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] },
  ];
}

const FIT = { x: [640, 28, 28], y: [640], batch_size: 32, validation: [200, 28, 28] };
const TEST = { call: 'evaluate', x: [10000, 28, 28], batch_size: 32 };

describe('the exported scripts, run against stand-ins of their libraries', () => {
  it('KerasTuner: registers every hyperparameter in order, builds Rung\'s MLP, searches, retrains the best and tests it', () => {
    const calls = run(kerasTunerScript(INPUT), 'rung_search_keras_tuner.py');
    const registrations = ['units_0', 'dropout_0', 'units_1', 'dropout_1', 'learning_rate'].map((name, i) => ({ call: 'register', kind: ['Int', 'Float', 'Int', 'Float', 'Choice'][i], name }));
    const best = { units_0: 40, dropout_0: 0.1, units_1: 70, dropout_1: 0.1, learning_rate: 0.01 };
    expect(calls).toEqual([
      { call: 'Hyperband', objective: 'val_accuracy', max_epochs: 3, factor: 3, hyperband_iterations: 1, seed: 77, directory: 'rung_search', project_name: 'mnist_mlp' },
      { call: 'search', x: [640, 28, 28], batch_size: 32, validation: [200, 28, 28] },
      ...registrations, ...mlpCalls(best),
      ...registrations, ...mlpCalls(best),
      { call: 'fit', ...FIT, epochs: 3 },
      TEST,
    ]);
  });

  it('Ray Tune: joins the cluster, trains a sampled configuration an epoch per report, retrains the best and tests it', () => {
    const calls = run(rayTuneScript(INPUT), 'rung_search_ray_tune.py');
    const trial = calls.find((c) => c.call === 'trial') as unknown as { config: Record<string, number>; num_samples: number };
    expect(trial.num_samples).toBe(5);
    expect([40, 70].map((min, i) => trial.config[`units_${i}`]! >= min)).toEqual([true, true]);
    expect(calls).toEqual([
      { call: 'ray.init', address: 'auto' },
      { call: 'HyperBandScheduler', time_attr: 'training_iteration', max_t: 3, reduction_factor: 3, metric: 'val_accuracy', mode: 'max' },
      { call: 'BasicVariantGenerator', random_state: 77 },
      { call: 'trial', config: trial.config, num_samples: 5 },
      ...mlpCalls(trial.config),
      ...[1, 2, 3].map(() => ({ call: 'fit', ...FIT, epochs: 1 })),
      { call: 'reports', count: 3, metrics: ['val_accuracy', 'val_loss'] },
      { call: 'get_best_result', metric: 'val_accuracy', mode: 'max' },
      ...mlpCalls(trial.config),
      { call: 'fit', ...FIT, epochs: 3 },
      TEST,
    ]);
  });
});
