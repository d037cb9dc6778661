import type { TestEvaluation } from '../engine/bestConfig.ts';
import type { HyperbandOracle } from '../engine/oracle.ts';
import type { EpochMetrics, OracleTrial, TrialRun } from '../engine/trial.ts';
import type { SearchRecorder } from '../search/createSearch.ts';
import type { WeightSnapshot } from '../search/jobs.ts';
import type { CheckpointRecord, RunRecord, StoredRunStatus, TrialRecord } from './records.ts';
import { StorageFullError, type RunRepository } from './runRepository.ts';

/**
 * What one write stores. `run` and `checkpoints` are the state as of the change that asked for the
 * write (the checkpoints the oracle state then needed); the checkpoint puts and deletes are worked
 * out only when the write runs, against what the database is known to hold.
 */
interface PendingWrite {
  run: RunRecord | null;
  trials: Map<string, TrialRecord>;
  checkpoints: ReadonlyMap<string, WeightSnapshot> | null;
}

/**
 * Writes a running search to IndexedDB as it happens: a trial after each of its epochs, and at each
 * oracle change the run (with the oracle state), the trials that ended and the checkpoints that came
 * or went, in one transaction. Writes keep their order. A write that fails (a full disk) is reported
 * and everything it carried stays pending: the next write carries it too, newer changes over older,
 * so nothing is lost once a write succeeds again, and the database never holds an oracle state
 * without the checkpoints it needs.
 */
export class RunRecorder implements SearchRecorder {
  private queue: Promise<void> = Promise.resolve();
  private readonly changedTrials = new Set<string>();
  /** What failed writes carried, merged; null once a write has committed it. */
  private unwritten: PendingWrite | null = null;

  /** `storedCheckpoints`: the trials whose checkpoints the database holds, kept up to date here. */
  constructor(
    private readonly repository: RunRepository,
    private run: RunRecord,
    private readonly trials: Map<string, TrialRecord>,
    private readonly storedCheckpoints: Set<string>,
    private readonly onWriteFailed: (message: string, storageFull: boolean) => void,
  ) {}

  get runId(): string {
    return this.run.runId;
  }

  trialsQueued(runs: TrialRun[]): void {
    for (const run of runs) {
      this.trials.set(run.trialId, { runId: this.run.runId, trialId: run.trialId, run, status: 'pending', attempt: 0, epochs: [], score: null, bestEpoch: null, failureReason: null, divergence: null, durationMs: null, endedAt: null });
      this.changedTrials.add(run.trialId);
    }
  }

  trialStarted(run: TrialRun, attempt: number): void {
    this.update(run.trialId, { status: 'running', attempt, epochs: [], failureReason: null, divergence: null });
    this.changedTrials.add(run.trialId);
  }

  /** After every epoch: the trial with all its epochs so far, in a transaction of its own. */
  epoch(trialId: string, metrics: EpochMetrics): void {
    const trial = this.update(trialId, (t) => ({ epochs: [...t.epochs.filter((m) => m.epoch !== metrics.epoch), metrics] }));
    if (trial) void this.write({ run: null, trials: new Map([[trialId, trial]]), checkpoints: null });
  }

  trialEnd(trial: OracleTrial, durationMs: number): void {
    const status = trial.status === 'running' ? 'running' : trial.status;
    this.update(trial.trialId, { status, score: trial.score, bestEpoch: trial.bestEpoch, failureReason: trial.failureReason, divergence: trial.divergence, durationMs, endedAt: new Date().toISOString() });
    this.changedTrials.add(trial.trialId);
  }

  /** The oracle's new state, the trials touched since the last write, and the checkpoint changes. */
  oracleChanged(oracle: HyperbandOracle, checkpoints: ReadonlyMap<string, WeightSnapshot>): Promise<void> {
    this.run = { ...this.run, oracle: oracle.getState(), updatedAt: new Date().toISOString() };
    const trials = new Map<string, TrialRecord>();
    for (const id of this.changedTrials) {
      const trial = this.trials.get(id);
      if (trial) trials.set(id, trial);
    }
    this.changedTrials.clear();
    // A copy: the search loop changes its map as trials end, and this write must match this state.
    return this.write({ run: this.run, trials, checkpoints: new Map(checkpoints) });
  }

  finish(status: StoredRunStatus, endReason: string | null, oracle: HyperbandOracle): Promise<void> {
    this.run = { ...this.run, status, endReason, oracle: oracle.getState(), updatedAt: new Date().toISOString() };
    return this.write({ run: this.run, trials: new Map(), checkpoints: null });
  }

  saveTestEvaluation(testEvaluation: TestEvaluation): Promise<void> {
    this.run = { ...this.run, testEvaluation, updatedAt: new Date().toISOString() };
    return this.write({ run: this.run, trials: new Map(), checkpoints: null });
  }

  /** Tries again to store what failed writes carried (after space was freed); nothing if none. */
  retryUnwritten(): Promise<void> {
    return this.write({ run: null, trials: new Map(), checkpoints: null });
  }

  /** Resolves when every write so far has been attempted. */
  flushed(): Promise<void> {
    return this.queue;
  }

  private update(trialId: string, patch: Partial<TrialRecord> | ((t: TrialRecord) => Partial<TrialRecord>)): TrialRecord | null {
    const trial = this.trials.get(trialId);
    if (!trial) return null;
    const next = { ...trial, ...(typeof patch === 'function' ? patch(trial) : patch) };
    this.trials.set(trialId, next);
    return next;
  }

  private write(change: PendingWrite): Promise<void> {
    this.queue = this.queue.then(() => this.store(change));
    return this.queue;
  }

  /** Stores `change` with whatever earlier failed writes left; on failure all of it stays pending. */
  private async store(change: PendingWrite): Promise<void> {
    const pending = this.unwritten ? merge(this.unwritten, change) : change;
    if (!pending.run && !pending.trials.size) return;
    const put: CheckpointRecord[] = [];
    const removed: string[] = [];
    if (pending.checkpoints) {
      const runId = this.run.runId;
      for (const [trialId, w] of pending.checkpoints) {
        if (!this.storedCheckpoints.has(trialId)) put.push({ runId, trialId, epoch: w.epoch, units: w.units, data: w.data });
      }
      for (const trialId of this.storedCheckpoints) if (!pending.checkpoints.has(trialId)) removed.push(trialId);
    }
    try {
      if (pending.run) await this.repository.saveTrialEnd(pending.run, [...pending.trials.values()], put, removed);
      else await this.repository.saveTrials([...pending.trials.values()]);
    } catch (error: unknown) {
      this.unwritten = pending;
      this.onWriteFailed(error instanceof Error ? error.message : String(error), error instanceof StorageFullError);
      return;
    }
    this.unwritten = null;
    put.forEach((c) => this.storedCheckpoints.add(c.trialId));
    removed.forEach((id) => this.storedCheckpoints.delete(id));
  }
}

/** An older pending write under a newer one: the newer run, trial records and checkpoint set win. */
function merge(older: PendingWrite, newer: PendingWrite): PendingWrite {
  return {
    run: newer.run ?? older.run,
    trials: new Map([...older.trials, ...newer.trials]),
    checkpoints: newer.checkpoints ?? older.checkpoints,
  };
}
