import type { TestEvaluation } from '../engine/bestConfig.ts';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import type { HyperbandOracle } from '../engine/oracle.ts';
import type { SearchSpace } from '../engine/searchSpace.ts';
import { loadMnist, mnistLimits, type ReadMnistFile } from '../data/mnist.ts';
import type { RunRecord, TrialRecord } from '../persistence/records.ts';
import { RunRecorder } from '../persistence/runRecorder.ts';
import type { RunRepository } from '../persistence/runRepository.ts';
import { FaultInjector } from '../search/faultInjection.ts';
import { createSearch, type Search } from '../search/createSearch.ts';
import type { TrainerKind, WeightSnapshot } from '../search/jobs.ts';
import { resolveTrainer } from '../search/trainerChoice.ts';
import type { BackendChoice } from '../training/backends.ts';
import type { BackendHealth } from '../training/backendHealth.ts';
import type { SearchEnd } from '../search/searchLoop.ts';
import { LocalExecutor } from '../training/localExecutor.ts';
import { retrainAndTestRepeatedly, type RetrainProgress } from '../training/retrain.ts';
import { TrainingData } from '../training/trainingData.ts';
import type { BackendInfo, SearchEvent, StartSearch } from './protocol.ts';
import { poolSizeFor, startTrainerPool } from './trainerPool.ts';
import type { TrainerChannel, WorkerExecutor } from './workerExecutor.ts';

export interface SearchRunContext {
  post(event: SearchEvent): void;
  backend: BackendInfo;
  read: ReadMnistFile;
  assetBaseUrl: string;
  hardwareConcurrency: number;
  createTrainerChannel?: (name: string) => TrainerChannel;
  repository: RunRepository | null;
  health: BackendHealth | null;
  faults: FaultInjector;
  onBackendRestored(choice: BackendChoice): void;
}

/** Where a search starts from: nothing (a new run) or what the database holds of an interrupted one. */
export interface StoredStart {
  record: RunRecord;
  trials: TrialRecord[];
  checkpoints: Map<string, WeightSnapshot>;
}

/** One search in the worker: its data, the trainer pool, storage and events around the search itself. */
export class SearchRun {
  private search: Search | null = null;
  private data: TrainingData | null = null;
  private readonly trainer: TrainerKind;

  constructor(
    private readonly context: SearchRunContext,
    readonly start: StartSearch,
    private readonly stored: StoredStart | null,
  ) {
    this.trainer = resolveTrainer(start.trainer, context.backend.backend);
  }

  get oracle(): HyperbandOracle | null {
    return this.search?.oracle ?? null;
  }

  /** True once the search loop has ended (what may follow is the best model's retrain). */
  get loopEnded(): boolean {
    return this.search?.loopEnded ?? false;
  }

  async run(): Promise<SearchEnd> {
    const { context, start, stored } = this;
    const [data, pool] = await Promise.all([this.loadData(), this.startPool()]);
    this.data = data;
    try {
      const local = new LocalExecutor(`${context.backend.backend}-main`, data, context.health, (choice) => context.onBackendRestored(choice));
      const post = context.post;
      const search = await createSearch({
        settings: start.settings, space: start.space, trainer: this.trainer,
        executors: [local, ...pool].map((executor) => context.faults.wrap(executor)),
        resumeFrom: stored ? { oracle: stored.record.oracle, checkpoints: stored.checkpoints } : undefined,
        openRecorder: (oracle) => this.createRecorder(oracle),
        retrain: (hyperparameters) => this.retrain(hyperparameters),
        listener: {
          onTrialsQueued: (runs) => post({ type: 'trialsQueued', runs }),
          onTrialStart: (run, attempt) => post({ type: 'trialStarted', run, attempt }),
          onBatchProgress: (progress) => post({ type: 'batchProgress', progress }),
          onEpoch: (trialId, metrics, durationMs) => post({ type: 'epoch', trialId, metrics, durationMs }),
          onTrialEnd: (trial, durationMs) => post({ type: 'trialEnd', trial, durationMs }),
          onTrialRetry: (trialId, attempt, error) => post({ type: 'trialRetry', trialId, attempt, error }),
        },
      });
      this.search = search;
      post({ type: 'searchStarted', runId: start.runId, oracle: search.oracle.getState(), resumed: stored !== null, settings: start.settings });
      const end = await search.run();
      post({ type: 'searchDone', end, oracle: search.oracle.getState() });
      return end;
    } finally {
      pool.forEach((member) => member.close());
    }
  }

