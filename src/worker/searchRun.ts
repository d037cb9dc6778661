import type { TestEvaluation } from '../engine/bestConfig.ts';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import type { HyperbandOracle } from '../engine/oracle.ts';
import { mlpSpaceErrors } from '../engine/mlpSpace.ts';
import { parseSearchSpace, type SearchSpace } from '../engine/searchSpace.ts';
import { formatFieldErrors } from '../engine/validation.ts';
import { loadMnist, mnistLimits, type MnistDataset, type ReadMnistFile } from '../data/mnist.ts';
import type { RunRecord, TrialRecord } from '../persistence/records.ts';
import { RunRecorder } from '../persistence/runRecorder.ts';
import type { RunRepository } from '../persistence/runRepository.ts';
import { FaultInjector } from '../search/faultInjection.ts';
import { createSearch, type Search } from '../search/createSearch.ts';
import type { TrainerKind, WeightSnapshot } from '../search/jobs.ts';
import { resolveTrainer } from '../search/trainerChoice.ts';
import type { BackendHealth } from '../training/backendHealth.ts';
import type { SearchEnd } from '../search/searchLoop.ts';
import { LocalExecutor } from '../training/localExecutor.ts';
import { retrainAndTestRepeatedly, type RetrainProgress } from '../training/retrain.ts';
import { TrainingData } from '../training/trainingData.ts';
import type { KeptBestModel } from './modelWorkbench.ts';
import type { BackendInfo, SearchEvent, StartSearch } from './protocol.ts';
import { poolChannels, poolSizeFor, startTrainerPool } from './trainerPool.ts';
import type { WarmTrainers } from './warmTrainers.ts';
import type { TrainerChannel, WorkerExecutor } from './workerExecutor.ts';

export interface SearchRunContext {
  post(event: SearchEvent): void;
  backend: BackendInfo;
  read: ReadMnistFile;
  hardwareConcurrency: number;
  createTrainerChannel?: (name: string) => TrainerChannel;
  /** Started workers with no job, taken first for the pool and given back when the search ends. */
  warmTrainers: WarmTrainers;
  /** Where runs are stored, once opened; null: the search runs without being saved. */
  repository: Promise<RunRepository | null>;
  health: BackendHealth | null;
  faults: FaultInjector;
}

/** Where a search starts from: nothing (a new run) or what the database holds of an interrupted one. */
export interface StoredStart {
  record: RunRecord;
  trials: TrialRecord[];
  checkpoints: Map<string, WeightSnapshot>;
}

/**
 * One search in the worker, and the owner of its life: storage, data and trainer pool, the search, the
 * retrain it asked for, and the events of each. The host asks it what it may do while it is busy.
 */
export class SearchRun {
  private search: Search | null = null;
  private data: TrainingData | null = null;
  private repository: RunRepository | null = null;
  private working = false;
  /** The launched work, settled whatever its outcome. */
  private work: Promise<void> = Promise.resolve();
  private readonly trainer: TrainerKind;
  /** The first retrain's final weights (the model its test measured), once a retrain has ended. */
  private retrained: KeptBestModel | null = null;

  constructor(
    private readonly context: SearchRunContext,
    readonly start: StartSearch,
    private readonly stored: StoredStart | null,
  ) {
    this.trainer = resolveTrainer(start.trainer, context.backend.backend);
  }

  /** Runs the search, then the retrain when it ended done and retrains were asked for; rejects with what failed. */
  launch(): Promise<void> {
    const work = this.whileBusy(async () => {
      const end = await this.run();
      if (end.status === 'done' && this.start.retrains > 0) await this.retrainBest();
    });
    this.work = work.catch(() => undefined);
    return work;
  }

  /** True from launch until the search and its retrain are over, and during a later retrain. */
  get busy(): boolean {
    return this.working;
  }

  /** True while the search loop runs: the backend cannot change under it. */
  get searching(): boolean {
    return this.busy && !this.search?.loopEnded;
  }

