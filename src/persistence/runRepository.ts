import { isPreferred } from '../engine/bestTrial.ts';
import type { OracleTrial } from '../engine/trial.ts';
import { plannedTotals } from '../engine/schedule.ts';
import type { WeightSnapshot } from '../search/jobs.ts';
import { openRungDatabase, type RungDatabase } from './database.ts';
import type { CheckpointRecord, RunRecord, RunSummary, TrialRecord } from './records.ts';
import type { RunRecords } from './runArchive.ts';
import { StorageFault } from './storageFault.ts';

/** The longest run name the Runs panel keeps (a rename is cut there too). */
export const MAX_RUN_NAME = 120;
const IMPORTED_SUFFIX = ' (imported)';

/** A write refused because the browser's storage quota is used up. */
export class StorageFullError extends Error {}

function rethrow(error: unknown): never {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    throw new StorageFullError('browser storage is full: delete old runs to continue');
  }
  throw error;
}

/**
 * Every stored run, its trials and its checkpoints. Each method is one IndexedDB transaction, so a
 * crash leaves the database as it was before or after a write, never in between.
 */
export class RunRepository {
  /** Injected full-disk faults: every write below checks it first. */
  readonly storageFault = new StorageFault();

  private constructor(private readonly db: RungDatabase) {}

  static async open(): Promise<RunRepository> {
    return new RunRepository(await openRungDatabase());
  }

  async createRun(run: RunRecord): Promise<void> {
    await this.writing([], () => this.db.put('runs', run));
  }

  /** The run's record, its oracle state included. */
  async saveProgress(run: RunRecord): Promise<void> {
    await this.writing([], () => {
      const tx = this.db.transaction('runs', 'readwrite');
      return Promise.all([putKeepingName(tx.store, run), tx.done]);
    });
  }

  /** Trial records, all or nothing. */
  async saveTrials(trials: TrialRecord[]): Promise<void> {
    await this.writing(trials, () => {
      const tx = this.db.transaction('trials', 'readwrite');
      return Promise.all([...trials.map((trial) => tx.store.put(trial)), tx.done]);
    });
  }

  /** A trial's end: run record, trial records and the changed checkpoints, all or nothing. */
  async saveTrialEnd(run: RunRecord, trials: TrialRecord[], checkpointsToPut: CheckpointRecord[], checkpointsToDelete: string[]): Promise<void> {
    await this.writing(trials, () => {
      const tx = this.db.transaction(['runs', 'trials', 'checkpoints'], 'readwrite');
      const writes: Promise<unknown>[] = [putKeepingName(tx.objectStore('runs'), run)];
      trials.forEach((trial) => writes.push(tx.objectStore('trials').put(trial)));
      checkpointsToPut.forEach((checkpoint) => writes.push(tx.objectStore('checkpoints').put(checkpoint)));
      checkpointsToDelete.forEach((trialId) => writes.push(tx.objectStore('checkpoints').delete([run.runId, trialId])));
      return Promise.all([...writes, tx.done]);
    });
  }

  /**
   * Adds an imported run, all or nothing. It keeps its id unless a stored run has it (a second import
   * of one file, or a run exported from this browser): then it gets a new one. Returns the run as stored.
   */
  async importRun({ run, trials, checkpoints }: RunRecords): Promise<RunRecord> {
    let stored = run;
    await this.writing([], async () => {
      const tx = this.db.transaction(['runs', 'trials', 'checkpoints'], 'readwrite');
      const taken = (await tx.objectStore('runs').getKey(run.runId)) !== undefined;
      const runId = taken ? globalThis.crypto.randomUUID() : run.runId;
      stored = { ...run, runId, name: `${run.name.slice(0, MAX_RUN_NAME - IMPORTED_SUFFIX.length)}${IMPORTED_SUFFIX}` };
      const writes: Promise<unknown>[] = [tx.objectStore('runs').add(stored)];
      trials.forEach((trial) => writes.push(tx.objectStore('trials').add({ ...trial, runId })));
      checkpoints.forEach((checkpoint) => writes.push(tx.objectStore('checkpoints').add({ ...checkpoint, runId })));
      await Promise.all([...writes, tx.done]);
    });
    return stored;
  }