  pause(): void {
    this.search?.pause();
  }

  resume(): void {
    this.search?.resume();
  }

  stop(): void {
    this.search?.stop();
  }

  updateSpace(space: SearchSpace): number | null {
    return this.search ? this.search.updateSpace(space) : null;
  }

  /** Trains the best configuration from scratch and tests it; the result is stored with the run. */
  async retrainBest(): Promise<void> {
    const evaluation = await this.search?.retrainBest();
    if (evaluation) this.context.post({ type: 'retrainDone', evaluation });
  }

  dispose(): void {
    this.data?.dispose();
    this.data = null;
  }

  private async retrain(hyperparameters: HyperparameterValues): Promise<TestEvaluation | null> {
    if (!this.data) return null;
    const { settings, retrains } = this.start;
    const trainer = this.trainer;
    const onProgress = (progress: RetrainProgress) => this.context.post({ type: 'retrainProgress', ...progress });
    onProgress({ retrain: 1, retrains: trainer === 'fused' ? 1 : Math.max(1, retrains), epoch: 1, epochs: settings.maxEpochs, batchesDone: 0, batchesTotal: 1 });
    return retrainAndTestRepeatedly(hyperparameters, settings, Math.max(1, retrains), trainer, this.data, onProgress);
  }

  private async createRecorder(oracle: HyperbandOracle): Promise<RunRecorder | null> {
    const { repository, post, backend } = this.context;
    if (!repository) return null;
    const { start } = this;
    const now = new Date().toISOString();
    const record: RunRecord = this.stored
      ? { ...this.stored.record, status: 'running', updatedAt: now }
      : {
          runId: start.runId, name: defaultRunName(start), createdAt: now, updatedAt: now, status: 'running', settings: start.settings,
          trainer: this.trainer, retrains: start.retrains, backend: backend.backend, oracle: oracle.getState(), testEvaluation: null, endReason: null,
        };
    const trials = new Map((this.stored?.trials ?? []).map((t) => [t.trialId, t]));
    const stored = new Set(this.stored?.checkpoints.keys() ?? []);
    const recorder = new RunRecorder(repository, record, trials, stored, (message, storageFull) => {
      post({ type: 'storageProblem', message, storageFull });
      if (storageFull) {
        this.pause();
        post({ type: 'paused' });
      }
    });
    await repository.saveProgress(record).catch((error: unknown) => post({ type: 'storageProblem', message: String(error), storageFull: false }));
    return recorder;
  }

  private async loadData(): Promise<TrainingData> {
    const startedMs = performance.now();
    const dataset = await loadMnist(this.context.read, mnistLimits(this.start.settings));
    const counts = { train: dataset.train.count, validation: dataset.validation.count, test: dataset.test.count };
    this.context.post({ type: 'dataLoaded', counts, durationMs: performance.now() - startedMs });
    return new TrainingData(dataset, this.context.backend.backend);
  }

  /** The extra trainer workers for this search, each loading its own copy of the data. */
  private async startPool(): Promise<WorkerExecutor[]> {
    const { backend, hardwareConcurrency, createTrainerChannel, assetBaseUrl, post } = this.context;
    const extra = poolSizeFor(backend.backend, hardwareConcurrency, this.start.workers) - 1;
    if (extra <= 0 || !createTrainerChannel) return [];
    const members = await startTrainerPool(extra, { backend: backend.backend, assetBaseUrl, limits: mnistLimits(this.start.settings) }, createTrainerChannel, (message) => post({ type: 'notice', level: 'warning', message }));
    post({ type: 'notice', level: 'info', message: `Training on ${members.length + 1} workers (${backend.backend})` });
    return members;
  }
}

function defaultRunName(start: StartSearch): string {
  const { settings } = start;
  return `seed ${settings.seed} · max ${settings.maxEpochs} epochs · factor ${settings.factor}${settings.trainLimit ? ` · ${settings.trainLimit} images` : ''}`;
}
