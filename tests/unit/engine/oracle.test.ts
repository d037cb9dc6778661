import { describe, expect, it } from 'vitest';
import { HyperbandOracle } from '../../../src/engine/oracle.ts';
import type { TrialRun } from '../../../src/engine/trial.ts';
import { fakeEpochs, hashedScore, newOracle, runSequential } from './oracleHelpers.ts';

const summary = (runs: TrialRun[]) => runs.map((r) => [r.trialId, r.bracket, r.round, r.initialEpoch, r.epochs, r.parentId]);

describe('HyperbandOracle, run sequentially', () => {
  it('ends in done after exactly the 30 planned trials, with the right parents', () => {
    const oracle = newOracle();
    const runs = runSequential(oracle, (run) => Number(run.trialId) / 100);
    expect(runs).toHaveLength(30);
    expect(runs.map((r) => r.trialId)).toEqual(Array.from({ length: 30 }, (_, i) => String(i).padStart(4, '0')));
    expect(summary(runs.slice(12, 18))).toEqual([
      // Scores grow with the id, so the newest trials of a round are its best.
      ['0012', 2, 1, 2, 4, '0011'],
      ['0013', 2, 1, 2, 4, '0010'],
      ['0014', 2, 1, 2, 4, '0009'],
      ['0015', 2, 1, 2, 4, '0008'],
      ['0016', 2, 2, 4, 10, '0015'],
      ['0017', 2, 2, 4, 10, '0014'],
    ]);
    expect(summary(runs.slice(18))).toEqual([
      ...['0018', '0019', '0020', '0021', '0022', '0023'].map((id) => [id, 1, 0, 0, 4, null]),
      ['0024', 1, 1, 4, 10, '0023'],
      ['0025', 1, 1, 4, 10, '0022'],
      ...['0026', '0027', '0028', '0029'].map((id) => [id, 0, 0, 0, 10, null]),
    ]);
    expect(oracle.next()).toEqual({ type: 'done', reason: null });
  });

  it('promotes the best scores, a tie going to the older trial', () => {
    const oracle = newOracle();
    const runs = runSequential(oracle, (run) => (['0003', '0005', '0009'].includes(run.trialId) ? 0.9 : 0.8));
    expect(runs.slice(12, 16).map((r) => r.parentId)).toEqual(['0003', '0005', '0009', '0000']);
  });

  it('copies the parent configuration into the promoted trial', () => {
    const runs = runSequential(newOracle());
    for (const run of runs.filter((r) => r.parentId)) {
      expect(run.hyperparameters).toEqual(runs.find((p) => p.trialId === run.parentId)!.hyperparameters);
    }
  });

  it('minimises val_loss when that is the objective', () => {
    const runsFor = (objective: 'val_loss' | 'val_accuracy') => {
      const oracle = newOracle({ objective });
      const runs: TrialRun[] = [];
      for (let d = oracle.next(); d.type === 'run'; d = oracle.next()) {
        runs.push(d.trial);
        // Both metrics grow with the id: accuracy prefers the newest trials, loss the oldest.
        const value = Number(d.trial.trialId) / 100;
        const epochs = [{ epoch: d.trial.epochs, loss: value, accuracy: value, valLoss: value, valAccuracy: value }];
        oracle.report(d.trial.trialId, { status: 'completed', epochs });
      }
      return runs.slice(12, 16).map((r) => r.parentId);
    };
    expect(runsFor('val_loss')).toEqual(['0000', '0001', '0002', '0003']);
    expect(runsFor('val_accuracy')).toEqual(['0011', '0010', '0009', '0008']);
  });

  it('scores a trial by its best epoch', () => {
    const oracle = newOracle();
    const run = oracle.takeRunnable().runs[0]!;
    const epochs = [1, 2].map((epoch) => ({ epoch, loss: 0, accuracy: 0, valLoss: 0, valAccuracy: epoch === 1 ? 0.9 : 0.8 }));
    expect(oracle.report(run.trialId, { status: 'completed', epochs })).toMatchObject({ status: 'completed', score: 0.9, bestEpoch: 1 });
  });
});

describe('HyperbandOracle, many trials at once', () => {
  it('hands out a whole round, then waits while it is in flight', () => {
    const oracle = newOracle();
    const first = oracle.takeRunnable();
    expect(first.runs).toHaveLength(12);
    expect(first.next).toEqual({ type: 'wait' });
    for (const run of first.runs.slice(0, 11)) oracle.report(run.trialId, { status: 'completed', epochs: fakeEpochs(run, hashedScore) });
    expect(oracle.next()).toEqual({ type: 'wait' });
    const last = first.runs[11]!;
    oracle.report(last.trialId, { status: 'completed', epochs: fakeEpochs(last, hashedScore) });
    const second = oracle.takeRunnable();
    expect(second.runs.map((r) => r.round)).toEqual([1, 1, 1, 1]);
    expect(second.next).toEqual({ type: 'wait' });
  });

  it('starts the next bracket while the last round of the previous one still trains', () => {
    const oracle = newOracle();
    const finish = (runs: TrialRun[]) => runs.forEach((r) => oracle.report(r.trialId, { status: 'completed', epochs: fakeEpochs(r, hashedScore) }));
    finish(oracle.takeRunnable().runs);
    finish(oracle.takeRunnable().runs);
    const third = oracle.takeRunnable().runs;
    expect(third.map((r) => [r.bracket, r.round])).toEqual([[2, 2], [2, 2], ...Array(6).fill([1, 0])]);
  });

  it.each([1, 2, 3, 5, 12])('decides exactly as a sequential run with %i workers finishing in random order', (workers) => {
    const sequential = runSequential(newOracle({ seed: 11, iterations: 2 }));
    const oracle = newOracle({ seed: 11, iterations: 2 });
    let randomState = workers * 7 + 1;
    const pickIndex = (n: number) => (randomState = (randomState * 1103515245 + 12345) % 2147483648) % n;
    const started: TrialRun[] = [];
    const inFlight: TrialRun[] = [];
    for (;;) {
      while (inFlight.length < workers) {
        const decision = oracle.next();
        if (decision.type !== 'run') break;
        started.push(decision.trial);
        inFlight.push(decision.trial);
      }
      if (inFlight.length === 0) break;
      const [finished] = inFlight.splice(pickIndex(inFlight.length), 1);
      oracle.report(finished!.trialId, { status: 'completed', epochs: fakeEpochs(finished!, hashedScore) });
    }
    expect(oracle.next().type).toBe('done');
    expect(started).toEqual(sequential);
  });
});

