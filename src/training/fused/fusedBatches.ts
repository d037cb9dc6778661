import * as tf from '@tensorflow/tfjs';
import type { MnistSplit } from '../../data/mnist.ts';
import { MNIST_CLASSES, MNIST_INPUT_SIZE } from '../../engine/mlpSpace.ts';
import type { FusedLayout } from './fusedLayout.ts';
import type { FusedBatch } from './fusedStrategy.ts';
import type { TrialStream } from './trialRandomness.ts';

/**
 * Where a step's images come from: `upload` copies the rows in JavaScript and uploads them (WASM and
 * CPU, where a gather kernel is slow), `gather` picks them on the device from the resident split
 * (GPU backends, where uploading a megabyte per step is the slow part).
 */
export type ImageSource = { kind: 'upload' } | { kind: 'gather'; images: tf.Tensor2D };

function labelTensors(split: MnistSplit, indices: ArrayLike<number>): { oneHot: tf.Tensor2D; labels: tf.Tensor1D } {
  const oneHot = new Float32Array(indices.length * MNIST_CLASSES);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const label = split.labels[indices[i]!]!;
    labels[i] = label;
    oneHot[i * MNIST_CLASSES + label] = 1;
  }
  return { oneHot: tf.tensor2d(oneHot, [indices.length, MNIST_CLASSES]), labels: tf.tensor1d(labels, 'int32') };
}

function uploadRows(split: MnistSplit, indices: ArrayLike<number>): tf.Tensor2D {
  const images = new Float32Array(indices.length * MNIST_INPUT_SIZE);
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i]!;
    images.set(split.images.subarray(row * MNIST_INPUT_SIZE, (row + 1) * MNIST_INPUT_SIZE), i * MNIST_INPUT_SIZE);
  }
  return tf.tensor2d(images, [indices.length, MNIST_INPUT_SIZE]);
}

/** Batch `batch` of the epoch for every trial of the layout, each from its own stream. Caller disposes. */
export function trainingBatch(layout: FusedLayout, streams: readonly TrialStream[], split: MnistSplit, batch: number, batchSize: number, source: ImageSource): FusedBatch {
  return tidyBatch(() => buildTrainingBatch(layout, streams, split, batch, batchSize, source));
}

function buildTrainingBatch(layout: FusedLayout, streams: readonly TrialStream[], split: MnistSplit, batch: number, batchSize: number, source: ImageSource): FusedBatch {
  const perTrial = streams.map((s) => s.batchIndices(batch, batchSize));
  const rows = perTrial[0]!.length;
  const indices = new Int32Array(rows * perTrial.length);
  perTrial.forEach((ids, k) => indices.set(ids, k * rows));
  const images = source.kind === 'gather' ? tf.tidy(() => tf.gather(source.images, tf.tensor1d(indices, 'int32'))) : uploadRows(split, indices);
  const masks = layout.outDims.slice(0, -1).map((paddedWidth, l) => {
    const values = new Float32Array(indices.length * paddedWidth);
    streams.forEach((stream, k) => {
      const trial = layout.trials[k]!;
      stream.dropoutMask(rows, trial.units[l]!, paddedWidth, trial.dropouts[l]!, values, k * rows * paddedWidth);
    });
    return tf.tensor2d(values, [indices.length, paddedWidth]);
  });
  return { rows, images, sharedImages: false, ...labelTensors(split, indices), masks };
}

/** Rows [start, start + rows) of a split, seen by every trial: one upload, labels repeated per trial. */
export function evaluationBatch(trialCount: number, split: MnistSplit, start: number, rows: number): FusedBatch {
  const range = Array.from({ length: rows }, (_, i) => start + i);
  const repeated = Array.from({ length: rows * trialCount }, (_, i) => start + (i % rows));
  return tidyBatch(() => ({ rows, images: uploadRows(split, range), sharedImages: true, ...labelTensors(split, repeated), masks: null }));
}

/** Builds a batch inside tf.tidy: if building throws part-way, the tensors it already made are freed. */
function tidyBatch(build: () => FusedBatch): FusedBatch {
  return tf.tidy(() => build() as unknown as tf.TensorContainer) as unknown as FusedBatch;
}

export function disposeBatch(batch: FusedBatch): void {
  tf.dispose([batch.images, batch.oneHot, batch.labels, ...(batch.masks ?? [])]);
}
