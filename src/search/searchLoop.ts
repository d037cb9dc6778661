import { bestEpochDiverged } from '../engine/bestTrial.ts';
import { checkpointsToKeep } from '../engine/checkpointPolicy.ts';
import type { HyperbandOracle } from '../engine/oracle.ts';
import type { SearchSpace } from '../engine/searchSpace.ts';
import type { ObjectiveName } from '../engine/settings.ts';
import type { EpochMetrics, OracleTrial, TrialRun } from '../engine/trial.ts';
import { nextJobRuns, trialSeed } from './jobGrouping.ts';
import type { BatchProgress, TrainerKind, TrainingJob, TrialEnd, TrialExecutor, WeightSnapshot } from './jobs.ts';

export interface SearchLoopOptions {
  batchSize: number;
  objective: ObjectiveName;
  seed: number;
  trainer: TrainerKind;
  /** A trial whose training throws is run again this many times before it is marked failed. */
  maxRetries: number;
  /** The most trials one fused job trains together. */
  maxFusedTrials: number;
}

/** The loop's tuning that every caller shares: the app, the CLI and the duration estimate. */
export const SEARCH_LOOP_DEFAULTS = { maxRetries: 2, maxFusedTrials: 12 } as const satisfies Partial<SearchLoopOptions>;

export interface SearchListener {
  /** New trials the oracle created; they wait for a free executor. */
  onTrialsQueued?(runs: TrialRun[]): void;
  onTrialStart?(run: TrialRun, attempt: number, executor: string): void;
  onBatchProgress?(progress: BatchProgress): void;
  onEpoch?(trialId: string, metrics: EpochMetrics, durationMs: number): void;
  onTrialEnd?(trial: OracleTrial, durationMs: number): void;
  onTrialRetry?(trialId: string, attempt: number, error: string): void;
  /** After every change of the oracle's state, with the checkpoints that are now kept. */
  onOracleChange?(oracle: HyperbandOracle, checkpoints: ReadonlyMap<string, WeightSnapshot>): void | Promise<void>;
}

export type SearchEnd = { status: 'done'; reason: string | null } | { status: 'stopped' };

/**
 * KerasTuner's Tuner.search loop, for any number of executors: asks the oracle for every trial that
 * can run, hands them out (one per job, or a fused group per job), reports each end back, keeps
 * only the checkpoints a promotion may still need, and retries trials whose training throws.
 */
export class SearchLoop {
  private readonly pending: TrialRun[] = [];
  private readonly attempts = new Map<string, number>();
  /** Trials retried after their job threw: each runs alone, so one bad trial cannot fail the others. */
  private readonly alone = new Set<string>();
  private readonly idle: TrialExecutor[];
  private readonly active = new Set<Promise<void>>();
  private stopped = false;
  private fatal: unknown = null;
  private signalled = false;
  private waiter: (() => void) | null = null;

  constructor(
    private readonly oracle: HyperbandOracle,
    private readonly executors: readonly TrialExecutor[],
    private readonly options: SearchLoopOptions,
    private readonly listener: SearchListener = {},
    readonly checkpoints = new Map<string, WeightSnapshot>(),
  ) {
    this.idle = [...executors];
    // Trials handed out before a reload never reported back: they run again from their start.
    this.pending.push(...oracle.runningTrials());
  }

  async run(): Promise<SearchEnd> {
    for (;;) {
      if (this.fatal) throw this.fatal;
      if (this.stopped) {
        await Promise.all(this.active);
        return { status: 'stopped' };
      }
      const { runs, next } = this.oracle.takeRunnable();
      this.pending.push(...runs);
      if (runs.length) {
        this.listener.onTrialsQueued?.(runs);
        await this.listener.onOracleChange?.(this.oracle, this.checkpoints);
      }
      // Settled trials change what the oracle can decide: ask it again before waiting on anything.
      if (this.settleInheritedDivergences()) continue;
      this.dispatch();
      if (this.active.size === 0 && this.pending.length === 0) {
        if (next.type === 'done') return { status: 'done', reason: next.reason };
        throw new Error('the oracle waits for trials that no executor is running');
      }
      if (this.active.size === 0 && this.idle.length === 0) throw new Error('every trainer has stopped working; finished trials are kept');
      await this.nextSignal();
    }
  }

  /** Wakes the loop: a trial or a job ended, or the search was stopped. */
  private wake(): void {
    this.signalled = true;
    this.waiter?.();
    this.waiter = null;
  }

  private async nextSignal(): Promise<void> {
    if (!this.signalled) await new Promise<void>((resolve) => (this.waiter = resolve));
    this.signalled = false;
  }

  pause(): void {
    this.executors.forEach((e) => e.pause());
  }

  resume(): void {
    this.executors.forEach((e) => e.resume());
  }

  /** Ends the search after the current batches; every finished trial is kept. */
  stop(): void {
    this.stopped = true;
    this.executors.forEach((e) => e.cancel());
    this.wake();
  }

  updateSpace(space: SearchSpace): number {
    return this.oracle.updateSpace(space);
  }

