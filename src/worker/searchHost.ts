import { mlpSpaceErrors } from '../engine/mlpSpace.ts';
import { HyperbandOracle } from '../engine/oracle.ts';
import { oracleConfig } from '../engine/plan.ts';
import { parseSearchSpace, type SearchSpace } from '../engine/searchSpace.ts';
import { formatFieldErrors } from '../engine/validation.ts';
import { cachedSource } from '../data/cachedSource.ts';
import { loadMnist, type ReadMnistFile } from '../data/mnist.ts';
import type { TrialExecutor } from '../search/jobs.ts';
import { SearchLoop } from '../search/searchLoop.ts';
import type { BackendChoice } from '../training/backends.ts';
import { TrainingData } from '../training/trainingData.ts';
import { LocalExecutor } from '../training/localExecutor.ts';
import { retrainAndTestRepeatedly, type RetrainProgress } from '../training/retrain.ts';
import { measureFitStepMs } from '../training/speedProbe.ts';
import type { BackendInfo, BackendOption, SearchEvent, SearchRequest, StartSearch } from './protocol.ts';

export interface SearchHostEnvironment {
  post(event: SearchEvent): void;
  chooseBackend(option: BackendOption): Promise<BackendChoice>;
  mnistSource(assetBaseUrl: string): ReadMnistFile;
}

interface ActiveSearch {
  start: StartSearch;
  oracle: HyperbandOracle;
  loop: SearchLoop;
  data: TrainingData;
}

/**
 * The search worker's logic, free of `self`: it owns the backend, the data on it, the oracle and the
 * search loop, answers the page's requests and reports every step as a typed event.
 */
