import type { BackendChoice } from '../training/backends.ts';
import { measureConcurrentStepMs } from '../training/speedProfile.ts';
import { LocalExecutor } from '../training/localExecutor.ts';
import { TrainingData } from '../training/trainingData.ts';
import type { TrainerEvent, TrainerRequest } from './trainerProtocol.ts';
import type { BackendRequest } from '../engine/backendNames.ts';

export interface TrainerHostEnvironment {
  post(event: TrainerEvent, transfer?: Transferable[]): void;
  chooseBackend(option: BackendRequest): Promise<BackendChoice>;
}

/** A pool member: holds its own copy of the search's data, and trains the jobs the search worker sends it. */
export class TrainerHost {
  private executor: LocalExecutor | null = null;
  private data: TrainingData | null = null;

  constructor(private readonly env: TrainerHostEnvironment) {}

  async handle(request: TrainerRequest): Promise<void> {
    switch (request.type) {
      case 'init':
        return this.init(request);
      case 'runJob':
        return this.runJob(request.job);
      case 'pause':
        return this.executor?.pause();
      case 'resume':
        return this.executor?.resume();
      case 'cancel':
        return this.executor?.cancel();
      case 'releaseData':
        return this.releaseData();
      case 'prepareProbe':
        return this.guardProbe(async () => {
          const choice = await this.env.chooseBackend(request.backend);
          if (choice.backend !== request.backend) throw new Error(`${request.backend} did not start here`);
          this.env.post({ type: 'probeReady' });
        });
      case 'probe':
        return this.guardProbe(async () => this.env.post({ type: 'probed', msPerStep: await measureConcurrentStepMs() }));
    }
  }

  private async init(request: Extract<TrainerRequest, { type: 'init' }>): Promise<void> {
    try {
      const choice = await this.env.chooseBackend(request.backend);
      if (choice.backend !== request.backend) throw new Error(`${request.backend} did not start here (${choice.skipped.map((s) => s.error).join('; ')})`);
      this.releaseData();
      this.data = new TrainingData(request.dataset, choice.backend);
      this.executor = new LocalExecutor(`trainer-${choice.backend}`, this.data);
      this.env.post({ type: 'ready', backend: choice.backend });
    } catch (error) {
      this.env.post({ type: 'initFailed', error: error instanceof Error ? error.message : String(error) });
    }
  }

  private releaseData(): void {
    this.data?.dispose();
    this.data = null;
    this.executor = null;
  }

  private async guardProbe(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.env.post({ type: 'probeFailed', error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async runJob(job: Parameters<LocalExecutor['run']>[0]): Promise<void> {
    const executor = this.executor;
    if (!executor) return this.env.post({ type: 'jobFailed', jobId: job.jobId, error: 'the trainer worker is not initialised' });
    const { jobId } = job;
    try {
      await executor.run(job, {
        onBatchProgress: (progress) => this.env.post({ type: 'batchProgress', jobId, progress }),
        onEpoch: (trialId, metrics, durationMs) => this.env.post({ type: 'epoch', jobId, trialId, metrics, durationMs }),
        onTrialEnd: (end) => this.env.post({ type: 'trialEnd', jobId, end }, end.bestWeights ? [end.bestWeights.data.buffer as ArrayBuffer] : []),
      });
      this.env.post({ type: 'jobDone', jobId });
    } catch (error) {
      this.env.post({ type: 'jobFailed', jobId, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
