import { cleanHyperparameters } from '../engine/bestConfig.ts';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import type { SearchSpace } from '../engine/searchSpace.ts';
import type { OracleTrial } from '../engine/trial.ts';

export function formatDuration(durationMs: number): string {
  const seconds = durationMs / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export function formatValues(space: SearchSpace, values: HyperparameterValues): string {
  return Object.entries(cleanHyperparameters(space, values))
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}

/** One line per finished trial, with what KerasTuner prints: id, place, epochs, time, score, best. */
export function formatTrialLine(trial: OracleTrial, durationMs: number, best: OracleTrial | undefined, objective: string): string {
  const place = `bracket ${trial.bracket} round ${trial.round}`;
  const epochs = `epochs ${trial.initialEpoch}→${trial.epochs}${trial.parentId ? ` from ${trial.parentId}` : ''}`;
  const diverged = trial.divergence ? ` (diverged at epoch ${trial.divergence.epoch}, batch ${trial.divergence.batch})` : '';
  const result = trial.status === 'completed' ? `${objective} ${trial.score!.toFixed(4)}${diverged}` : `FAILED: ${trial.failureReason}`;
  const bestText = best ? `best so far ${best.score!.toFixed(4)} (${best.trialId})` : 'no completed trial yet';
  return `Trial ${trial.trialId} · ${place} · ${epochs} · ${formatDuration(durationMs)} · ${result} · ${bestText}`;
}
