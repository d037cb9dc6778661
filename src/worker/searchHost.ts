import type { SearchSpace } from '../engine/searchSpace.ts';
import { cachedSource } from '../data/cachedSource.ts';
import type { ReadMnistFile } from '../data/mnist.ts';
import { MNIST_FILES } from '../data/mnistFiles.ts';
import type { RunRepository } from '../persistence/runRepository.ts';
import { FaultInjector } from '../search/faultInjection.ts';
import type { BackendChoice } from '../training/backends.ts';
import { BackendHealth } from '../training/backendHealth.ts';
import { BackgroundSpeedProbe } from './probeSpeed.ts';
import type { BackendName, BackendRequest } from '../engine/backendNames.ts';
import type { BackendInfo, InjectedFault, SearchEvent, SearchRequest, StartSearch } from './protocol.ts';
import { ModelWorkbench } from './modelWorkbench.ts';
import { SearchRun, type StoredStart } from './searchRun.ts';
import { WarmTrainers } from './warmTrainers.ts';
import type { TrainerChannel } from './workerExecutor.ts';

export interface SearchHostEnvironment {
  post(event: SearchEvent): void;
  chooseBackend(option: BackendRequest): Promise<BackendChoice>;
  mnistSource(assetBaseUrl: string): ReadMnistFile;
  /** Starts one more trainer worker for the pool; absent where workers cannot be created. */
  createTrainerChannel?(name: string): TrainerChannel;
  /** Where runs are stored; absent (or failing) means the search runs without being saved. */
  openRepository?(): Promise<RunRepository>;
  hardwareConcurrency: number;
}

/**
 * The search worker's logic, free of `self`: it owns the backend and the current search, answers
 * the page's requests and reports every step as a typed event.
 */
export class SearchHost {
  private read: ReadMnistFile | null = null;
  private backend: BackendInfo | null = null;
  private health: BackendHealth | null = null;
  private readonly faults = new FaultInjector();
  private repository: Promise<RunRepository | null> = Promise.resolve(null);
  private search: SearchRun | null = null;
  private speedProbe: BackgroundSpeedProbe | null = null;
  /** At most one search's pool: more could only be idle workers holding memory. */
  private readonly warm = new WarmTrainers(4);
  private queue: Promise<void> = Promise.resolve();
  private readonly workbench: ModelWorkbench;

  constructor(private readonly env: SearchHostEnvironment) {
    this.workbench = new ModelWorkbench({
      post: (event) => env.post(event),
      bestModel: () => this.search?.bestModel ?? null,
      repository: () => this.repository,
      read: () => this.read,
    });
  }

  /** Requests that touch the backend or data run one after another; pause, resume and stop act at once. */
  handle(request: SearchRequest): Promise<void> {
    switch (request.type) {
      case 'pause':
        this.search?.pause();
        this.env.post({ type: 'paused' });
        return Promise.resolve();
      case 'resume':
        this.search?.resume();
        this.env.post({ type: 'resumed' });
        return Promise.resolve();
      case 'stop':
        this.search?.stop();
        return Promise.resolve();
      case 'updateSpace':
        this.updateSpace(request.space);
        return Promise.resolve();
      case 'injectFault':
        this.injectFault(request.fault);
        return Promise.resolve();
      // A model's files and predictions need neither the queue nor the backend's exclusive use.
      case 'exportModel':
      case 'evaluateModel':
      case 'predictDigit':
        return this.workbench.handle(request).catch((error: unknown) => this.fail(error));
      default:
        this.queue = this.queue.then(() => this.serial(request)).catch((error: unknown) => this.fail(error));
        return this.queue;
    }
  }

  private async serial(request: SearchRequest): Promise<void> {
    if (request.type === 'init') {
      const read = cachedSource(this.env.mnistSource(request.assetBaseUrl));
      this.read = read;
      this.repository = this.env.openRepository ? this.env.openRepository().catch(() => null) : Promise.resolve(null);
      const backend = await this.selectBackend(request.backend);
      // Read (fetch, unzip, checksum) the files while the user sets up the search, not after Start;
      // before the probe, so it measures a quiet CPU. A failure is reported by the search that needs the file.
      await Promise.allSettled(Object.values(MNIST_FILES).map(({ name }) => read(name)));
      this.startSpeedProbe(backend);
    } else if (request.type === 'setBackend') {
      if (this.search?.searching) throw new Error('the backend can be changed once the search has stopped');
      await this.search?.settled();
      this.disposeSearch();
      await this.stopSpeedProbe();
      this.warm.clear();
      this.startSpeedProbe(await this.selectBackend(request.backend));
    } else if (request.type === 'start') {
      await this.stopSpeedProbe();
      this.launch(request.search, null);
    } else if (request.type === 'resumeRun') {
      await this.stopSpeedProbe();
      const stored = await this.loadStored(request.runId);
      const { record } = stored;
      const space = record.oracle.spaces.at(-1)!;
      this.launch({ runId: record.runId, settings: record.settings, space, trainer: record.trainer, retrains: record.retrains, workers: request.workers }, stored);
    } else if (request.type === 'retrainBest') {
      if (!this.search) throw new Error('there is no finished search to retrain');
      await this.stopSpeedProbe();
      await this.search.retrainAgain();
    }
  }

