import type { TestEvaluation } from '../engine/bestConfig.ts';
import type { HyperbandOracle } from '../engine/oracle.ts';
import type { EpochMetrics, OracleTrial, TrialRun } from '../engine/trial.ts';
import type { WeightSnapshot } from '../search/jobs.ts';
import type { CheckpointRecord, RunRecord, StoredRunStatus, TrialRecord } from './records.ts';
import { StorageFullError, type RunRepository } from './runRepository.ts';

/**
 * Writes a running search to IndexedDB as it happens: a trial after each of its epochs, and at each
 * oracle change the run (with the oracle state), the trials that ended and the checkpoints that came
 * or went, in one transaction. Writes keep their order; a failed write (a full disk) is reported and
 * the next one still goes ahead, so nothing written before is lost.
 */
export class RunRecorder {
  private queue: Promise<void> = Promise.resolve();
  private readonly changedTrials = new Set<string>();

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
    if (trial) this.write(() => this.repository.saveTrial(trial));
  }

  trialEnded(trial: OracleTrial, durationMs: number): void {
    const status = trial.status === 'running' ? 'running' : trial.status;
    this.update(trial.trialId, { status, score: trial.score, bestEpoch: trial.bestEpoch, failureReason: trial.failureReason, divergence: trial.divergence, durationMs, endedAt: new Date().toISOString() });
    this.changedTrials.add(trial.trialId);
  }

  /** The oracle's new state, the trials touched since the last write, and the checkpoint changes. */
  oracleChanged(oracle: HyperbandOracle, checkpoints: ReadonlyMap<string, WeightSnapshot>): Promise<void> {
    this.run = { ...this.run, oracle: oracle.getState(), updatedAt: new Date().toISOString() };
    const run = this.run;
    const trials = [...this.changedTrials].map((id) => this.trials.get(id)!).filter(Boolean);
    this.changedTrials.clear();
    const put: CheckpointRecord[] = [];
    for (const [trialId, weights] of checkpoints) {
      if (!this.storedCheckpoints.has(trialId)) put.push({ runId: run.runId, trialId, epoch: weights.epoch, units: weights.units, data: weights.data });
    }
    const removed = [...this.storedCheckpoints].filter((id) => !checkpoints.has(id));
    put.forEach((c) => this.storedCheckpoints.add(c.trialId));
    removed.forEach((id) => this.storedCheckpoints.delete(id));
    return this.write(() => this.repository.saveTrialEnd(run, trials, put, removed));
  }

  finish(status: StoredRunStatus, endReason: string | null, oracle: HyperbandOracle): Promise<void> {
    this.run = { ...this.run, status, endReason, oracle: oracle.getState(), updatedAt: new Date().toISOString() };
    const run = this.run;
    return this.write(() => this.repository.saveProgress(run));
  }

  saveTestEvaluation(testEvaluation: TestEvaluation): Promise<void> {
    this.run = { ...this.run, testEvaluation, updatedAt: new Date().toISOString() };
    const run = this.run;
    return this.write(() => this.repository.saveProgress(run));
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

  private write(operation: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(operation).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.onWriteFailed(message, error instanceof StorageFullError);
    });
    return this.queue;
  }
}
