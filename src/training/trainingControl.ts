import type { BackendHealth } from './backendHealth.ts';

/**
 * Pause, resume and cancel, shared by every trainer. Training loops await `checkpoint()` between
 * batches: the current batch always finishes, then the loop holds while paused.
 */
export class TrainingControl {
  private paused = false;
  private cancelled = false;
  private resumeWaiters: Array<() => void> = [];
  private lastYieldMs = performance.now();

  /**
   * `yieldEveryMs`: how long a training loop may run before it lets messages (pause, stop) in.
   * `health`: the device watch; a lost GPU stops the loop at the next batch.
   */
  constructor(
    private readonly yieldEveryMs = 50,
    readonly health: BackendHealth | null = null,
  ) {}

  /** Throws BackendLostError when the GPU went away: nothing computed since can be trusted. */
  assertHealthy(): void {
    this.health?.check();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    waiters.forEach((wake) => wake());
  }

  cancel(): void {
    this.cancelled = true;
    this.resume();
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Resets a cancel so the next job can run; a pause carries over. */
  startJob(): void {
    this.cancelled = false;
  }

  async checkpoint(): Promise<void> {
    if (performance.now() - this.lastYieldMs >= this.yieldEveryMs) {
      await yieldToEventLoop();
      this.lastYieldMs = performance.now();
    }
    this.assertHealthy();
    while (this.paused && !this.cancelled) {
      await new Promise<void>((wake) => this.resumeWaiters.push(wake));
    }
  }
}

/**
 * Lets progress through at most every `intervalMs`, and always the last batch of an epoch. 500 ms: the page
 * shows progress once a second (its event batches), and every report is a message per trial through the
 * search worker to the page (at 100 ms, about 70 a second reached the page in a default search).
 */
export class ProgressThrottle {
  private lastMs = -Infinity;

  constructor(private readonly intervalMs = 500) {}

  shouldReport(batchesDone: number, batchesTotal: number): boolean {
    const now = performance.now();
    if (batchesDone < batchesTotal && now - this.lastMs < this.intervalMs) return false;
    this.lastMs = now;
    return true;
  }
}

/**
 * Yields one macrotask, so queued messages run. Not requestAnimationFrame (paused in background tabs)
 * and not a nested setTimeout (clamped to 4 ms): setImmediate in Node, a MessageChannel elsewhere.
 */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
