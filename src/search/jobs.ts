import type { ObjectiveName } from '../engine/settings.ts';
import type { EpochMetrics, TrialOutcome, TrialRun } from '../engine/trial.ts';

/**
 * Weights of one MLP as a single flat buffer, in layer order: kernel [in, out] row-major, then bias,
 * for every hidden layer and the output layer. Plain data: it crosses workers, backends and IndexedDB.
 */
export interface WeightSnapshot {
  units: number[];
  /** The absolute epoch (1-based) these weights were taken after. */
  epoch: number;
  data: Float32Array;
}

export type TrainerKind = 'fit' | 'fused';

export interface JobRun {
  run: TrialRun;
  /** The parent's best-epoch weights for a promoted trial; null trains from a fresh initialisation. */
  parentWeights: WeightSnapshot | null;
  /** Seeds the fresh initialisation, dropout and shuffling, so a rerun starts from the same weights. */
  seed: number;
}

/** Trials trained together by one executor: one at a time with `fit`, or as one computation with `fused`. */
export interface TrainingJob {
  jobId: string;
  runs: JobRun[];
  batchSize: number;
  objective: ObjectiveName;
  trainer: TrainerKind;
}

export interface BatchProgress {
  trialIds: string[];
  /** The absolute epoch in progress (1-based). */
  epoch: number;
  batchesDone: number;
  batchesTotal: number;
}

export interface TrialEnd {
  trialId: string;
  outcome: TrialOutcome;
  /** Weights of the best epoch by the objective; null if the trial failed. */
  bestWeights: WeightSnapshot | null;
  durationMs: number;
  /** The final model's test-set result, when the job asked for one (the best model's retrain). */
  test?: { loss: number; accuracy: number };
  /** The final model's weights (not the best epoch's), beside `test`: the model that was tested. */
  finalWeights?: WeightSnapshot;
}

export interface JobListener {
  onBatchProgress(progress: BatchProgress): void;
  onEpoch(trialId: string, metrics: EpochMetrics, durationMs: number): void;
  onTrialEnd(end: TrialEnd): void;
}

/** Something that trains jobs: in-process in Node, or a Web Worker behind a typed protocol. */
export interface TrialExecutor {
  readonly name: string;
  /** False once the executor can train nothing more (its worker died); the loop stops using it. */
  readonly alive?: boolean;
  run(job: TrainingJob, listener: JobListener): Promise<void>;
  /** The current batch finishes, then training holds until resume(). */
  pause(): void;
  resume(): void;
  /** Ends the current job after its current batch; trials not ended are left unreported. */
  cancel(): void;
}