  private dispatch(): void {
    if (this.stopped) return;
    const busyBefore = this.active.size;
    while (this.idle.length && this.pending.length) {
      const single = this.pending.find((r) => this.alone.has(r.trialId));
      const candidates = this.pending.filter((r) => !this.alone.has(r.trialId));
      const group = single ? [single] : nextJobRuns(candidates, this.idle.length + busyBefore, this.options.trainer, this.options.maxFusedTrials);
      const taken = new Set(group.map((r) => r.trialId));
      this.pending.splice(0, this.pending.length, ...this.pending.filter((r) => !taken.has(r.trialId)));
      this.start(this.idle.shift()!, group);
    }
  }

  private start(executor: TrialExecutor, runs: TrialRun[]): void {
    const job: TrainingJob = {
      jobId: runs.map((r) => r.trialId).join('+'),
      runs: runs.map((run) => ({
        run,
        parentWeights: run.parentId ? this.parentWeights(run.parentId) : null,
        seed: trialSeed(this.options.seed, run.trialId),
      })),
      batchSize: this.options.batchSize,
      objective: this.options.objective,
      trainer: this.options.trainer,
    };
    const ended = new Set<string>();
    runs.forEach((run) => {
      const attempt = (this.attempts.get(run.trialId) ?? 0) + 1;
      this.attempts.set(run.trialId, attempt);
      this.listener.onTrialStart?.(run, attempt, executor.name);
    });
    const promise = executor
      .run(job, {
        onBatchProgress: (p) => this.listener.onBatchProgress?.(p),
        onEpoch: (id, metrics, ms) => this.listener.onEpoch?.(id, metrics, ms),
        onTrialEnd: (end) => {
          ended.add(end.trialId);
          void this.finishTrial(end).catch((error: unknown) => this.abort(error));
        },
      })
      .then(() => {
        const missing = runs.filter((r) => !ended.has(r.trialId)).map((r) => r.trialId);
        if (missing.length && !this.stopped) throw new Error(`${executor.name} ended without finishing trial ${missing.join(', ')}`);
      })
      .catch((error: unknown) => this.retryUnended(runs, ended, error))
      .finally(() => {
        this.active.delete(promise);
        if (executor.alive !== false) this.idle.push(executor);
        this.wake();
      });
    this.active.add(promise);
  }

  /**
   * A promoted trial whose parent's best epoch came at or after the parent's divergence would start
   * from a NaN model's weights, as KerasTuner's would: it diverges before its first batch, so it ends
   * at once, diverged at its first epoch, without training.
   */
  private settleInheritedDivergences(): boolean {
    const inherited = this.pending.filter((run) => {
      const parent = run.parentId ? this.oracle.trial(run.parentId) : undefined;
      return parent !== undefined && bestEpochDiverged(parent);
    });
    if (!inherited.length) return false;
    this.pending.splice(0, this.pending.length, ...this.pending.filter((run) => !inherited.includes(run)));
    for (const run of inherited) {
      const parentDivergence = this.oracle.trial(run.parentId!)!.divergence!;
      this.attempts.set(run.trialId, (this.attempts.get(run.trialId) ?? 0) + 1);
      this.listener.onTrialStart?.(run, this.attempts.get(run.trialId)!, 'none (inherited divergence)');
      const divergence = { epoch: run.initialEpoch + 1, batch: 0, nanModelValAccuracy: parentDivergence.nanModelValAccuracy };
      void this.finishTrial({ trialId: run.trialId, outcome: { status: 'completed', epochs: [], divergence }, bestWeights: null, durationMs: 0 }).catch((e: unknown) => this.abort(e));
    }
    return true;
  }

  private parentWeights(parentId: string): WeightSnapshot {
    const weights = this.checkpoints.get(parentId);
    if (!weights) throw new Error(`the checkpoint of trial ${parentId} is missing`);
    return weights;
  }

  private async finishTrial(end: TrialEnd): Promise<void> {
    const trial = this.oracle.report(end.trialId, end.outcome);
    // A best epoch at or after a divergence has no weights worth keeping: they are a NaN model's.
    if (trial.status === 'completed' && end.bestWeights && !bestEpochDiverged(trial)) this.checkpoints.set(end.trialId, end.bestWeights);
    const keep = checkpointsToKeep(this.oracle.getState());
    for (const id of [...this.checkpoints.keys()]) if (!keep.has(id)) this.checkpoints.delete(id);
    this.listener.onTrialEnd?.(trial, end.durationMs);
    await this.listener.onOracleChange?.(this.oracle, this.checkpoints);
    this.wake();
  }

  private retryUnended(runs: TrialRun[], ended: Set<string>, error: unknown): void {
    if (this.stopped) return;
    const message = error instanceof Error ? error.message : String(error);
    for (const run of runs.filter((r) => !ended.has(r.trialId))) {
      const attempt = this.attempts.get(run.trialId) ?? 1;
      if (attempt <= this.options.maxRetries) {
        this.listener.onTrialRetry?.(run.trialId, attempt, message);
        this.alone.add(run.trialId);
        this.pending.unshift(run);
      } else {
        void this.finishTrial({ trialId: run.trialId, outcome: { status: 'failed', reason: message }, bestWeights: null, durationMs: 0 }).catch(
          (e: unknown) => this.abort(e),
        );
      }
    }
  }

  private abort(error: unknown): void {
    this.fatal = error;
    this.stop();
  }
}
