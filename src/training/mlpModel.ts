import * as tf from '@tensorflow/tfjs';
import { MNIST_CLASSES, MNIST_INPUT_SIZE, mlpArchitecture, type MlpArchitecture } from '../engine/mlpSpace.ts';
import type { JobRun, WeightSnapshot } from '../search/jobs.ts';

/** Keras's Adam defaults, as the reference run compiled it. */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

/**
 * The reference MLP with Keras defaults: Dense(units_i, relu) with glorot_uniform kernels and zero
 * biases, each followed by Dropout(dropout_i), then Dense(10, softmax). Inputs are flat 784-vectors,
 * which is what Keras's Flatten makes of a 28x28 image.
 */
export function buildMlp(architecture: MlpArchitecture, seed: number): tf.Sequential {
  const model = tf.sequential();
  architecture.units.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        inputShape: i === 0 ? [MNIST_INPUT_SIZE] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        biasInitializer: 'zeros',
      }),
    );
    // No seed: tfjs's seeded dropout restarts its generator on every call, so every batch would drop
    // the same units. Unseeded, each batch draws a fresh mask, as Keras does.
    model.add(tf.layers.dropout({ rate: architecture.dropouts[i]! }));
  });
  model.add(
    tf.layers.dense({
      units: MNIST_CLASSES,
      activation: 'softmax',
      inputShape: architecture.units.length === 0 ? [MNIST_INPUT_SIZE] : undefined,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 99 }),
      biasInitializer: 'zeros',
    }),
  );
  return model;
}

/** A fresh Adam for every trial: KerasTuner rebuilds and recompiles the model, even for a promotion. */
export function compileMlp(model: tf.Sequential, learningRate: number): tf.Optimizer {
  const optimizer = tf.train.adam(learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return optimizer;
}

/** Reads every weight of the model into one flat snapshot (kernel, bias, layer by layer). */
export async function snapshotWeights(model: tf.LayersModel, units: number[], epoch: number): Promise<WeightSnapshot> {
  const weights = model.getWeights();
  const parts = await Promise.all(weights.map((w) => w.data() as Promise<Float32Array>));
  const data = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  return { units: [...units], epoch, data };
}

/** Loads a snapshot into a model of the same architecture. */
export function loadWeights(model: tf.LayersModel, snapshot: WeightSnapshot): void {
  const shapes = model.getWeights().map((w) => w.shape);
  const expected = shapes.reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
  if (expected !== snapshot.data.length) {
    throw new Error(`checkpoint has ${snapshot.data.length} weights, the model needs ${expected}`);
  }
  let offset = 0;
  const tensors = shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const tensor = tf.tensor(snapshot.data.subarray(offset, offset + size), shape);
    offset += size;
    return tensor;
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}

export interface TrialModel {
  model: tf.Sequential;
  optimizer: tf.Optimizer;
  architecture: MlpArchitecture;
  dispose(): void;
}

/**
 * The model a trial trains, as KerasTuner's Hyperband builds it: fresh and compiled, then, for a
 * promoted trial, loaded with the parent's best-epoch weights. The optimizer is always new.
 */
export function prepareTrialModel(job: JobRun): TrialModel {
  const architecture = mlpArchitecture(job.run.hyperparameters);
  const model = buildMlp(architecture, job.seed);
  const optimizer = compileMlp(model, architecture.learningRate);
  const dispose = () => {
    model.dispose();
    optimizer.dispose();
  };
  try {
    if (job.parentWeights) loadWeights(model, job.parentWeights);
  } catch (error) {
    dispose();
    throw error;
  }
  return { model, optimizer, architecture, dispose };
}
