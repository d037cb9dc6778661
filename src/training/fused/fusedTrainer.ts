import type { MnistDataset } from '../../data/mnist.ts';
import { mlpArchitecture, parameterCount } from '../../engine/mlpSpace.ts';
import { isBetter } from '../../engine/settings.ts';
import { objectiveValue, type EpochMetrics } from '../../engine/trial.ts';
import type { JobListener, JobRun, TrainingJob, WeightSnapshot } from '../../search/jobs.ts';
import { nanModelAccuracy } from '../nanModelAccuracy.ts';
import { ProgressThrottle, type TrainingControl } from '../trainingControl.ts';
import { batchesPerEpoch, glorotUniformWeights, TrialStream } from './trialRandomness.ts';
import { StepSumsReader } from './stepSumsReader.ts';
import type { TrialGroupFactory, TrialGroupModel } from './trialGroupModel.ts';

/** Losses are read (and checked for NaN) once per this many steps, never per step. */
export const READ_EVERY_STEPS = 25;

interface Member {
  job: JobRun;
  stream: TrialStream;
  weightCount: number;
  epochsToTrain: number;
  epochs: EpochMetrics[];
  best: { value: number; weights: WeightSnapshot } | null;
}

/**
 * Trains every trial of a job as one fused model: the same epochs, batches, masks and updates as each
 * alone, in one computation. A trial leaves the group when its epochs are done or its loss diverges
 * (found at the next loss read, at most READ_EVERY_STEPS steps later, and traced to its exact batch).
 * `createGroup` says which path computes it: tfjs kernels, or the whole-step WASM kernel.
 */
export async function trainFusedJob(
  job: TrainingJob,
  data: MnistDataset,
  createGroup: TrialGroupFactory,
  control: TrainingControl,
  listener: JobListener,
  options: { testAtEnd?: boolean } = {},
): Promise<void> {
  const startedMs = performance.now();
  let members: Member[] = job.runs.map((run) => ({
    job: run,
    stream: new TrialStream(data.train.count, run.seed),
    weightCount: parameterCount(mlpArchitecture(run.run.hyperparameters).units),
    epochsToTrain: run.run.epochs - run.run.initialEpoch,
    epochs: [],
    best: null,
  }));
  const specs = members.map(({ job: { run } }) => ({ trialId: run.trialId, ...mlpArchitecture(run.hyperparameters) }));
  let model = await createGroup(specs, members.map((m, k) => m.job.parentWeights?.data ?? glorotUniformWeights(specs[k]!.units, m.job.seed)), job.batchSize);
  const reader = new StepSumsReader(members.length);
  const batches = batchesPerEpoch(data.train.count, job.batchSize);
  const throttle = new ProgressThrottle();
  const absoluteEpoch = (m: Member) => m.job.run.initialEpoch + m.epochs.length + 1;

  const retire = async (leaving: Set<Member>) => {
    if (leaving.size === 0) return;
    const kept = members.map((m, k) => [m, k] as const).filter(([m]) => !leaving.has(m));
    members = kept.map(([m]) => m);
    reader.keepOnly(kept.map(([, k]) => k));
    if (members.length) {
      const next = await model.keepOnly(kept.map(([, k]) => k), members.map((m) => m.weightCount));
      model.dispose();
      model = next;
    }
  };
  // A diverged trial ends with the epochs it finished; training it on would only compute NaN.
  const diverge = (m: Member, batch: number) =>
    listener.onTrialEnd({
      trialId: m.job.run.trialId,
      outcome: { status: 'completed', epochs: m.epochs, divergence: { epoch: absoluteEpoch(m), batch, nanModelValAccuracy: nanModelAccuracy(data.validation.labels) } },
      bestWeights: m.best?.weights ?? null,
      durationMs: performance.now() - startedMs,
    });

  try {
    while (members.length) {
      const epochStartedMs = performance.now();
      members.forEach((m) => m.stream.startEpoch());
      reader.resetEpoch(members.length);
      for (let b = 0; b < batches && members.length; b++) {
        reader.add(b + 1, model.trainStep({ streams: members.map((m) => m.stream), split: data.train, batch: b, batchSize: job.batchSize }));
        if (reader.pendingSteps >= READ_EVERY_STEPS || b === batches - 1) {
          const diverged = await reader.flush();
          const leaving = new Set(diverged.map(({ trialIndex, batch: at }) => {
            const m = members[trialIndex]!;
            diverge(m, at);
            return m;
          }));
          await retire(leaving);
        }
        if (throttle.shouldReport(b + 1, batches)) {
          members.forEach((m) => listener.onBatchProgress({ trialIds: [m.job.run.trialId], epoch: absoluteEpoch(m), batchesDone: b + 1, batchesTotal: batches }));
        }
        await control.checkpoint();
        if (control.isCancelled) return;
      }
      if (!members.length) break;
      control.assertHealthy();
      await endEpoch(members, model, data, job, reader, performance.now() - epochStartedMs, listener, control);
      const finished = members.filter((m) => m.epochs.length === m.epochsToTrain);
      const testing = finished.length > 0 && options.testAtEnd === true;
      const test = testing ? await model.evaluate(data.test) : null;
      const finalWeights = testing ? await model.trialWeights(finished.map((m) => members.indexOf(m)), finished.map((m) => m.weightCount)) : [];
      for (const [i, m] of finished.entries()) {
        const k = members.indexOf(m);
        listener.onTrialEnd({
          trialId: m.job.run.trialId,
          outcome: { status: 'completed', epochs: m.epochs },
          bestWeights: m.best?.weights ?? null,
          durationMs: performance.now() - startedMs,
          ...(test ? { test: { loss: test.loss[k]!, accuracy: test.accuracy[k]! } } : {}),
          ...(finalWeights[i] ? { finalWeights: { units: model.trials[k]!.units, epoch: m.job.run.epochs, data: finalWeights[i] } } : {}),
        });
      }
      await retire(new Set(finished));
    }
  } finally {
    model.dispose();
    reader.dispose();
  }
}

/** Validates every trial, reports its epoch, and keeps the weights of each trial's best epoch so far. */
async function endEpoch(members: Member[], model: TrialGroupModel, data: MnistDataset, job: TrainingJob, reader: StepSumsReader, durationMs: number, listener: JobListener, control: TrainingControl): Promise<void> {
  const validation = await model.evaluate(data.validation);
  control.assertHealthy();
  const improved: number[] = [];
  members.forEach((m, k) => {
    const metrics: EpochMetrics = {
      epoch: m.job.run.initialEpoch + m.epochs.length + 1,
      loss: reader.lossTotals[k]! / data.train.count,
      accuracy: reader.correctTotals[k]! / data.train.count,
      valLoss: validation.loss[k]!,
      valAccuracy: validation.accuracy[k]!,
    };
    m.epochs.push(metrics);
    listener.onEpoch(m.job.run.trialId, metrics, durationMs);
    const value = objectiveValue(job.objective, metrics);
    if (isBetter(job.objective, value, m.best?.value ?? null)) {
      improved.push(k);
      m.best = { value, weights: { units: [], epoch: metrics.epoch, data: new Float32Array(0) } };
    }
  });
  if (!improved.length) return;
  const weights = await model.trialWeights(improved, improved.map((k) => members[k]!.weightCount));
  improved.forEach((k, i) => {
    const m = members[k]!;
    m.best!.weights = { units: model.trials[k]!.units, epoch: m.best!.weights.epoch, data: weights[i]! };
  });
}