  /** A write, refused by an injected fault or by the browser; a full quota becomes StorageFullError. */
  private async writing(trials: readonly TrialRecord[], write: () => Promise<unknown>): Promise<void> {
    try {
      this.storageFault.check(trials);
      await write();
    } catch (error: unknown) {
      rethrow(error);
    }
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    return this.db.get('runs', runId);
  }

  async trialsOf(runId: string): Promise<TrialRecord[]> {
    return (await this.db.getAllFromIndex('trials', 'byRun', runId)).sort((a, b) => a.trialId.localeCompare(b.trialId));
  }

  async checkpointsOf(runId: string): Promise<Map<string, WeightSnapshot>> {
    const records = await this.db.getAllFromIndex('checkpoints', 'byRun', runId);
    return new Map(records.map((r) => [r.trialId, { units: r.units, epoch: r.epoch, data: r.data }]));
  }

  /** One trial's kept best-epoch weights, or null when none are kept. */
  async checkpoint(runId: string, trialId: string): Promise<WeightSnapshot | null> {
    const record = await this.db.get('checkpoints', [runId, trialId]);
    return record ? { units: record.units, epoch: record.epoch, data: record.data } : null;
  }

  /** The trials whose weights are kept, without reading the weights. */
  async keptCheckpointIds(runId: string): Promise<string[]> {
    const keys = await this.db.getAllKeysFromIndex('checkpoints', 'byRun', runId);
    return keys.map(([, trialId]) => trialId).sort();
  }

  async checkpointRecordsOf(runId: string): Promise<CheckpointRecord[]> {
    return (await this.db.getAllFromIndex('checkpoints', 'byRun', runId)).sort((a, b) => a.trialId.localeCompare(b.trialId));
  }

  async listRuns(): Promise<RunSummary[]> {
    const runs = await this.db.getAll('runs');
    return runs.map(summarise).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async renameRun(runId: string, name: string): Promise<void> {
    const tx = this.db.transaction('runs', 'readwrite');
    const run = await tx.store.get(runId);
    if (!run) throw new Error(`run ${runId} does not exist`);
    await Promise.all([tx.store.put({ ...run, name }), tx.done]);
  }

  async deleteRun(runId: string): Promise<void> {
    const tx = this.db.transaction(['runs', 'trials', 'checkpoints'], 'readwrite');
    const range = IDBKeyRange.bound([runId, ''], [runId, '\uffff']);
    await Promise.all([tx.objectStore('runs').delete(runId), tx.objectStore('trials').delete(range), tx.objectStore('checkpoints').delete(range), tx.done]);
  }

  close(): void {
    this.db.close();
  }
}

/** The writer's copy of a run never undoes a rename made meanwhile (by the page, in another transaction). */
async function putKeepingName(runs: { get(key: string): Promise<RunRecord | undefined>; put(value: RunRecord): Promise<unknown> }, run: RunRecord): Promise<unknown> {
  const stored = await runs.get(run.runId);
  return runs.put(stored ? { ...run, name: stored.name } : run);
}

export function summarise(run: RunRecord): RunSummary {
  const objective = run.settings.objective;
  let best: OracleTrial | null = null;
  for (const trial of run.oracle.trials) {
    if (trial.status === 'completed' && isPreferred(objective, trial, best)) best = trial;
  }
  return {
    runId: run.runId, name: run.name, createdAt: run.createdAt, updatedAt: run.updatedAt, status: run.status, settings: run.settings,
    backend: run.backend, endReason: run.endReason,
    trialsEnded: run.oracle.trials.filter((t) => t.status !== 'running').length,
    trialsPlanned: plannedTotals(run.settings).totalTrials,
    bestScore: best?.score ?? null,
    bestTrialId: best?.trialId ?? null,
  };
}
