import type { RunRecord, TrialRecord } from '../persistence/records.ts';
import { initialRunState, type RunState, type RunStatus, type TrialView } from './runState.ts';

function trialView(record: TrialRecord, runFinished: boolean): TrialView {
  const unfinished = record.status === 'running' || record.status === 'pending';
  const { trialId, run, attempt, score, bestEpoch, failureReason, durationMs } = record;
  return {
    trialId, run, attempt, score, bestEpoch, failureReason, durationMs,
    status: unfinished ? (runFinished ? 'interrupted' : 'pending') : record.status,
    divergence: record.divergence ?? null,
    epochs: unfinished ? [] : [...record.epochs].sort((a, b) => a.epoch - b.epoch),
  };
}

/** Runs stored before the oracle kept its end order (OracleState.endOrder) are ordered by their trials' end times. */
function endOrderByEndTimes(trials: readonly TrialRecord[]): string[] {
  return trials
    .filter((t) => t.endedAt !== null && (t.status === 'completed' || t.status === 'failed'))
    .sort((a, b) => a.endedAt!.localeCompare(b.endedAt!) || a.trialId.localeCompare(b.trialId))
    .map((t) => t.trialId);
}

/**
 * A stored run as the page shows it. One saved as `running` has no writer any more (this page holds
 * the writer lock): it is interrupted, and its unfinished trials wait to run again on Resume.
 */
export function runStateFromStored(record: RunRecord, trials: readonly TrialRecord[]): RunState {
  const status: RunStatus = record.status === 'running' ? 'interrupted' : record.status;
  const finished = status !== 'interrupted';
  const views = Object.fromEntries(trials.map((t) => [t.trialId, trialView(t, finished)]));
  const endOrder = 'endOrder' in record.oracle ? record.oracle.endOrder : endOrderByEndTimes(trials);
  const evaluation = record.testEvaluation;
  return {
    ...initialRunState(),
    status,
    runId: record.runId,
    settings: record.settings,
    trials: views,
    endOrder,
    end: record.status === 'done' ? { status: 'done', reason: record.endReason } : record.status === 'stopped' ? { status: 'stopped' } : null,
    oracle: record.oracle,
    retrain: evaluation ? { status: 'done', retrain: evaluation.runs.length, retrains: evaluation.runs.length, epoch: evaluation.epochs, epochs: evaluation.epochs, fraction: 1, evaluation } : null,
  };
}
