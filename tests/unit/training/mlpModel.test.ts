import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parameterCount } from '../../../src/engine/mlpSpace.ts';
import { buildMlp, loadWeights, prepareTrialModel, snapshotWeights } from '../../../src/training/mlpModel.ts';
import type { JobRun } from '../../../src/search/jobs.ts';
import { REFERENCE_BEST, useCpuBackend } from './tfSetup.ts';

beforeAll(useCpuBackend);

const run = (hyperparameters: Record<string, number>, parentId: string | null = null): JobRun['run'] => ({
  trialId: '0001',
  hyperparameters,
  iteration: 0,
  bracket: 1,
  round: parentId ? 1 : 0,
  initialEpoch: parentId ? 2 : 0,
  epochs: parentId ? 4 : 2,
  parentId,
  spaceVersion: 0,
});

describe('the MLP', () => {
  it('has the Keras layer shapes and parameter count for a configuration', () => {
    const model = buildMlp({ units: [68, 78, 59, 18], dropouts: [0.2, 0.2, 0.1, 0.1], learningRate: 0.001 }, 1);
    expect(model.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dropout', 'Dense', 'Dropout', 'Dense', 'Dropout', 'Dense', 'Dropout', 'Dense']);
    expect(model.getWeights().map((w) => w.shape)).toEqual([[784, 68], [68], [68, 78], [78], [78, 59], [59], [59, 18], [18], [18, 10], [10]]);
    expect(model.countParams()).toBe(64693);
    expect(parameterCount([68, 78, 59, 18])).toBe(64693);
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
    model.dispose();
  });

  it('follows the layer count of the space, and starts with zero biases and Glorot-bounded kernels', async () => {
    const model = buildMlp({ units: [30, 20], dropouts: [0.1, 0.3], learningRate: 0.01 }, 5);
    const [k0, b0] = await Promise.all(model.getWeights().slice(0, 2).map((w) => w.data()));
    const limit = Math.sqrt(6 / (784 + 30));
    expect(Math.max(...k0!.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...k0!.map(Math.abs))).toBeGreaterThan(limit * 0.9);
    expect([...b0!].every((b) => b === 0)).toBe(true);
    expect(model.getWeights()).toHaveLength(6);
    model.dispose();
  });

  it('gives a promoted trial its parent best-epoch weights and a fresh optimizer', async () => {
    const parent = buildMlp({ units: [68, 78, 59, 18], dropouts: [0.2, 0.2, 0.1, 0.1], learningRate: 0.001 }, 42);
    const parentWeights = await snapshotWeights(parent, [68, 78, 59, 18], 2);
    parent.dispose();
    const before = tf.memory().numTensors;
    const trial = prepareTrialModel({ run: run(REFERENCE_BEST, '0000'), parentWeights, seed: 7 });
    const loaded = await snapshotWeights(trial.model, [68, 78, 59, 18], 2);
    expect(loaded.data).toEqual(parentWeights.data);
    expect(trial.optimizer.iterations).toBe(0);
    // A fresh Adam holds only its step counter: no first or second moments yet.
    const slots = await trial.optimizer.getWeights();
    expect(slots.map((s) => s.name)).toEqual(['iter']);
    expect([...(await slots[0]!.tensor.data())]).toEqual([0]);
    tf.dispose(slots.map((s) => s.tensor));
    trial.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('drops different units on every training batch', () => {
    const model = buildMlp({ units: [64], dropouts: [0.5], learningRate: 0.001 }, 3);
    const masks = [0, 1, 2].map(() => tf.tidy(() => (model.layers[1]!.apply(tf.ones([4, 64]), { training: true }) as tf.Tensor).greater(0).dataSync().join('')));
    expect(new Set(masks).size).toBe(3);
    model.dispose();
  });

  it('refuses a checkpoint of another architecture', async () => {
    const model = buildMlp({ units: [10], dropouts: [0], learningRate: 0.001 }, 1);
    expect(() => loadWeights(model, { units: [11], epoch: 1, data: new Float32Array(5) })).toThrow('checkpoint has 5 weights, the model needs 7960');
    model.dispose();
  });
});
