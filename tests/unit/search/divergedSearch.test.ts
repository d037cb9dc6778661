import { describe, expect, it } from 'vitest';
import type { Divergence, TrialRun } from '../../../src/engine/trial.ts';
import { SearchLoop, type SearchLoopOptions } from '../../../src/search/searchLoop.ts';
import { newOracle, runSequential } from '../engine/oracleHelpers.ts';
import { FakeExecutor } from './fakeExecutor.ts';

const OPTIONS: SearchLoopOptions = { batchSize: 32, objective: 'val_accuracy', seed: 7, trainer: 'fit', maxRetries: 2, maxFusedTrials: 12 };
const structure = (runs: readonly TrialRun[]) => runs.map((r) => [r.trialId, r.bracket, r.round, r.initialEpoch, r.epochs]);
const NAN_MODEL = 0.0991;

describe('SearchLoop with diverged trials', () => {
  it("ends a child of a parent whose best epoch diverged at once, diverged, without training it; the schedule is KerasTuner's", async () => {
    // 0002 diverges in its first epoch: its NaN model's 0.0991 beats every other trial's 0.05, so
    // KerasTuner promotes it, and its child starts from NaN weights.
    const divergenceFor = (id: string): Divergence | null => (id === '0002' ? { epoch: 1, batch: 4, nanModelValAccuracy: NAN_MODEL } : null);
    const executor = new FakeExecutor('fake', () => false, divergenceFor, () => 0.05);
    const oracle = newOracle();
    const loop = new SearchLoop(oracle, [executor], OPTIONS);
    expect(await loop.run()).toEqual({ status: 'done', reason: null });
    expect(structure(oracle.trials)).toEqual(structure(runSequential(newOracle())));
    const child = oracle.trials.find((t) => t.parentId === '0002')!;
    expect(child).toMatchObject({ trialId: '0012', status: 'completed', score: NAN_MODEL, bestEpoch: 3, divergence: { epoch: 3, batch: 0, nanModelValAccuracy: NAN_MODEL } });
    const trained = executor.jobs.flatMap((j) => j.runs.map((r) => r.run.trialId));
    expect(trained).not.toContain('0012');
    // Every other trial trained once: nothing was lost or rerun.
    const inherited = oracle.trials.filter((t) => t.divergence?.batch === 0).map((t) => t.trialId);
    expect(trained.sort()).toEqual(oracle.trials.map((t) => t.trialId).filter((id) => !inherited.includes(id)));
    expect(oracle.bestTrials()[0]!.divergence).toBeNull();
  });

  it("starts a child of a diverged parent whose best epoch was finite from that epoch's checkpoint", async () => {
    // 0011 (the best of round 0 by hashed score) diverges in its second epoch: its best is epoch 1.
    const divergenceFor = (id: string): Divergence | null => (id === '0011' ? { epoch: 2, batch: 9, nanModelValAccuracy: 0 } : null);
    const executor = new FakeExecutor('fake', () => false, divergenceFor, (run) => Number(run.trialId) / 100);
    const oracle = newOracle();
    await new SearchLoop(oracle, [executor], OPTIONS).run();
    expect(oracle.trial('0011')).toMatchObject({ status: 'completed', bestEpoch: 1, divergence: { epoch: 2, batch: 9 } });
    const child = executor.jobs.flatMap((j) => j.runs).find((r) => r.run.parentId === '0011')!;
    expect(child.parentWeights).toMatchObject({ epoch: 1, data: new Float32Array([11]) });
  });
});
