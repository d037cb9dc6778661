import type { MnistDataset } from '../data/mnist.ts';
import type { BatchProgress, TrainingJob, TrialEnd } from '../search/jobs.ts';
import type { EpochMetrics } from '../engine/trial.ts';
import type { BackendName } from '../engine/backendNames.ts';

/** What the search worker asks of each extra trainer worker in its pool. */
export type TrainerRequest =
  /**
   * Starts the backend (a no-op where it already runs) and takes the search's data, replacing any
   * taken before: the search worker has read and checked the files, so members never fetch them.
   */
  | { type: 'init'; backend: BackendName; dataset: MnistDataset }
  /** The search ended: free the data; the worker stays, its backend started, for the next search. */
  | { type: 'releaseData' }
  | { type: 'runJob'; job: TrainingJob }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'cancel' }
  /** The speed probe: start the backend alone (no data), then time fused steps beside the other workers. */
  | { type: 'prepareProbe'; backend: BackendName }
  | { type: 'probe' };

/** What a trainer worker reports back; a job ends with jobDone or jobFailed. */
export type TrainerEvent =
  | { type: 'ready'; backend: BackendName }
  | { type: 'initFailed'; error: string }
  | { type: 'batchProgress'; jobId: string; progress: BatchProgress }
  | { type: 'epoch'; jobId: string; trialId: string; metrics: EpochMetrics; durationMs: number }
  | { type: 'trialEnd'; jobId: string; end: TrialEnd }
  | { type: 'jobDone'; jobId: string }
  | { type: 'jobFailed'; jobId: string; error: string }
  | { type: 'probeReady' }
  | { type: 'probed'; msPerStep: number }
  | { type: 'probeFailed'; error: string }
  /** Raised by the channel itself when the worker dies (an uncaught error, a crash). */
  | { type: 'crashed'; error: string };
