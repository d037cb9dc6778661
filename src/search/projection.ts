import { HyperbandOracle } from '../engine/oracle.ts';
import { oracleConfig } from '../engine/oracleState.ts';
import type { SearchSpace } from '../engine/searchSpace.ts';
import type { SearchSettings } from '../engine/settings.ts';
import type { TrialRun } from '../engine/trial.ts';
import { nextJobRuns } from './jobGrouping.ts';
import type { TrainerKind } from './jobs.ts';

/** Measured costs on one executor, for K trials trained together. */
export interface CostModel {
  stepMs(trials: number): number;
  /** Validating `trials` trials on `samples` samples. */
  evalMs(trials: number, samples: number): number;
}

export interface ProjectionInput {
  settings: SearchSettings;
  space: SearchSpace;
  trainer: TrainerKind;
  executors: number;
  maxFusedTrials: number;
  trainSamples: number;
  validationSamples: number;
  retrains: number;
  cost: CostModel;
  /** Costs for the retrains, which train alone after the search; `cost` when absent. */
  retrainCost?: CostModel;
}

export interface Projection {
  searchMs: number;
  retrainMs: number;
  totalMs: number;
}

interface Ending {
  atMs: number;
  run: TrialRun;
}

/**
 * How long a search would take, by replaying its real schedule: the oracle's decisions, the jobs the
 * search loop would form for this many executors, and the measured step and validation costs.
 */
export function projectSearch(input: ProjectionInput): Projection {
  const { settings, cost } = input;
  const steps = Math.ceil(input.trainSamples / settings.batchSize);
  const epochMsWith = (model: CostModel) => (trials: number) => steps * model.stepMs(trials) + model.evalMs(trials, input.validationSamples);
  const epochMs = epochMsWith(cost);
  const oracle = new HyperbandOracle(oracleConfig(settings), input.space);
  const freeAtMs = Array<number>(input.executors).fill(0);
  const pending: TrialRun[] = [];
  const endings: Ending[] = [];
  let nowMs = 0;
  for (;;) {
    const { runs, next } = oracle.takeRunnable();
    pending.push(...runs);
    const busyBefore = freeAtMs.filter((t) => t > nowMs).length;
    for (let e = 0; e < freeAtMs.length && pending.length; e++) {
      if (freeAtMs[e]! > nowMs) continue;
      const idle = freeAtMs.filter((t) => t <= nowMs).length;
      const group = nextJobRuns(pending, idle + busyBefore, input.trainer, input.maxFusedTrials);
      pending.splice(0, pending.length, ...pending.filter((r) => !group.includes(r)));
      let t = nowMs;
      let active = [...group];
      for (let epoch = 1; active.length; epoch++) {
        t += epochMs(active.length);
        active.filter((r) => r.epochs - r.initialEpoch === epoch).forEach((run) => endings.push({ atMs: t, run }));
        active = active.filter((r) => r.epochs - r.initialEpoch > epoch);
      }
      freeAtMs[e] = t;
    }
    if (next.type === 'done' && !pending.length && !endings.length) break;
    endings.sort((a, b) => a.atMs - b.atMs);
    const ending = endings.shift();
    if (!ending) break;
    nowMs = ending.atMs;
    const value = 0.5 + (Number(ending.run.trialId) % 7) / 100;
    oracle.report(ending.run.trialId, { status: 'completed', epochs: [{ epoch: ending.run.epochs, loss: 1, accuracy: value, valLoss: 1, valAccuracy: value }] });
  }
  const searchMs = Math.max(nowMs, ...freeAtMs);
  const retrainTrials = input.trainer === 'fused' ? Math.max(1, input.retrains) : 1;
  const retrainEpochMs = epochMsWith(input.retrainCost ?? cost);
  const retrainMs = input.retrains > 0 ? settings.maxEpochs * retrainEpochMs(retrainTrials) * (input.trainer === 'fused' ? 1 : input.retrains) : 0;
  return { searchMs, retrainMs, totalMs: searchMs + retrainMs };
}
