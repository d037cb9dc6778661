import * as tf from '@tensorflow/tfjs';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import type { EpochMetrics } from '../engine/trial.ts';
import type { JobListener } from '../search/jobs.ts';
import type { DatasetTensors, SplitTensors } from './datasetTensors.ts';
import { trainWithFit } from './fitTrainer.ts';
import type { TrainingControl } from './trainingControl.ts';

export interface TestResult {
  accuracy: number;
  loss: number;
}

export interface RetrainResult extends TestResult {
  epochs: EpochMetrics[];
}

/** Loss and accuracy of a trained model on a split, in large batches. */
export async function evaluateSplit(model: tf.LayersModel, split: SplitTensors): Promise<TestResult> {
  const outputs = model.evaluate(split.images, split.labels, { batchSize: 1000 }) as tf.Scalar[];
  try {
    const [loss, accuracy] = await Promise.all(outputs.map((t) => t.data()));
    return { loss: loss![0]!, accuracy: accuracy![0]! };
  } finally {
    tf.dispose(outputs);
  }
}

/**
 * What the reference run reported as "Best model test accuracy": the best configuration trained
 * from scratch for max_epochs on the training split, then evaluated once on the test set.
 */
export async function retrainAndTest(
  hyperparameters: HyperparameterValues,
  data: DatasetTensors,
  options: { batchSize: number; epochs: number; seed: number; label: string },
  control: TrainingControl,
  listener: JobListener,
): Promise<RetrainResult | null> {
  let test: TestResult | null = null;
  const run = {
    trialId: options.label,
    hyperparameters,
    iteration: 0,
    bracket: 0,
    round: 0,
    initialEpoch: 0,
    epochs: options.epochs,
    parentId: null,
    spaceVersion: 0,
  };
  const end = await trainWithFit({ run, parentWeights: null, seed: options.seed }, data, {
    batchSize: options.batchSize,
    objective: 'val_accuracy',
    afterTraining: async (model) => {
      test = await evaluateSplit(model, data.test);
    },
  }, control, listener);
  if (!end || end.outcome.status !== 'completed' || test === null) {
    if (end?.outcome.status === 'failed') throw new Error(`retraining failed: ${end.outcome.reason}`);
    return null;
  }
  return { ...(test as TestResult), epochs: [...end.outcome.epochs] };
}