export class SearchHost {
  private read: ReadMnistFile | null = null;
  private backend: BackendInfo | null = null;
  private search: ActiveSearch | null = null;
  private running = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly env: SearchHostEnvironment) {}

  /** Requests that touch the backend or data run one after another; pause, resume and stop act at once. */
  handle(request: SearchRequest): Promise<void> {
    switch (request.type) {
      case 'pause':
        this.search?.loop.pause();
        this.env.post({ type: 'paused' });
        return Promise.resolve();
      case 'resume':
        this.search?.loop.resume();
        this.env.post({ type: 'resumed' });
        return Promise.resolve();
      case 'stop':
        this.search?.loop.stop();
        return Promise.resolve();
      case 'updateSpace':
        this.updateSpace(request.space);
        return Promise.resolve();
      default:
        this.queue = this.queue.then(() => this.serial(request)).catch((error: unknown) => this.fail(error));
        return this.queue;
    }
  }

  private async serial(request: SearchRequest): Promise<void> {
    if (request.type === 'init') {
      this.read = cachedSource(this.env.mnistSource(request.assetBaseUrl));
      await this.selectBackend(request.backend);
    } else if (request.type === 'setBackend') {
      if (this.running) throw new Error('the backend can be changed once the search has stopped');
      this.disposeData();
      await this.selectBackend(request.backend);
    } else if (request.type === 'start') {
      void this.run(request.search).catch((error: unknown) => this.fail(error));
    } else if (request.type === 'retrainBest') {
      if (this.running || !this.search) throw new Error('there is no finished search to retrain');
      await this.retrain();
    }
  }

  private async selectBackend(option: BackendOption): Promise<void> {
    const choice = await this.env.chooseBackend(option);
    const msPerStep = await measureFitStepMs().catch(() => null);
    this.backend = { backend: choice.backend, skipped: choice.skipped as BackendInfo['skipped'], msPerStep };
    this.env.post({ type: 'ready', info: this.backend });
  }

  private async run(start: StartSearch): Promise<void> {
    if (this.running) throw new Error('a search is already running');
    if (!this.read || !this.backend) throw new Error('the worker is not initialised');
    this.running = true;
    try {
      const data = await this.loadData(start);
      const oracle = start.resumeFrom ? HyperbandOracle.fromState(start.resumeFrom) : new HyperbandOracle(oracleConfig(start.settings), start.space);
      const executors: TrialExecutor[] = [new LocalExecutor(this.backend.backend, data)];
      const loop = new SearchLoop(oracle, executors, {
        batchSize: start.settings.batchSize,
        objective: start.settings.objective,
        seed: start.settings.seed,
        trainer: start.trainer,
        maxRetries: 2,
        maxFusedTrials: 12,
      }, {
        onTrialsQueued: (runs) => this.env.post({ type: 'trialsQueued', runs }),
        onTrialStart: (run, attempt) => this.env.post({ type: 'trialStarted', run, attempt }),
        onBatchProgress: (progress) => this.env.post({ type: 'batchProgress', progress }),
        onEpoch: (trialId, metrics, durationMs) => this.env.post({ type: 'epoch', trialId, metrics, durationMs }),
        onTrialEnd: (trial, durationMs) => this.env.post({ type: trial.status === 'failed' ? 'trialFailed' : 'trialFinished', trial, durationMs }),
        onTrialRetry: (trialId, attempt, error) => this.env.post({ type: 'trialRetry', trialId, attempt, error }),
      });
      this.search = { start, oracle, loop, data };
      this.env.post({ type: 'searchStarted', runId: start.runId, oracle: oracle.getState() });
      const end = await loop.run();
      this.env.post({ type: 'searchDone', end, oracle: oracle.getState() });
      if (end.status === 'done' && start.retrains > 0 && oracle.bestTrials().length) await this.retrain();
    } finally {
      this.running = false;
    }
  }

  private async loadData(start: StartSearch): Promise<TrainingData> {
    const { trainLimit, valLimit, testLimit } = start.settings;
    this.disposeData();
    const startedMs = performance.now();
    const dataset = await loadMnist(this.read!, { trainLimit: trainLimit ?? undefined, valLimit: valLimit ?? undefined, testLimit: testLimit ?? undefined });
    const counts = { train: dataset.train.count, validation: dataset.validation.count, test: dataset.test.count };
    this.env.post({ type: 'dataLoaded', counts, durationMs: performance.now() - startedMs });
    return new TrainingData(dataset, this.backend!.backend);
  }

  private async retrain(): Promise<void> {
    const search = this.search!;
    this.running = true;
    try {
      const best = search.oracle.bestTrials()[0];
      if (!best) return;
      const { settings, retrains } = search.start;
      const onProgress = (progress: RetrainProgress) => this.env.post({ type: 'retrainProgress', ...progress });
      const evaluation = await retrainAndTestRepeatedly(best.hyperparameters, settings, Math.max(1, retrains), search.start.trainer, search.data, onProgress);
      if (evaluation) this.env.post({ type: 'retrainDone', evaluation });
    } finally {
      this.running = false;
    }
  }

  private updateSpace(space: SearchSpace): void {
    const search = this.search;
    if (!search || !this.running) return void this.env.post({ type: 'error', message: 'no search is running: the new space applies to the next one' });
    const parsed = parseSearchSpace(space);
    const errors = parsed.ok ? mlpSpaceErrors(parsed.value) : parsed.errors;
    const names = (s: SearchSpace) => s.hyperparameters.map((hp) => hp.name).join(',');
    if (!errors.length && parsed.ok && names(parsed.value) !== names(search.oracle.space)) {
      errors.push({ field: 'layers', message: 'the hyperparameters and the layer count are fixed while a search runs' });
    }
    if (errors.length || !parsed.ok) return void this.env.post({ type: 'error', message: `space not updated: ${formatFieldErrors(errors)}` });
    const version = search.loop.updateSpace(parsed.value);
    this.env.post({ type: 'spaceUpdated', version, space: parsed.value });
  }

  private disposeData(): void {
    if (this.search && !this.running) {
      this.search.data.dispose();
      this.search = null;
    }
  }

  private fail(error: unknown): void {
    this.env.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
