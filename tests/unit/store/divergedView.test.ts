import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseBestConfig } from '../../../src/engine/bestConfig.ts';
import { HyperbandOracle } from '../../../src/engine/oracle.ts';
import { oracleConfig } from '../../../src/engine/oracleState.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import type { SearchSpace } from '../../../src/engine/searchSpace.ts';
import type { Divergence, EpochMetrics, OracleTrial, TrialRun } from '../../../src/engine/trial.ts';
import type { RunRecord, TrialRecord } from '../../../src/persistence/records.ts';
import { initialAppState } from '../../../src/store/appStore.ts';
import { bestConfigDocument, trialsCsv } from '../../../src/store/importExport.ts';
import { applySearchEvent, initialRunState, type RunState } from '../../../src/store/runState.ts';
import { bestSoFar, curveSeries } from '../../../src/store/selectors/curves.ts';
import { leaderboardRows } from '../../../src/store/selectors/leaderboard.ts';
import { runStateFromStored } from '../../../src/store/storedRun.ts';

const space = referenceSearchSpace(1);
const oracleOf = (searchSpace: SearchSpace) => new HyperbandOracle(oracleConfig(DEFAULT_SETTINGS), searchSpace).getState();
const values = { units_0: 50, dropout_0: 0.1, learning_rate: 0.001 };

function trialRun(id: string, parentId: string | null = null): TrialRun {
  return { trialId: id, hyperparameters: values, iteration: 0, bracket: 1, round: parentId ? 1 : 0, initialEpoch: parentId ? 2 : 0, epochs: parentId ? 4 : 2, parentId, spaceVersion: 0 };
}

const metrics = (epoch: number, valAccuracy: number): EpochMetrics => ({ epoch, loss: 1 - valAccuracy, accuracy: valAccuracy, valLoss: 1 - valAccuracy, valAccuracy });

/** Plays a trial through the store as the worker reports it: queued, started, its epochs, its end. */
function play(run: RunState, trial: TrialRun, epochs: EpochMetrics[], end: Pick<OracleTrial, 'score' | 'bestEpoch'> & { divergence?: Divergence }): RunState {
  let state = applySearchEvent(run, { type: 'trialsQueued', runs: [trial] }, 0, 32);
  state = applySearchEvent(state, { type: 'trialStarted', run: trial, attempt: 1 }, 0, 32);
  for (const m of epochs) state = applySearchEvent(state, { type: 'epoch', trialId: trial.trialId, metrics: m, durationMs: 1 }, 0, 32);
  const ended: OracleTrial = { ...trial, status: 'completed', failureReason: null, divergence: end.divergence ?? null, score: end.score, bestEpoch: end.bestEpoch };
  return applySearchEvent(state, { type: 'trialEnd', trial: ended, durationMs: 5 }, 0, 32);
}

const DIVERGED: Divergence = { epoch: 2, batch: 17, nanModelValAccuracy: 0.0991 };

/** 0000 peaks at epoch 1 then falls; 0001 diverges in epoch 2 after a poor epoch 1, scoring the NaN model's 0.0991; 0002 continues 0000. */
function search(): RunState {
  let run: RunState = { ...initialRunState(), runId: 'r', settings: DEFAULT_SETTINGS, status: 'running', oracle: oracleOf(space), startedAtMs: 0 };
  run = play(run, trialRun('0000'), [metrics(1, 0.08), metrics(2, 0.06)], { score: 0.08, bestEpoch: 1 });
  run = play(run, trialRun('0001'), [metrics(1, 0.05)], { score: 0.0991, bestEpoch: 2, divergence: DIVERGED });
  return play(run, trialRun('0002', '0000'), [metrics(3, 0.09), metrics(4, 0.07)], { score: 0.09, bestEpoch: 3 });
}

