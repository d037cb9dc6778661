import * as tf from '@tensorflow/tfjs';
import type { MnistSplit } from '../data/mnist.ts';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import { MNIST_CLASSES, MNIST_INPUT_SIZE } from '../engine/mlpSpace.ts';
import { confusionMatrix, diagonalSum, misclassifiedDigits, predictedClasses, type ModelEvaluation } from '../engine/modelEvaluation.ts';
import type { WeightSnapshot } from '../search/jobs.ts';
import { kerasFile, restoreModel, tfjsModelFiles, tfjsZip } from './modelFiles.ts';

const PREDICT_BATCH = 1000;

/** A trained MLP rebuilt from its weights, for what the page asks of it: files, predictions, its mistakes. */
export class TrainedModel {
  private constructor(
    private readonly model: tf.Sequential,
    readonly hyperparameters: HyperparameterValues,
    readonly weights: WeightSnapshot,
  ) {}

  static restore(hyperparameters: HyperparameterValues, weights: WeightSnapshot): TrainedModel {
    return new TrainedModel(restoreModel(hyperparameters, weights), hyperparameters, weights);
  }

  /** Softmax outputs, [images, 10] flat, for 784-value images; in batches, so the test split fits any backend. */
  async predict(images: Float32Array): Promise<Float32Array> {
    const count = images.length / MNIST_INPUT_SIZE;
    if (!Number.isInteger(count)) throw new Error(`images hold ${images.length} values, not a multiple of ${MNIST_INPUT_SIZE}`);
    const parts: Float32Array[] = [];
    for (let start = 0; start < count; start += PREDICT_BATCH) {
      const end = Math.min(count, start + PREDICT_BATCH);
      const output = tf.tidy(() => this.model.predict(tf.tensor2d(images.subarray(start * MNIST_INPUT_SIZE, end * MNIST_INPUT_SIZE), [end - start, MNIST_INPUT_SIZE])) as tf.Tensor);
      parts.push((await output.data()) as Float32Array);
      output.dispose();
    }
    const joined = new Float32Array(count * MNIST_CLASSES);
    parts.forEach((part, i) => joined.set(part, i * PREDICT_BATCH * MNIST_CLASSES));
    return joined;
  }

  /** The confusion matrix and the mistakes on a split, each mistake with its image as 0..255 grey levels. */
  async evaluate(split: MnistSplit, modelName: string): Promise<ModelEvaluation> {
    const { predicted, confidence } = predictedClasses(await this.predict(split.images));
    const pixelsOf = (i: number) => Uint8Array.from(split.images.subarray(i * MNIST_INPUT_SIZE, (i + 1) * MNIST_INPUT_SIZE), (v) => Math.round(v * 255));
    const matrix = confusionMatrix(split.labels, predicted);
    return { modelName, testImages: split.count, correct: diagonalSum(matrix), matrix, misclassified: misclassifiedDigits(split.labels, predicted, confidence, pixelsOf) };
  }

  /** model.json and model.weights.bin, zipped. */
  async tfjsZip(): Promise<Uint8Array> {
    return tfjsZip(await tfjsModelFiles(this.model));
  }

  kerasFile(): Promise<Uint8Array> {
    return kerasFile(this.hyperparameters, this.weights);
  }

  dispose(): void {
    this.model.dispose();
  }
}
