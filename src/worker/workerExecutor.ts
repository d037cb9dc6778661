import type { JobListener, TrainingJob, TrialExecutor } from '../search/jobs.ts';
import type { TrainerEvent, TrainerRequest } from './trainerProtocol.ts';

/** The side of a pool member's channel the search worker holds. */
export interface TrainerChannel {
  post(request: TrainerRequest, transfer?: Transferable[]): void;
  /** Adds a listener; the function returned removes it. */
  onEvent(listener: (event: TrainerEvent) => void): () => void;
  terminate(): void;
}

/**
 * The first event of one of `types` on the channel; it stops listening then, or when it rejects
 * after `timeoutMs` with `timeoutMessage`. It listens from the call on: call it before posting the
 * request it awaits the answer to.
 */
export function nextEventOf<Type extends TrainerEvent['type']>(channel: TrainerChannel, types: readonly Type[], timeoutMs: number, timeoutMessage: string): Promise<Extract<TrainerEvent, { type: Type }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopListening();
      reject(new Error(timeoutMessage));
    }, timeoutMs);
    const stopListening = channel.onEvent((event) => {
      if (!(types as readonly TrainerEvent['type'][]).includes(event.type)) return;
      clearTimeout(timer);
      stopListening();
      resolve(event as Extract<TrainerEvent, { type: Type }>);
    });
  });
}

/** A TrialExecutor that trains in another worker, over the typed trainer protocol. */
export class WorkerExecutor implements TrialExecutor {
  private current: { jobId: string; listener: JobListener; resolve: () => void; reject: (error: Error) => void } | null = null;
  private readonly stopListening: () => void;
  alive = true;

  constructor(
    readonly name: string,
    private readonly channel: TrainerChannel,
  ) {
    this.stopListening = channel.onEvent((event) => this.receive(event));
  }

  run(job: TrainingJob, listener: JobListener): Promise<void> {
    if (!this.alive) return Promise.reject(new Error(`${this.name} has stopped`));
    if (this.current) return Promise.reject(new Error(`${this.name} is already running job ${this.current.jobId}`));
    return new Promise<void>((resolve, reject) => {
      this.current = { jobId: job.jobId, listener, resolve, reject };
      this.channel.post({ type: 'runJob', job });
    });
  }

  pause(): void {
    this.channel.post({ type: 'pause' });
  }

  resume(): void {
    this.channel.post({ type: 'resume' });
  }

  cancel(): void {
    this.channel.post({ type: 'cancel' });
  }

  /** Ends the worker for good. */
  close(): void {
    this.alive = false;
    this.channel.terminate();
  }

  /**
   * Gives the idle worker up, alive, for another search: it drops its data, and this executor no
   * longer listens to it. Null if it is busy or has died, in which case it is ended instead.
   */
  release(): TrainerChannel | null {
    if (!this.alive || this.current) {
      this.close();
      return null;
    }
    this.alive = false;
    this.stopListening();
    this.channel.post({ type: 'releaseData' });
    return this.channel;
  }

  /** The worker died (a crash, a lost GPU context): the job in flight fails and is retried elsewhere. */
  fail(reason: string): void {
    this.alive = false;
    this.channel.terminate();
    const current = this.current;
    this.current = null;
    current?.reject(new Error(`${this.name} stopped: ${reason}`));
  }

  private receive(event: TrainerEvent): void {
    if (event.type === 'crashed') return this.fail(event.error);
    const current = this.current;
    if (!current || !('jobId' in event) || event.jobId !== current.jobId) return;
    switch (event.type) {
      case 'batchProgress':
        return current.listener.onBatchProgress(event.progress);
      case 'epoch':
        return current.listener.onEpoch(event.trialId, event.metrics, event.durationMs);
      case 'trialEnd':
        return current.listener.onTrialEnd(event.end);
      case 'jobDone':
        this.current = null;
        return current.resolve();
      case 'jobFailed':
        this.current = null;
        return current.reject(new Error(event.error));
    }
  }
}