describe('curves', () => {
  it("join a promoted trial to its parent's best epoch, where its weights came from, not the parent's last", () => {
    const child = curveSeries(search()).find((s) => s.trialId === '0002')!;
    expect(child.points.map((p) => p.epoch)).toEqual([1, 3, 4]);
    expect(child.points[0]!.valAccuracy).toBe(0.08);
  });

  it('mark a diverged trial with its epoch and batch', () => {
    const series = curveSeries(search());
    expect(series.find((s) => s.trialId === '0001')!.divergedAt).toEqual({ epoch: 2, batch: 17 });
    expect(series.find((s) => s.trialId === '0000')!.divergedAt).toBeNull();
  });

  it("keep an unchanged trial's line object, and give a trial (or a child whose parent) changed a new one", () => {
    const run = search();
    const before = curveSeries(run);
    const grown = applySearchEvent(run, { type: 'epoch', trialId: '0001', metrics: metrics(2, 0.04), durationMs: 1 }, 0, 32);
    const after = curveSeries(grown);
    const line = (series: typeof before, id: string) => series.find((s) => s.trialId === id)!;
    expect(line(after, '0000')).toBe(line(before, '0000'));
    expect(line(after, '0002')).toBe(line(before, '0002'));
    expect(line(after, '0001')).not.toBe(line(before, '0001'));
    expect(line(after, '0001').points.map((p) => p.epoch)).toEqual([1, 2]);
    const parentChanged = applySearchEvent(run, { type: 'epoch', trialId: '0000', metrics: metrics(2, 0.07), durationMs: 1 }, 0, 32);
    expect(line(curveSeries(parentChanged), '0002')).not.toBe(line(before, '0002'));
  });
});

describe('best trial, leaderboard and exports', () => {
  it('rank a diverged trial after every trial that did not diverge, whatever its score', () => {
    const rows = leaderboardRows(search());
    const rank = (id: string) => rows.find((r) => r.trialId === id)!.rank;
    expect([rank('0002'), rank('0000'), rank('0001')]).toEqual([1, 2, 3]);
    expect(rows.find((r) => r.trialId === '0001')!.divergence).toEqual(DIVERGED);
    expect(bestSoFar(search()).map((p) => p.trialId)).toEqual(['0000', '0000', '0002']);
  });

  it('write the divergence into the CSV', () => {
    const state = { ...initialAppState(), run: search() };
    const rows = Papa.parse<Record<string, string>>(trialsCsv(state), { header: true }).data;
    expect(rows.find((r) => r.trial_id === '0001')).toMatchObject({ status: 'completed', score: '0.0991', best_epoch: '2', diverged_epoch: '2', diverged_batch: '17' });
    expect(rows.find((r) => r.trial_id === '0000')).toMatchObject({ diverged_epoch: '', diverged_batch: '' });
  });

  it('write the best trial into the best-config JSON with its divergence, null when it did not diverge', () => {
    const best = bestConfigDocument({ ...initialAppState(), run: search() })!;
    expect(best.bestTrial).toMatchObject({ id: '0002', divergence: null });
    // Only a diverged trial completed: it is the best there is, and the document says it diverged.
    let onlyDiverged: RunState = { ...initialRunState(), runId: 'r', settings: DEFAULT_SETTINGS, status: 'done', oracle: oracleOf(space) };
    onlyDiverged = play(onlyDiverged, trialRun('0001'), [metrics(1, 0.05)], { score: 0.0991, bestEpoch: 2, divergence: DIVERGED });
    const document = bestConfigDocument({ ...initialAppState(), run: onlyDiverged })!;
    expect(document.bestTrial).toMatchObject({ id: '0001', score: 0.0991, bestEpoch: 2, divergence: DIVERGED });
    expect(parseBestConfig(JSON.parse(JSON.stringify(document)))).toEqual({ ok: true, value: document });
  });

  it('still import a best-config document written before divergence was recorded', () => {
    const document = JSON.parse(JSON.stringify(bestConfigDocument({ ...initialAppState(), run: search() }))) as { bestTrial: Record<string, unknown> };
    delete document.bestTrial.divergence;
    expect(parseBestConfig(document).ok).toBe(true);
  });
});

describe('stored runs from before divergence was recorded', () => {
  it('load with no trial diverged', () => {
    const trial = trialRun('0000');
    const record = { runId: 'old', trialId: '0000', run: trial, status: 'completed', attempt: 1, epochs: [metrics(1, 0.5), metrics(2, 0.6)], score: 0.6, bestEpoch: 2, failureReason: null, durationMs: 3, endedAt: '2026-11-01T00:00:00.000Z' } satisfies TrialRecord;
    const oracleTrial = { ...trial, status: 'completed', score: 0.6, bestEpoch: 2, failureReason: null };
    const run = { runId: 'old', name: 'old', createdAt: '', updatedAt: '', status: 'done', settings: DEFAULT_SETTINGS, trainer: 'fused', retrains: 0, backend: 'wasm', oracle: { spaces: [space], trials: [oracleTrial] }, testEvaluation: null, endReason: null } as unknown as RunRecord;
    const state = runStateFromStored(run, [record]);
    expect(state.trials['0000']!.divergence).toBeNull();
    expect(leaderboardRows(state)[0]).toMatchObject({ rank: 1, divergence: null });
  });
});
