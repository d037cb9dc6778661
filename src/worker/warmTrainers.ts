import type { BackendName } from '../engine/backendNames.ts';
import type { TrainerChannel } from './workerExecutor.ts';

interface WarmTrainer {
  backend: BackendName;
  channel: TrainerChannel;
  stopWatching: () => void;
}

/**
 * Trainer workers whose backend has started and that hold no job: the speed probe's, and a finished
 * search's pool. The next search takes them first, so Start does not wait for a new worker to load
 * tfjs and start its backend again. A kept worker that crashes is dropped at once, never handed out.
 */
export class WarmTrainers {
  private kept: WarmTrainer[] = [];

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.kept.length;
  }

  keep(backend: BackendName, channel: TrainerChannel): void {
    if (this.kept.length >= this.limit) return channel.terminate();
    const trainer: WarmTrainer = {
      backend,
      channel,
      stopWatching: channel.onEvent((event) => {
        if (event.type !== 'crashed') return;
        trainer.stopWatching();
        this.kept = this.kept.filter((t) => t !== trainer);
        channel.terminate();
      }),
    };
    this.kept.push(trainer);
  }

  /** Up to `count` kept workers started on `backend`, no longer kept here. */
  take(backend: BackendName, count: number): TrainerChannel[] {
    const taken = this.kept.filter((t) => t.backend === backend).slice(0, Math.max(0, count));
    this.kept = this.kept.filter((t) => !taken.includes(t));
    return taken.map((t) => {
      t.stopWatching();
      return t.channel;
    });
  }

  /** Ends every kept worker: the backend changed, so none of them can train for the next search. */
  clear(): void {
    this.kept.forEach((t) => {
      t.stopWatching();
      t.channel.terminate();
    });
    this.kept = [];
  }
}
