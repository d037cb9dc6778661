import type { BackendName, BackendRequest } from '../engine/backendNames.ts';
import type { TestEvaluation } from '../engine/bestConfig.ts';
import type { OracleState } from '../engine/oracleState.ts';
import type { SearchSpace } from '../engine/searchSpace.ts';
import type { SearchSettings } from '../engine/settings.ts';
import type { EpochMetrics, OracleTrial, TrialRun } from '../engine/trial.ts';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import type { ModelEvaluation } from '../engine/modelEvaluation.ts';
import type { SpeedProfile } from '../search/estimate.ts';
import type { BatchProgress } from '../search/jobs.ts';
import type { TrainerChoice } from '../search/trainerChoice.ts';
import type { SearchEnd } from '../search/searchLoop.ts';


export interface StartSearch {
  runId: string;
  settings: SearchSettings;
  space: SearchSpace;
  /** `auto`: fused where it is faster than fit on the backend in use. */
  trainer: TrainerChoice;
  /** How many times the best configuration is retrained and tested when the search ends. */
  retrains: number;
  /** Workers that train at once: 'auto' is one per core (up to 4) on WASM and CPU, one on a GPU. */
  workers: number | 'auto';
}

/** A trained model the worker can rebuild: the retrained best of its last search, or a trial's kept best-epoch weights. */
export type ModelSource =
  | { kind: 'best' }
  | { kind: 'trial'; runId: string; trialId: string; hyperparameters: HyperparameterValues };

/** `tfjs`: model.json and model.weights.bin in a zip; `keras`: a Keras 3 `.keras` file. */
export type ModelFileFormat = 'tfjs' | 'keras';

/** Everything the page asks of the search worker. */
export type SearchRequest =
  | { type: 'init'; backend: BackendRequest; assetBaseUrl: string }
  | { type: 'setBackend'; backend: BackendRequest }
  | { type: 'start'; search: StartSearch }
  /** Continues a stored run where it was saved: finished trials are kept, interrupted ones rerun. */
  | { type: 'resumeRun'; runId: string; workers: number | 'auto' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'updateSpace'; space: SearchSpace }
  | { type: 'retrainBest' }
  | { type: 'exportModel'; source: ModelSource; format: ModelFileFormat }
  /** The model's confusion matrix and mistakes on the run's test split. */
  | { type: 'evaluateModel'; source: ModelSource }
  /** The ten probabilities for one drawing, already preprocessed to MNIST's 784 values. */
  | { type: 'predictDigit'; source: ModelSource; pixels: Float32Array }
  /** Deliberate faults, to see the recovery paths work: a trial that throws, diverges or stalls, a lost GPU, a full disk. */
  | { type: 'injectFault'; fault: InjectedFault };

export type InjectedFault =
  | { kind: 'throwInTrial'; trialId: string; times: number }
  /** The trial starts from NaN weights, so its loss is NaN from its first batch. */
  | { kind: 'divergeInTrial'; trialId: string }
  /** The next job holding the trial shows it as running but waits to train until `releaseStalls`. */
  | { kind: 'stallTrial'; trialId: string }
  /** Every job handed out from now on waits to train, until `releaseStalls`. */
  | { kind: 'stallEveryJob' }
  | { kind: 'releaseStalls' }
  /** WebGL: the context is lost (WEBGL_lose_context). */
  | { kind: 'loseContext' }
  /** WebGPU: the device is destroyed (`GPUDevice.destroy()`), which resolves `device.lost`. */
  | { kind: 'loseDevice' }
  /** Every write fails as on a full quota, from now or from the write that stores that trial's end. */
  | { kind: 'fillStorage'; whenTrialEnds: string | null }
  | { kind: 'freeStorage' };

export interface BackendInfo {
  backend: BackendName;
  /** Backends tried first and passed over, with the reason. */
  skipped: { backend: BackendName; error: string }[];
  /** What the speed probe measured here, for the duration estimate; null until it has, or if it did not. */
  speed: SpeedProfile | null;
  speedProbe: SpeedProbeState;
}

/** The probe runs once the backend is ready; a search that starts first stops it. */
export type SpeedProbeState = 'measuring' | 'measured' | 'failed' | 'stopped';

/** Everything the search worker tells the page. */
export type SearchEvent =
  | { type: 'ready'; info: BackendInfo }
  /** The speed probe of the backend that `ready` announced has ended. */
  | { type: 'speedProbed'; backend: BackendName; speed: SpeedProfile | null; speedProbe: SpeedProbeState }
  | { type: 'notice'; level: 'info' | 'warning'; message: string }
  | { type: 'dataLoaded'; counts: { train: number; validation: number; test: number }; durationMs: number }
  | { type: 'searchStarted'; runId: string; oracle: OracleState; resumed: boolean; settings: SearchSettings }
  | { type: 'trialsQueued'; runs: TrialRun[] }
  | { type: 'trialStarted'; run: TrialRun; attempt: number }
  | { type: 'batchProgress'; progress: BatchProgress }
  | { type: 'epoch'; trialId: string; metrics: EpochMetrics; durationMs: number }
  /** The oracle's verdict on a trial that ended, completed or failed (`trial.status`). */
  | { type: 'trialEnd'; trial: OracleTrial; durationMs: number }
  | { type: 'trialRetry'; trialId: string; attempt: number; error: string }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'spaceUpdated'; version: number; space: SearchSpace }
  | { type: 'searchDone'; end: SearchEnd; oracle: OracleState }
  | { type: 'retrainProgress'; retrain: number; retrains: number; epoch: number; epochs: number; batchesDone: number; batchesTotal: number }
  | { type: 'retrainDone'; evaluation: TestEvaluation }
  | { type: 'modelFile'; fileName: string; bytes: Uint8Array }
  | { type: 'modelEvaluation'; evaluation: ModelEvaluation }
  | { type: 'digitPrediction'; probabilities: number[] }
  | { type: 'error'; message: string }
  /** The search holds: a write to browser storage failed (a full disk); what was written is intact. */
  | { type: 'storageProblem'; message: string; storageFull: boolean };

export type SearchEventType = SearchEvent['type'];
