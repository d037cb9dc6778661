import * as tf from '@tensorflow/tfjs';
import type { MnistDataset, MnistSplit } from '../data/mnist.ts';

export interface SplitTensors {
  /** [count, 784] float32 pixels in [0, 1]. */
  images: tf.Tensor2D;
  /** [count] float32 class indices, as sparse categorical crossentropy takes them. */
  labels: tf.Tensor1D;
  count: number;
}

export interface DatasetTensors {
  train: SplitTensors;
  validation: SplitTensors;
  test: SplitTensors;
  dispose(): void;
}

function splitTensors(split: MnistSplit): SplitTensors {
  return {
    images: tf.tensor2d(split.images, [split.count, split.images.length / split.count]),
    labels: tf.tensor1d(Float32Array.from(split.labels)),
    count: split.count,
  };
}

/** Uploads the three splits to the current backend once; trainers slice batches from them. */
export function datasetTensors(dataset: MnistDataset): DatasetTensors {
  const train = splitTensors(dataset.train);
  const validation = splitTensors(dataset.validation);
  const test = splitTensors(dataset.test);
  return {
    train,
    validation,
    test,
    dispose: () => tf.dispose([train.images, train.labels, validation.images, validation.labels, test.images, test.labels]),
  };
}
