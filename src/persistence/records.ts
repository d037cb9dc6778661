import type { TestEvaluation } from '../engine/bestConfig.ts';
import type { OracleState } from '../engine/oracleState.ts';
import type { SearchSettings } from '../engine/settings.ts';
import type { Divergence, EpochMetrics, TrialRun } from '../engine/trial.ts';
import type { TrainerKind } from '../search/jobs.ts';

export const DATABASE_NAME = 'rung';
export const DATABASE_VERSION = 1;

/**
 * A stored search. `running` means a writer was training it when last saved: with no writer alive
 * (a reload, a crash) it is interrupted, and can be resumed from here.
 */
export type StoredRunStatus = 'running' | 'stopped' | 'done';

export interface RunRecord {
  runId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  status: StoredRunStatus;
  settings: SearchSettings;
  trainer: TrainerKind;
  retrains: number;
  backend: string;
  oracle: OracleState;
  testEvaluation: TestEvaluation | null;
  endReason: string | null;
}

export type StoredTrialStatus = 'pending' | 'running' | 'completed' | 'failed';

/** A trial and every epoch it trained, rewritten after each epoch. */
export interface TrialRecord {
  runId: string;
  trialId: string;
  run: TrialRun;
  status: StoredTrialStatus;
  attempt: number;
  epochs: EpochMetrics[];
  score: number | null;
  bestEpoch: number | null;
  failureReason: string | null;
  /** Absent in records stored before divergence was recorded: those trials did not diverge. */
  divergence?: Divergence | null;
  durationMs: number | null;
  /** When the trial ended (ISO 8601): the order of the best-so-far chart. */
  endedAt: string | null;
}

/** Best-epoch weights a promotion (or the final best model) may still need. */
export interface CheckpointRecord {
  runId: string;
  trialId: string;
  epoch: number;
  units: number[];
  data: Float32Array;
}

export type RunSummary = Pick<RunRecord, 'runId' | 'name' | 'createdAt' | 'updatedAt' | 'status' | 'settings' | 'backend' | 'endReason'> & {
  trialsEnded: number;
  trialsPlanned: number;
  bestScore: number | null;
  bestTrialId: string | null;
};