describe('HyperbandOracle failures', () => {
  it('never promotes a failed trial, and follows KerasTuner when a round is short', () => {
    const oracle = newOracle();
    const runs = runSequential(oracle, hashedScore, (run) => (run.trialId === '0004' ? 'boom' : null));
    const promotedFromRound0 = runs.filter((r) => r.bracket === 2 && r.round === 1);
    // KerasTuner promotes while more candidates are ready than the round discards: 11 > 8, 10 > 8, 9 > 8.
    expect(promotedFromRound0).toHaveLength(3);
    expect(promotedFromRound0.map((r) => r.parentId)).not.toContain('0004');
    expect(oracle.trial('0004')).toMatchObject({ status: 'failed', failureReason: 'boom', score: null });
    expect(runs.filter((r) => r.bracket === 0)).toHaveLength(4);
    expect(oracle.next().type).toBe('done');
  });

  it('stops after 3 trials in a row fail, and says why', () => {
    const oracle = newOracle();
    const runs = runSequential(oracle, hashedScore, (run) => (['0002', '0003', '0004'].includes(run.trialId) ? `error in ${run.trialId}` : null));
    expect(runs).toHaveLength(5);
    expect(oracle.next()).toEqual({ type: 'done', reason: '3 consecutive trials failed (0002, 0003, 0004); last error: error in 0004' });
  });

  it('fails a completed trial that reported no finite objective', () => {
    const oracle = newOracle();
    const run = oracle.takeRunnable().runs[0]!;
    const nan = [{ epoch: 1, loss: NaN, accuracy: NaN, valLoss: NaN, valAccuracy: NaN }];
    expect(oracle.report(run.trialId, { status: 'completed', epochs: nan })).toMatchObject({ status: 'failed', failureReason: 'no finite val_accuracy was reported' });
  });

  it('stops cleanly when the space runs out of new configurations', () => {
    const tiny = { hyperparameters: [{ name: 'units_0', type: 'int' as const, min: 1, max: 3 }] };
    const oracle = newOracle({}, tiny);
    const { runs, next } = oracle.takeRunnable();
    expect(runs).toHaveLength(3);
    expect(next).toEqual({ type: 'wait' });
    runs.forEach((r) => oracle.report(r.trialId, { status: 'completed', epochs: fakeEpochs(r, hashedScore) }));
    expect(oracle.next()).toEqual({ type: 'done', reason: 'the search space is exhausted: 21 samples in a row were configurations already tried' });
  });

  it('refuses reports for unknown or ended trials', () => {
    const oracle = newOracle();
    const run = oracle.takeRunnable().runs[0]!;
    oracle.report(run.trialId, { status: 'failed', reason: 'x' });
    expect(() => oracle.report(run.trialId, { status: 'failed', reason: 'x' })).toThrow(/already ended/);
    expect(() => oracle.report('9999', { status: 'failed', reason: 'x' })).toThrow(/unknown trial/);
  });
});

describe('HyperbandOracle state', () => {
  it('round-trips through JSON mid-round to the same future decisions', () => {
    const reference = runSequential(newOracle({ seed: 3 }));
    const oracle = newOracle({ seed: 3 });
    const first = oracle.takeRunnable().runs;
    first.slice(0, 5).forEach((r) => oracle.report(r.trialId, { status: 'completed', epochs: fakeEpochs(r, hashedScore) }));
    const restored = HyperbandOracle.fromState(JSON.parse(JSON.stringify(oracle.getState())));
    expect(restored.getState()).toEqual(oracle.getState());
    expect(restored.runningTrials().map((r) => r.trialId)).toEqual(first.slice(5).map((r) => r.trialId));
    restored.runningTrials().forEach((r) => restored.report(r.trialId, { status: 'completed', epochs: fakeEpochs(r, hashedScore) }));
    const rest = runSequential(restored);
    expect([...first, ...rest]).toEqual(reference);
  });

  it('draws later configurations from an updated space and records its version', () => {
    const oracle = newOracle();
    const first = oracle.takeRunnable().runs;
    first.forEach((r) => oracle.report(r.trialId, { status: 'completed', epochs: fakeEpochs(r, hashedScore) }));
    const narrowed = structuredClone(oracle.space);
    narrowed.hyperparameters[0] = { name: 'units_0', type: 'int', min: 64, max: 64 };
    expect(oracle.updateSpace(narrowed)).toBe(1);
    const runs = runSequential(oracle);
    const fresh = runs.filter((r) => r.parentId === null);
    expect(fresh.every((r) => r.hyperparameters.units_0 === 64 && r.spaceVersion === 1)).toBe(true);
    const promoted = runs.filter((r) => r.parentId !== null && r.bracket === 2);
    expect(promoted.every((r) => r.spaceVersion === 0)).toBe(true);
  });
});
