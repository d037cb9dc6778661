import * as tf from '@tensorflow/tfjs';
import type { TestEvaluation } from '../engine/bestConfig.ts';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import type { SearchSettings } from '../engine/settings.ts';
import type { TrialRun } from '../engine/trial.ts';
import { mlpArchitecture } from '../engine/mlpSpace.ts';
import type { JobListener, TrainerKind, TrialEnd, WeightSnapshot } from '../search/jobs.ts';
import type { SplitTensors } from './datasetTensors.ts';
import { trainWithFit } from './fitTrainer.ts';
import { trainFusedJob } from './fused/fusedTrainer.ts';
import { snapshotWeights } from './mlpModel.ts';
import type { TrainingData } from './trainingData.ts';
import { TrainingControl } from './trainingControl.ts';

export interface TestResult {
  accuracy: number;
  loss: number;
}

export interface RetrainProgress {
  retrain: number;
  retrains: number;
  epoch: number;
  epochs: number;
  batchesDone: number;
  batchesTotal: number;
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

function retrainRun(hyperparameters: HyperparameterValues, retrain: number, epochs: number): TrialRun {
  return { trialId: `retrain-${retrain}`, hyperparameters, iteration: 0, bracket: 0, round: 0, initialEpoch: 0, epochs, parentId: null, spaceVersion: 0 };
}

/**
 * What the reference run reported as "Best model test accuracy": the configuration trained from
 * scratch for max_epochs on the training split, then tested once, `retrains` times with other seeds.
 * Fused, the retrains train together. Null if cancelled.
 */
export async function retrainAndTestRepeatedly(
  hyperparameters: HyperparameterValues,
  settings: SearchSettings,
  retrains: number,
  trainer: TrainerKind,
  data: TrainingData,
  onProgress: (progress: RetrainProgress) => void,
  onRetrainDone: (retrain: number, result: TestResult, finalWeights: WeightSnapshot | null) => void = () => undefined,
  control = new TrainingControl(),
): Promise<TestEvaluation | null> {
  const epochs = settings.maxEpochs;
  const runs = Array.from({ length: retrains }, (_, i) => ({ run: retrainRun(hyperparameters, i + 1, epochs), parentWeights: null, seed: settings.seed * 31 + i + 1 }));
  const results = new Map<string, TestResult>();
  const failures: string[] = [];
  // Fused retrains train as one: progress then counts them as a single retrain.
  const listener = (retrain: number, of: number): JobListener => ({
    onBatchProgress: (p) => onProgress({ retrain, retrains: of, epoch: p.epoch, epochs, batchesDone: p.batchesDone, batchesTotal: p.batchesTotal }),
    onEpoch: () => undefined,
    onTrialEnd: (end: TrialEnd) => {
      if (end.outcome.status === 'failed') failures.push(end.outcome.reason);
      else if (end.outcome.divergence) failures.push(`non-finite loss at epoch ${end.outcome.divergence.epoch}, batch ${end.outcome.divergence.batch}`);
      else if (end.test) {
        results.set(end.trialId, end.test);
        onRetrainDone(results.size, end.test, end.finalWeights ?? null);
      }
    },
  });
  if (trainer === 'fused') {
    const job = { jobId: 'retrain', runs, batchSize: settings.batchSize, objective: settings.objective, trainer };
    await trainFusedJob(job, data.dataset, data.fusedGroups(), control, listener(1, 1), { testAtEnd: true });
  } else {
    for (const [i, jobRun] of runs.entries()) {
      let test: TestResult | null = null;
      let finalWeights: WeightSnapshot | null = null;
      const end = await trainWithFit(jobRun, data.tensors(), {
        batchSize: settings.batchSize,
        objective: settings.objective,
        afterTraining: async (model) => {
          test = await evaluateSplit(model, data.tensors().test);
          finalWeights = await snapshotWeights(model, mlpArchitecture(hyperparameters).units, epochs);
        },
      }, control, listener(i + 1, retrains));
      if (end) listener(i + 1, retrains).onTrialEnd({ ...end, ...(test ? { test } : {}), ...(finalWeights ? { finalWeights } : {}) });
    }
  }
  if (failures.length) throw new Error(`retraining failed: ${failures[0]}`);
  if (control.isCancelled || results.size < retrains) return null;
  const tests = runs.map((r) => results.get(r.run.trialId)!);
  const mean = (key: keyof TestResult) => tests.reduce((sum, r) => sum + r[key], 0) / tests.length;
  return { accuracy: mean('accuracy'), loss: mean('loss'), epochs, runs: tests.map(({ accuracy, loss }) => ({ accuracy, loss })) };
}