  /** Resolves once the launched work is over. */
  settled(): Promise<void> {
    return this.work;
  }

  /** Retrains the best configuration of a search that has ended. */
  retrainAgain(): Promise<void> {
    if (this.busy) throw new Error('there is no finished search to retrain');
    return this.whileBusy(() => this.retrainBest());
  }

  /** The answer to a space change: refused unless the search is busy and the hyperparameters stay the same. */
  updateSpace(space: SearchSpace): SearchEvent {
    const search = this.search;
    if (!search || !this.busy) return { type: 'error', message: 'no search is running: the new space applies to the next one' };
    const parsed = parseSearchSpace(space);
    const errors = parsed.ok ? mlpSpaceErrors(parsed.value) : parsed.errors;
    const names = (s: SearchSpace) => s.hyperparameters.map((hp) => hp.name).join(',');
    if (!errors.length && parsed.ok && names(parsed.value) !== names(search.oracle.space)) {
      errors.push({ field: 'layers', message: 'the hyperparameters and the layer count are fixed while a search runs' });
    }
    if (errors.length || !parsed.ok) return { type: 'error', message: `space not updated: ${formatFieldErrors(errors)}` };
    return { type: 'spaceUpdated', version: search.updateSpace(parsed.value), space: parsed.value };
  }

  private async whileBusy(work: () => Promise<void>): Promise<void> {
    this.working = true;
    try {
      await work();
    } finally {
      this.working = false;
    }
  }

  private async run(): Promise<SearchEnd> {
    this.repository = await this.context.repository;
    const { context, start, stored } = this;
    // The pool takes the data this worker has read and checked, so it starts once the data is here.
    const data = await this.loadData();
    const pool = await this.startPool(data.dataset);
    this.data = data;
    try {
      const local = new LocalExecutor(`${context.backend.backend}-main`, data, context.health);
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
      for (const member of pool) {
        const idle = member.release();
        if (idle) context.warmTrainers.keep(context.backend.backend, idle);
      }
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

  /** Trains the best configuration from scratch and tests it; the result is stored with the run. */
  private async retrainBest(): Promise<void> {
    const evaluation = await this.search?.retrainBest();
    if (evaluation) this.context.post({ type: 'retrainDone', evaluation });
  }

  /** The retrained best model, for downloads and predictions; null before a retrain has ended. */
  get bestModel(): KeptBestModel | null {
    return this.retrained;
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
    const data = this.data;
    const keep = (retrain: number, _result: unknown, weights: WeightSnapshot | null) => {
      if (retrain === 1 && weights) this.retrained = { runId: this.start.runId, hyperparameters, weights, testSplit: data.dataset.test };
    };
    return retrainAndTestRepeatedly(hyperparameters, settings, Math.max(1, retrains), trainer, data, onProgress, keep);
  }

  private async createRecorder(oracle: HyperbandOracle): Promise<RunRecorder | null> {
    const { post, backend } = this.context;
    const repository = this.repository;
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

  /** The extra trainer workers for this search, each given its own copy of the data. */
  private async startPool(dataset: MnistDataset): Promise<WorkerExecutor[]> {
    const { backend, hardwareConcurrency, createTrainerChannel, warmTrainers, post } = this.context;
    const extra = poolSizeFor(backend.backend, hardwareConcurrency, this.start.workers) - 1;
    if (extra <= 0 || !createTrainerChannel) return [];
    const channels = poolChannels(extra, warmTrainers.take(backend.backend, extra), createTrainerChannel);
    const members = await startTrainerPool(channels, { backend: backend.backend, dataset }, (message) => post({ type: 'notice', level: 'warning', message }));
    post({ type: 'notice', level: 'info', message: `Training on ${members.length + 1} workers (${backend.backend})` });
    return members;
  }
}

function defaultRunName(start: StartSearch): string {
  const { settings } = start;
  return `seed ${settings.seed} · max ${settings.maxEpochs} epochs · factor ${settings.factor}${settings.trainLimit ? ` · ${settings.trainLimit} images` : ''}`;
}
