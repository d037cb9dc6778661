import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DATABASE_NAME, DATABASE_VERSION, type CheckpointRecord, type RunRecord, type TrialRecord } from './records.ts';

export interface RungSchema extends DBSchema {
  runs: { key: string; value: RunRecord };
  trials: { key: [string, string]; value: TrialRecord; indexes: { byRun: string } };
  checkpoints: { key: [string, string]; value: CheckpointRecord; indexes: { byRun: string } };
}

export type RungDatabase = IDBPDatabase<RungSchema>;

/** Opens (and on first use creates) Rung's IndexedDB database, in a page or a worker. */
export function openRungDatabase(): Promise<RungDatabase> {
  return openDB<RungSchema>(DATABASE_NAME, DATABASE_VERSION, {
    upgrade(db) {
      db.createObjectStore('runs', { keyPath: 'runId' });
      db.createObjectStore('trials', { keyPath: ['runId', 'trialId'] }).createIndex('byRun', 'runId');
      db.createObjectStore('checkpoints', { keyPath: ['runId', 'trialId'] }).createIndex('byRun', 'runId');
    },
  });
}
