import type { HyperparameterValues } from './hyperparameters.ts';
import { HyperbandOracle } from './oracle.ts';
import { oracleConfig } from './oracleState.ts';
import { hyperbandPlan, roundTotals, type PlannedRound } from './schedule.ts';
import type { SearchSpace } from './searchSpace.ts';
import type { SearchSettings } from './settings.ts';

export interface DryRun {
  rounds: PlannedRound[];
  totalTrials: number;
  totalEpochs: number;
  /** New (round 0) configurations in the order KerasTuner samples them. */
  configurations: HyperparameterValues[];
}

/**
 * The whole search without training: new configurations do not depend on any score, so running the
 * oracle with every trial completing at once reveals them all.
 */
export function dryRunSearch(settings: SearchSettings, space: SearchSpace): DryRun {
  const rounds = hyperbandPlan(settings);
  const oracle = new HyperbandOracle(oracleConfig(settings), space);
  const configurations: HyperparameterValues[] = [];
  for (;;) {
    const { runs, next } = oracle.takeRunnable();
    for (const run of runs) {
      if (run.parentId === null) configurations.push(run.hyperparameters);
      const metrics = { epoch: run.epochs, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 };
      oracle.report(run.trialId, { status: 'completed', epochs: [metrics] });
    }
    if (next.type === 'done') break;
  }
  return { rounds, ...roundTotals(rounds), configurations };
}
