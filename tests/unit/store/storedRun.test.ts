import { describe, expect, it } from 'vitest';
import { HyperbandOracle } from '../../../src/engine/oracle.ts';
import { oracleConfig, type OracleState } from '../../../src/engine/oracleState.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import type { EpochMetrics, OracleTrial } from '../../../src/engine/trial.ts';
import type { RunRecord, TrialRecord } from '../../../src/persistence/records.ts';
import { runStateFromStored } from '../../../src/store/storedRun.ts';

const SETTINGS = { ...DEFAULT_SETTINGS, maxEpochs: 2, factor: 2, iterations: 1 };

function metrics(epoch: number, valAccuracy: number): EpochMetrics {
  return { epoch, loss: 1, accuracy: valAccuracy, valLoss: 1, valAccuracy };
}

/** A search whose trial 0001 ended before trial 0000, stored with each trial's end time. */
function storedSearch(endedAt: Record<string, string>): { oracle: OracleState; trials: TrialRecord[] } {
  const oracle = new HyperbandOracle(oracleConfig(SETTINGS), referenceSearchSpace(1));
  const { runs } = oracle.takeRunnable();
  const ended: OracleTrial[] = [];
  for (const run of [...runs].reverse()) ended.push(oracle.report(run.trialId, { status: 'completed', epochs: [metrics(1, run.trialId === '0000' ? 0.9 : 0.8)] }));
  const trials = ended.map((t): TrialRecord => ({
    runId: 'r', trialId: t.trialId, run: runs.find((r) => r.trialId === t.trialId)!, status: 'completed', attempt: 1, epochs: [metrics(1, t.score!)],
    score: t.score, bestEpoch: t.bestEpoch, failureReason: null, divergence: null, durationMs: 10, endedAt: endedAt[t.trialId]!,
  }));
  return { oracle: oracle.getState(), trials };
}

function runRecord(oracle: OracleState): RunRecord {
  return { runId: 'r', name: 'r', createdAt: '', updatedAt: '', status: 'running', settings: SETTINGS, trainer: 'fused', retrains: 0, backend: 'wasm', oracle, testEvaluation: null, endReason: null };
}

describe('a stored run’s end order', () => {
  it('is the one the oracle kept', () => {
    // End times that disagree with the oracle: the oracle's order wins.
    const { oracle, trials } = storedSearch({ '0000': '2026-12-01T10:00:00.000Z', '0001': '2026-12-01T10:00:01.000Z' });
    expect(oracle.endOrder).toEqual(['0001', '0000']);
    expect(runStateFromStored(runRecord(oracle), trials).endOrder).toEqual(['0001', '0000']);
  });

  it('comes from the trials’ end times in a run stored before the oracle kept it', () => {
    const { oracle, trials } = storedSearch({ '0000': '2026-12-01T10:00:00.000Z', '0001': '2026-12-01T10:00:01.000Z' });
    const { endOrder: _dropped, ...stateBefore } = oracle;
    const state = runStateFromStored(runRecord(stateBefore as OracleState), trials);
    expect(state.endOrder).toEqual(['0000', '0001']);
  });

  it('resumes from an oracle state stored before it was kept: ended trials in id order', () => {
    const { oracle } = storedSearch({});
    const { endOrder: _dropped, ...stateBefore } = oracle;
    expect(HyperbandOracle.fromState(stateBefore as OracleState).getState().endOrder).toEqual(['0000', '0001']);
  });
});
