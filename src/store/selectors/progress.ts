import { plannedTotals } from '../../engine/schedule.ts';
import type { RunState, TrialBatchProgress, TrialView } from '../runState.ts';

export interface ProgressModel {
  epochsDone: number;
  totalEpochs: number;
  fraction: number;
  trialsEnded: number;
  totalTrials: number;
  samplesPerSecond: number | null;
  etaMs: number | null;
  elapsedMs: number | null;
  running: RunningTrial[];
}

export interface RunningTrial {
  trial: TrialView;
  /** Null until its first batch. */
  progress: TrialBatchProgress | null;
}

const THROUGHPUT_WINDOW_MS = 15_000;

/** Samples per second over the last 15 s of batch progress. */
export function throughput(run: RunState, nowMs: number): number | null {
  const recent = run.samples.filter((s) => s.atMs >= nowMs - THROUGHPUT_WINDOW_MS);
  if (recent.length < 2) return null;
  const first = recent[0]!;
  const last = recent.at(-1)!;
  const seconds = (last.atMs - first.atMs) / 1000;
  return seconds > 0.5 ? (last.count - first.count) / seconds : null;
}

/** Overall progress in epochs (partial epochs count by batches), with an ETA from recent throughput. */
export function progressModel(run: RunState, nowMs: number): ProgressModel | null {
  if (!run.settings) return null;
  const { totalTrials, totalEpochs } = plannedTotals(run.settings);
  const trials = Object.values(run.trials);
  let epochsDone = 0;
  for (const t of trials) {
    epochsDone += t.epochs.length;
    const progress = run.batchProgress[t.trialId];
    if (t.status === 'running' && progress && progress.epoch > t.run.initialEpoch + t.epochs.length) {
      epochsDone += progress.batchesDone / progress.batchesTotal;
    }
  }
  const samplesPerSecond = throughput(run, nowMs);
  const trainCount = run.dataCounts?.train ?? null;
  const remainingEpochs = Math.max(0, totalEpochs - epochsDone);
  const active = run.status === 'running' || run.status === 'paused';
  const etaMs = active && samplesPerSecond && trainCount ? (remainingEpochs * trainCount * 1000) / samplesPerSecond : null;
  return {
    epochsDone,
    totalEpochs,
    fraction: totalEpochs ? Math.min(1, epochsDone / totalEpochs) : 0,
    trialsEnded: trials.filter((t) => t.status === 'completed' || t.status === 'failed').length,
    totalTrials,
    samplesPerSecond,
    etaMs,
    elapsedMs: run.startedAtMs === null ? null : (run.endedAtMs ?? nowMs) - run.startedAtMs,
    running: trials
      .filter((t) => t.status === 'running')
      .sort((a, b) => a.trialId.localeCompare(b.trialId))
      .map((trial) => ({ trial, progress: run.batchProgress[trial.trialId] ?? null })),
  };
}
