/** KerasTuner's own HyperbandOracle trials (tests/fixtures/keras_tuner_oracle), and Rung's oracle replaying them. */
import { readFileSync } from 'node:fs';
import type { HyperparameterValue, HyperparameterValues } from '../../../src/engine/hyperparameters.ts';
import { HyperbandOracle } from '../../../src/engine/oracle.ts';
import { oracleConfig } from '../../../src/engine/oracleState.ts';
import { parseSearchSpace, type SearchSpace } from '../../../src/engine/searchSpace.ts';
import { DEFAULT_SETTINGS } from '../../../src/engine/referenceDefaults.ts';
import type { ObjectiveName } from '../../../src/engine/settings.ts';
import type { EpochMetrics, OracleTrial, TrialRun } from '../../../src/engine/trial.ts';

/** One trial as KerasTuner's HyperbandOracle created it (tests/fixtures/keras_tuner_oracle/generate.py). */
export interface KerasTunerTrial {
  id: string;
  values: HyperparameterValues;
  'tuner/epochs': number;
  'tuner/initial_epoch': number;
  'tuner/bracket': number;
  'tuner/round': number;
  'tuner/trial_id': string | null;
  status: string;
  score: number | null;
  bestStep: number | null;
}

export interface Scenario {
  name: string;
  settings: { maxEpochs: number; factor: number; iterations: number; seed: number; objective: ObjectiveName };
  score: 'distinct' | 'tied';
  /** Trials whose base score is below this fail; null when none do. */
  failBelow: number | null;
  /** KerasTuner's error when failures in a row stopped the search, else null. */
  stoppedBy: string | null;
  space: unknown;
  trials: KerasTunerTrial[];
  best: { id: string; score: number };
}

export const fixture = JSON.parse(readFileSync(new URL('../../fixtures/keras_tuner_oracle/hyperband-trials.json', import.meta.url), 'utf8')) as {
  kerasTuner: { commit: string };
  scenarios: Scenario[];
};

// The generator's pseudo-scores, operation for operation: +, -, *, / and floor round the same in
// CPython and JavaScript, so both sides see the same scores and promote the same trials.
const SCORE_MIX = 0.7548776662466927;

function valueNumber(value: HyperparameterValue): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return [...value].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  return value;
}

function baseScore(values: HyperparameterValues, names: readonly string[]): number {
  let total = 0;
  names.forEach((name, index) => {
    total = total + (index + 1) * valueNumber(values[name]!);
  });
  const mixed = total * SCORE_MIX;
  return mixed - Math.floor(mixed);
}

function epochMetrics(run: TrialRun, names: readonly string[], tied: boolean): EpochMetrics[] {
  let base = baseScore(run.hyperparameters, names);
  if (tied) base = Math.floor(base * 3) / 3;
  const epochs: EpochMetrics[] = [];
  for (let epoch = run.initialEpoch + 1; epoch <= run.epochs; epoch++) {
    const wobble = (epoch * 3 + Math.floor(base * 16)) % 4;
    const valAccuracy = 0.5 + 0.4 * base - 0.25 / epoch + 0.01 * wobble;
    epochs.push({ epoch, loss: 0, accuracy: 0, valAccuracy, valLoss: 1.5 - valAccuracy });
  }
  return epochs;
}

export function spaceOf(scenario: Scenario): SearchSpace {
  const parsed = parseSearchSpace(scenario.space);
  if (!parsed.ok) throw new Error(`${scenario.name}: the fixture's space is invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

/**
 * Rung's oracle, run as KerasTuner's tuner runs one worker: each trial ends before the next is asked
 * for. The space and settings default to the scenario's; a test may pass them as read from elsewhere.
 */
export function runRung(scenario: Scenario, space = spaceOf(scenario), settings: Scenario['settings'] = scenario.settings): { trials: OracleTrial[]; oracle: HyperbandOracle } {
  const names = space.hyperparameters.map((hp) => hp.name);
  const oracle = new HyperbandOracle(oracleConfig({ ...DEFAULT_SETTINGS, ...settings }), space);
  for (let decision = oracle.next(); decision.type !== 'done'; decision = oracle.next()) {
    if (decision.type === 'wait') throw new Error(`${scenario.name}: a sequential run never waits`);
    const run = decision.trial;
    if (scenario.failBelow !== null && baseScore(run.hyperparameters, names) < scenario.failBelow) {
      oracle.report(run.trialId, { status: 'failed', reason: `pseudo-failure of trial ${run.trialId}` });
    } else {
      oracle.report(run.trialId, { status: 'completed', epochs: epochMetrics(run, names, scenario.score === 'tied') });
    }
  }
  return { trials: [...oracle.trials], oracle };
}

/** A Rung trial in the fixture's terms: KerasTuner's trial id, values and tuner/* keys. */
export function asKerasTuner(trial: OracleTrial): KerasTunerTrial {
  return {
    id: trial.trialId,
    values: trial.hyperparameters,
    'tuner/epochs': trial.epochs,
    'tuner/initial_epoch': trial.initialEpoch,
    'tuner/bracket': trial.bracket,
    'tuner/round': trial.round,
    'tuner/trial_id': trial.parentId,
    status: trial.status.toUpperCase(),
    score: trial.score,
    // KerasTuner's best_step counts epochs from 0 within the trial's own fit; Rung's bestEpoch is absolute and 1-based.
    bestStep: trial.bestEpoch === null ? null : trial.bestEpoch - trial.initialEpoch - 1,
  };
}
