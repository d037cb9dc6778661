import type { SearchSpace } from './searchSpace.ts';
import type { ObjectiveName, SearchSettings } from './settings.ts';
import type { OracleTrial } from './trial.ts';

export const ORACLE_STATE_VERSION = 1;

export interface OracleConfig {
  maxEpochs: number;
  factor: number;
  iterations: number;
  seed: number;
  objective: ObjectiveName;
  /** KerasTuner redraws a configuration already tried up to this many times (its default: 20). */
  maxCollisions: number;
  /** KerasTuner stops the search after this many failed trials in a row (its default: 3). */
  maxConsecutiveFailedTrials: number;
}

export interface RoundEntry {
  parentId: string | null;
  id: string;
}

/** A bracket still being filled, as KerasTuner keeps it: the trial ids of each round. */
export interface BracketState {
  bracket: number;
  rounds: RoundEntry[][];
}

/** Everything the oracle knows; plain JSON, so a search can be saved and resumed mid-round. */
export interface OracleState {
  version: number;
  config: OracleConfig;
  /** Every version of the search space, oldest first; trials name the version they were drawn from. */
  spaces: SearchSpace[];
  seedState: number;
  triedSoFar: string[];
  currentBracket: number;
  currentIteration: number;
  brackets: BracketState[];
  trials: OracleTrial[];
  /** Trial ids in the order they ended (completed or failed), as KerasTuner's `end_order`: the x axis of best-so-far. */
  endOrder: string[];
  stopReason: string | null;
}

export function cloneState(state: OracleState): OracleState {
  return structuredClone(state);
}

export const DEFAULT_MAX_COLLISIONS = 20;
export const DEFAULT_MAX_CONSECUTIVE_FAILED_TRIALS = 3;

/** The oracle of a search with these settings, with KerasTuner's defaults for the rest. */
export function oracleConfig(settings: SearchSettings): OracleConfig {
  return {
    maxEpochs: settings.maxEpochs,
    factor: settings.factor,
    iterations: settings.iterations,
    seed: settings.seed,
    objective: settings.objective,
    maxCollisions: DEFAULT_MAX_COLLISIONS,
    maxConsecutiveFailedTrials: DEFAULT_MAX_CONSECUTIVE_FAILED_TRIALS,
  };
}
