import { HyperbandOracle } from '../../../src/engine/oracle.ts';
import type { OracleConfig } from '../../../src/engine/oracleState.ts';
import { referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import type { SearchSpace } from '../../../src/engine/searchSpace.ts';
import type { EpochMetrics, TrialRun } from '../../../src/engine/trial.ts';

export const REFERENCE_CONFIG: OracleConfig = {
  maxEpochs: 10,
  factor: 3,
  iterations: 1,
  seed: 7,
  objective: 'val_accuracy',
  maxCollisions: 20,
  maxConsecutiveFailedTrials: 3,
};

export function newOracle(config: Partial<OracleConfig> = {}, space: SearchSpace = referenceSearchSpace()): HyperbandOracle {
  return new HyperbandOracle({ ...REFERENCE_CONFIG, ...config }, space);
}

/** Per-epoch metrics whose val_accuracy is a deterministic function of the trial id and epoch. */
export function fakeEpochs(run: TrialRun, scoreOf: (run: TrialRun) => number): EpochMetrics[] {
  const epochs: EpochMetrics[] = [];
  for (let epoch = run.initialEpoch + 1; epoch <= run.epochs; epoch++) {
    const valAccuracy = scoreOf(run) - (run.epochs - epoch) * 0.001;
    epochs.push({ epoch, loss: 1 - valAccuracy, accuracy: valAccuracy, valLoss: 1 - valAccuracy, valAccuracy });
  }
  return epochs;
}

/** A score that is not monotonic in the trial id, so promotions are not trivially the latest trials. */
export function hashedScore(run: TrialRun): number {
  const n = Number(run.trialId);
  return 0.5 + ((n * 7919) % 101) / 1000;
}

/** Runs the oracle one trial at a time, as KerasTuner does; returns every decision in order. */
export function runSequential(oracle: HyperbandOracle, scoreOf = hashedScore, fails: (run: TrialRun) => string | null = () => null): TrialRun[] {
  const runs: TrialRun[] = [];
  for (;;) {
    const decision = oracle.next();
    if (decision.type === 'done') return runs;
    if (decision.type === 'wait') throw new Error('a sequential run never waits');
    runs.push(decision.trial);
    const reason = fails(decision.trial);
    oracle.report(decision.trial.trialId, reason ? { status: 'failed', reason } : { status: 'completed', epochs: fakeEpochs(decision.trial, scoreOf) });
  }
}
