import { mlpArchitecture, parameterCount } from '../engine/mlpSpace.ts';
import type { JobListener, JobRun, TrainingJob, TrialExecutor } from './jobs.ts';

/**
 * Makes chosen trials throw partway through their first batches, a given number of times (the
 * failure path: retry, then fail, then go on), diverge (the start weights poisoned with NaN, so the
 * real trainer meets a NaN loss at its first batch), or stall before they train until released (a
 * hung device, as the page sees one; tests use it to hold a search mid-way on a few hundred images):
 * exercised on purpose, by tests and curious users.
 */
export class FaultInjector {
  private readonly remaining = new Map<string, number>();
  private readonly diverging = new Set<string>();
  private readonly stalling = new Set<string>();
  private stallingEveryJob = false;
  private stalledJobs: Array<() => void> = [];

  throwInTrial(trialId: string, times: number): void {
    this.remaining.set(trialId, times);
  }

  /** The next time the trial starts, it starts from NaN weights. */
  divergeInTrial(trialId: string): void {
    this.diverging.add(trialId);
  }

  /** The next job holding the trial is handed out (its trials show as running) but waits to train until `releaseStalls`. */
  stallTrial(trialId: string): void {
    this.stalling.add(trialId);
  }

  /** Every job handed out from now on stalls, until `releaseStalls`. */
  stallEveryJob(): void {
    this.stallingEveryJob = true;
  }

  /** Every stalled job starts training and `stallEveryJob` ends; a trial stalled but not yet handed out stays armed. */
  releaseStalls(): void {
    this.stallingEveryJob = false;
    const waiting = this.stalledJobs;
    this.stalledJobs = [];
    waiting.forEach((start) => start());
  }

  wrap(executor: TrialExecutor): TrialExecutor {
    let cancelStall: (() => void) | null = null;
    return {
      name: executor.name,
      get alive() {
        return executor.alive;
      },
      run: async (job, listener) => {
        // Every stalled trial of the job is disarmed (map, not some): one job's stall uses them all up.
        const stalled = job.runs.map((r) => this.stalling.delete(r.run.trialId)).includes(true) || this.stallingEveryJob;
        if (stalled) {
          // True when released; false when cancelled while it waits, and then it never trains.
          const released = new Promise<boolean>((resolve) => {
            this.stalledJobs.push(() => resolve(true));
            cancelStall = () => resolve(false);
          });
          const trains = await released;
          cancelStall = null;
          if (!trains) return;
        }
        return this.run(executor, job, listener);
      },
      pause: () => executor.pause(),
      resume: () => executor.resume(),
      cancel: () => {
        cancelStall?.();
        executor.cancel();
      },
    };
  }

  private run(executor: TrialExecutor, original: TrainingJob, listener: JobListener): Promise<void> {
    const job = { ...original, runs: original.runs.map((run) => this.poisoned(run)) };
    const target = job.runs.map((r) => r.run.trialId).find((id) => (this.remaining.get(id) ?? 0) > 0);
    if (!target) return executor.run(job, listener);
    this.remaining.set(target, this.remaining.get(target)! - 1);
    let triggered = false;
    // Once the fault fires, the target's later events are dropped: a worker that finishes the trial
    // before the cancel reaches it must not turn the thrown trial into a completed one.
    const watching: JobListener = {
      onBatchProgress: (progress) => {
        if (triggered && progress.trialIds.includes(target)) return;
        listener.onBatchProgress(progress);
        if (!triggered && progress.trialIds.includes(target)) {
          triggered = true;
          executor.cancel();
        }
      },
      onEpoch: (trialId, metrics, durationMs) => {
        if (!(triggered && trialId === target)) listener.onEpoch(trialId, metrics, durationMs);
      },
      onTrialEnd: (end) => {
        if (!(triggered && end.trialId === target)) listener.onTrialEnd(end);
      },
    };
    // The executor winds its job down before the failure is reported, so it is free for the retry.
    return executor.run(job, watching).then(() => {
      if (triggered) throw new Error(`injected fault in trial ${target}`);
    });
  }

  private poisoned(jobRun: JobRun): JobRun {
    if (!this.diverging.delete(jobRun.run.trialId)) return jobRun;
    const { units } = mlpArchitecture(jobRun.run.hyperparameters);
    const data = new Float32Array(parameterCount(units)).fill(Number.NaN);
    return { ...jobRun, parentWeights: { units, epoch: jobRun.run.initialEpoch, data } };
  }
}