  private async selectBackend(option: BackendRequest): Promise<BackendName> {
    const choice = await this.env.chooseBackend(option);
    this.health = new BackendHealth(choice.backend, (restored) => this.backendRestored(restored));
    this.backend = { backend: choice.backend, skipped: choice.skipped, speed: null, speedProbe: 'measuring' };
    this.env.post({ type: 'ready', info: this.backend });
    return choice.backend;
  }

  private startSpeedProbe(backend: BackendName): void {
    const create = this.env.createTrainerChannel?.bind(this.env);
    const workers = create && { create, keepWarm: (channel: TrainerChannel) => this.warm.keep(backend, channel) };
    this.speedProbe = new BackgroundSpeedProbe(backend, this.env.hardwareConcurrency, workers, (speed, speedProbe) => {
      if (this.backend?.backend !== backend) return;
      this.backend = { ...this.backend, speed, speedProbe };
      this.env.post({ type: 'speedProbed', backend, speed, speedProbe });
    });
  }

  private async stopSpeedProbe(): Promise<void> {
    await this.speedProbe?.stop();
    this.speedProbe = null;
  }

  /** A lost GPU came back before the next job: say so, and show the backend now in use. */
  private backendRestored(choice: BackendChoice): void {
    const lost = this.backend?.backend ?? choice.backend;
    const message = choice.backend === lost ? `${lost} was lost and has been restored; the interrupted trials run again` : `${lost} was lost; training goes on with ${choice.backend}`;
    this.env.post({ type: 'notice', level: 'warning', message });
    this.backend = { backend: choice.backend, skipped: choice.skipped, speed: this.backend?.speed ?? null, speedProbe: this.backend?.speedProbe ?? 'failed' };
    this.env.post({ type: 'ready', info: this.backend });
  }

  private injectFault(fault: InjectedFault): void {
    if (fault.kind === 'throwInTrial') return this.faults.throwInTrial(fault.trialId, fault.times);
    if (fault.kind === 'divergeInTrial') return this.faults.divergeInTrial(fault.trialId);
    if (fault.kind === 'stallTrial') return this.faults.stallTrial(fault.trialId);
    if (fault.kind === 'stallEveryJob') return this.faults.stallEveryJob();
    if (fault.kind === 'releaseStalls') return this.faults.releaseStalls();
    if (fault.kind === 'fillStorage' || fault.kind === 'freeStorage') return void this.injectStorageFault(fault);
    if (fault.kind === 'loseDevice') {
      if (!this.health?.loseDevice()) this.env.post({ type: 'error', message: 'no WebGPU device to lose: the backend is not WebGPU' });
      return;
    }
    if (!this.health?.loseContext()) this.env.post({ type: 'error', message: 'no WebGL context to lose: the backend is not WebGL' });
  }

  private async injectStorageFault(fault: Extract<InjectedFault, { kind: 'fillStorage' | 'freeStorage' }>): Promise<void> {
    const repository = await this.repository;
    if (!repository) return this.env.post({ type: 'error', message: 'browser storage is not available: there is no storage to fill' });
    if (fault.kind === 'fillStorage') repository.storageFault.fill(fault.whenTrialEnds);
    else repository.storageFault.free();
  }

  private async loadStored(runId: string): Promise<StoredStart> {
    const repository = await this.repository;
    if (!repository) throw new Error('browser storage is not available: there is nothing to resume');
    const record = await repository.getRun(runId);
    if (!record) throw new Error(`run ${runId} is not stored`);
    const [trials, checkpoints] = await Promise.all([repository.trialsOf(runId), repository.checkpointsOf(runId)]);
    return { record, trials, checkpoints };
  }

  /** Starts the search without blocking later requests (pause, stop) behind it. */
  private launch(start: StartSearch, stored: StoredStart | null): void {
    if (this.search?.busy) throw new Error('a search is already running');
    if (!this.read || !this.backend) throw new Error('the worker is not initialised');
    this.disposeSearch();
    this.search = new SearchRun({
      post: (e) => this.env.post(e), backend: this.backend, read: this.read, hardwareConcurrency: this.env.hardwareConcurrency,
      createTrainerChannel: this.env.createTrainerChannel, warmTrainers: this.warm, repository: this.repository, health: this.health, faults: this.faults,
    }, start, stored);
    this.search.launch().catch((error: unknown) => this.fail(error));
  }

  private updateSpace(space: SearchSpace): void {
    this.env.post(this.search ? this.search.updateSpace(space) : { type: 'error', message: 'no search is running: the new space applies to the next one' });
  }

  private disposeSearch(): void {
    if (this.search && !this.search.busy) {
      this.search.dispose();
      this.search = null;
    }
  }

  private fail(error: unknown): void {
    this.env.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
