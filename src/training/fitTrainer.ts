import * as tf from '@tensorflow/tfjs';
import { isBetter, type ObjectiveName } from '../engine/settings.ts';
import { objectiveValue, type EpochMetrics } from '../engine/trial.ts';
import type { JobListener, JobRun, TrialEnd, WeightSnapshot } from '../search/jobs.ts';
import type { DatasetTensors } from './datasetTensors.ts';
import { prepareTrialModel, snapshotWeights } from './mlpModel.ts';
import { nanModelAccuracy } from './nanModelAccuracy.ts';
import { ProgressThrottle, type TrainingControl } from './trainingControl.ts';

export interface FitOptions {
  batchSize: number;
  objective: ObjectiveName;
  /** Runs on the final model (not the best epoch) after training completes, before it is freed. */
  afterTraining?: (model: tf.LayersModel) => Promise<void>;
}

/**
 * Trains one trial with tfjs `model.fit`, the way Keras trains it: epochs initialEpoch..epochs,
 * reshuffled each epoch, validated after each. The reference path: trainer `fit`, or `auto` on the
 * CPU backend. A fused job that fails is retried fused, never rerun here.
 */
export async function trainWithFit(
  job: JobRun,
  data: DatasetTensors,
  options: FitOptions,
  control: TrainingControl,
  listener: JobListener,
): Promise<TrialEnd | null> {
  const { run } = job;
  const startedMs = performance.now();
  const { model, architecture, dispose } = prepareTrialModel(job);
  const batchesTotal = Math.ceil(data.train.count / options.batchSize);
  const throttle = new ProgressThrottle();
  let epochStartMs = performance.now();
  let divergedAt: { epoch: number; batch: number } | null = null;
  let best: { value: number; weights: WeightSnapshot } | null = null;
  const epochs: EpochMetrics[] = [];
  try {
    await model.fit(data.train.images, data.train.labels, {
      batchSize: options.batchSize,
      epochs: run.epochs,
      initialEpoch: run.initialEpoch,
      shuffle: true,
      validationData: [data.validation.images, data.validation.labels],
      verbose: 0,
      yieldEvery: 'never',
      callbacks: {
        onEpochBegin: async () => {
          epochStartMs = performance.now();
        },
        onBatchEnd: async (batch, logs) => {
          const epoch = epochs.length + run.initialEpoch + 1;
          const loss = logs?.loss;
          if (loss === undefined || !Number.isFinite(loss)) {
            // Diverged: every later update is NaN, so training stops here instead of running on.
            divergedAt = { epoch, batch: batch + 1 };
            model.stopTraining = true;
            return;
          }
          if (throttle.shouldReport(batch + 1, batchesTotal)) {
            listener.onBatchProgress({ trialIds: [run.trialId], epoch, batchesDone: batch + 1, batchesTotal });
          }
          await control.checkpoint();
          if (control.isCancelled) model.stopTraining = true;
        },
        onEpochEnd: async (epochIndex, logs) => {
          if (divergedAt || control.isCancelled || !logs) return;
          control.assertHealthy();
          const metrics: EpochMetrics = {
            epoch: epochIndex + 1,
            loss: logs.loss!,
            accuracy: logs.acc ?? logs.accuracy!,
            valLoss: logs.val_loss!,
            valAccuracy: logs.val_acc ?? logs.val_accuracy!,
          };
          epochs.push(metrics);
          listener.onEpoch(run.trialId, metrics, performance.now() - epochStartMs);
          const value = objectiveValue(options.objective, metrics);
          if (isBetter(options.objective, value, best?.value ?? null)) {
            best = { value, weights: await snapshotWeights(model, architecture.units, metrics.epoch) };
          }
        },
      },
    });
    if (!divergedAt && !control.isCancelled) await options.afterTraining?.(model);
  } finally {
    dispose();
  }
  const divergence = divergedAt as { epoch: number; batch: number } | null;
  if (control.isCancelled && !divergence) return null;
  const durationMs = performance.now() - startedMs;
  const bestWeights = (best as { weights: WeightSnapshot } | null)?.weights ?? null;
  if (divergence) {
    const nanModelValAccuracy = nanModelAccuracy(await data.validation.labels.data());
    return { trialId: run.trialId, outcome: { status: 'completed', epochs, divergence: { ...divergence, nanModelValAccuracy } }, bestWeights, durationMs };
  }
  return { trialId: run.trialId, outcome: { status: 'completed', epochs }, bestWeights, durationMs };
}
