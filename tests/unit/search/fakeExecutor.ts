import type { Divergence, TrialRun } from '../../../src/engine/trial.ts';
import type { JobListener, TrainingJob, TrialExecutor } from '../../../src/search/jobs.ts';
import { fakeEpochs, hashedScore } from '../engine/oracleHelpers.ts';

/**
 * Trains nothing: each trial "learns" a score from its id, and its best weights are one number, the
 * trial id, so tests can see which checkpoint a promoted trial started from.
 */
export class FakeExecutor implements TrialExecutor {
  readonly jobs: TrainingJob[] = [];
  paused = false;
  cancelled = false;

  constructor(
    readonly name: string,
    private readonly throwsFor: (trialId: string, attempt: number) => boolean = () => false,
    /** A trial given a divergence reports the epochs before it, then ends diverged there. */
    private readonly divergenceFor: (trialId: string) => Divergence | null = () => null,
    private readonly scoreOf: (run: TrialRun) => number = hashedScore,
  ) {}

  private attempts = new Map<string, number>();

  async run(job: TrainingJob, listener: JobListener): Promise<void> {
    this.jobs.push(job);
    this.cancelled = false;
    for (const { run } of job.runs) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (this.cancelled) return;
      const attempt = (this.attempts.get(run.trialId) ?? 0) + 1;
      this.attempts.set(run.trialId, attempt);
      if (this.throwsFor(run.trialId, attempt)) throw new Error(`boom in ${run.trialId}`);
      listener.onBatchProgress({ trialIds: [run.trialId], epoch: run.initialEpoch + 1, batchesDone: 1, batchesTotal: 10 });
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (this.cancelled) return;
      const divergence = this.divergenceFor(run.trialId);
      const epochs = fakeEpochs(run, this.scoreOf).filter((m) => !divergence || m.epoch < divergence.epoch);
      epochs.forEach((m) => listener.onEpoch(run.trialId, m, 1));
      const bestWeights = epochs.length ? { units: [1], epoch: epochs.at(-1)!.epoch, data: new Float32Array([Number(run.trialId)]) } : null;
      const outcome = divergence ? { status: 'completed' as const, epochs, divergence } : { status: 'completed' as const, epochs };
      listener.onTrialEnd({ trialId: run.trialId, outcome, bestWeights, durationMs: 1 });
    }
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  cancel(): void {
    this.cancelled = true;
  }
}
