import { describe, expect, it } from 'vitest';
import { bestEpochDiverged } from '../../../src/engine/bestTrial.ts';
import { checkpointsToKeep } from '../../../src/engine/checkpointPolicy.ts';
import { HyperbandOracle } from '../../../src/engine/oracle.ts';
import type { Divergence, EpochMetrics, TrialOutcome, TrialRun } from '../../../src/engine/trial.ts';
import { fakeEpochs, hashedScore, newOracle, runSequential } from './oracleHelpers.ts';

const NAN_MODEL = 0.0991;

/** Runs the oracle sequentially; `outcomeOf` may make a trial diverge. */
function runWith(oracle: HyperbandOracle, outcomeOf: (run: TrialRun) => TrialOutcome): TrialRun[] {
  const runs: TrialRun[] = [];
  for (let d = oracle.next(); d.type === 'run'; d = oracle.next()) {
    runs.push(d.trial);
    oracle.report(d.trial.trialId, outcomeOf(d.trial));
  }
  return runs;
}

const metrics = (epoch: number, value: number): EpochMetrics => ({ epoch, loss: value, accuracy: value, valLoss: value, valAccuracy: value });

/** A trial that trains normally until `epoch`, where its loss turns NaN at batch 7. */
function divergedAt(run: TrialRun, epoch: number, value = 0.5): TrialOutcome {
  const epochs = [];
  for (let e = run.initialEpoch + 1; e < epoch; e++) epochs.push(metrics(e, value));
  const divergence: Divergence = { epoch, batch: 7, nanModelValAccuracy: NAN_MODEL };
  return { status: 'completed', epochs, divergence };
}

const structure = (runs: TrialRun[]) => runs.map((r) => [r.trialId, r.bracket, r.round, r.initialEpoch, r.epochs]);
const normal = (run: TrialRun): TrialOutcome => ({ status: 'completed', epochs: fakeEpochs(run, hashedScore) });

describe('a diverged trial, as KerasTuner ends it', () => {
  it('val_accuracy: completes with its best epoch; the round promotes its full count and later ids do not shift', () => {
    const baseline = runSequential(newOracle());
    const oracle = newOracle();
    // 0003 diverges in its second epoch after a finite first; 0005 in its very first epoch.
    const runs = runWith(oracle, (run) => (run.trialId === '0003' ? divergedAt(run, 2, 0.2) : run.trialId === '0005' ? divergedAt(run, 1) : normal(run)));
    expect(structure(runs)).toEqual(structure(baseline));
    expect(runs).toHaveLength(30);
    expect(runs.filter((r) => r.bracket === 2 && r.round === 1)).toHaveLength(4);
    expect(oracle.trial('0003')).toMatchObject({ status: 'completed', score: 0.2, bestEpoch: 1, divergence: { epoch: 2, batch: 7 } });
    // No finite epoch: the NaN model's accuracy is its score, at the epoch it diverged in.
    expect(oracle.trial('0005')).toMatchObject({ status: 'completed', score: NAN_MODEL, bestEpoch: 1, divergence: { epoch: 1, batch: 7 } });
    expect(bestEpochDiverged(oracle.trial('0005')!)).toBe(true);
    expect(bestEpochDiverged(oracle.trial('0003')!)).toBe(false);
  });

  it("val_accuracy: the epochs after the divergence score the NaN model's accuracy when that beats every finite epoch", () => {
    const oracle = newOracle();
    const [first] = oracle.takeRunnable().runs;
    expect(oracle.report(first!.trialId, divergedAt(first!, 2, 0.05))).toMatchObject({ status: 'completed', score: NAN_MODEL, bestEpoch: 2 });
  });

  it('val_loss: completes with its best finite val_loss, and the schedule is unchanged', () => {
    const baseline = runSequential(newOracle({ objective: 'val_loss' }));
    const oracle = newOracle({ objective: 'val_loss' });
    const runs = runWith(oracle, (run) => (run.trialId === '0003' ? divergedAt(run, 2, 0.4) : normal(run)));
    expect(structure(runs)).toEqual(structure(baseline));
    expect(oracle.trial('0003')).toMatchObject({ status: 'completed', score: 0.4, bestEpoch: 1, divergence: { epoch: 2, batch: 7 } });
  });

  it('val_loss: fails when no epoch had a finite val_loss (KerasTuner scores it NaN), keeping where it diverged', () => {
    const oracle = newOracle({ objective: 'val_loss' });
    const [first] = oracle.takeRunnable().runs;
    expect(oracle.report(first!.trialId, divergedAt(first!, 1))).toMatchObject({
      status: 'failed',
      score: null,
      failureReason: 'diverged (non-finite loss at epoch 1, batch 7) before any finite val_loss',
      divergence: { epoch: 1, batch: 7 },
    });
  });

  it('refuses a divergence outside the trial’s own epochs, naming the trial', () => {
    const oracle = newOracle();
    const [first] = oracle.takeRunnable().runs;
    expect(() => oracle.report(first!.trialId, divergedAt(first!, 3))).toThrow('trial 0000 diverged at epoch 3, outside its epochs 1–2');
  });
});

describe('choosing the best trial', () => {
  it('never names a diverged trial best while a trial that did not diverge completed, even with a higher score', () => {
    const oracle = newOracle();
    // Every finite trial scores under the NaN model's accuracy; 0002 diverged.
    runWith(oracle, (run) => (run.trialId === '0002' ? divergedAt(run, 1) : { status: 'completed', epochs: fakeEpochs(run, () => 0.05) }));
    expect(oracle.trial('0002')!.score).toBe(NAN_MODEL);
    const best = oracle.bestTrials();
    expect(best[0]!.divergence).toBeNull();
    expect(best.at(-1)!.divergence).not.toBeNull();
    expect(checkpointsToKeep(oracle.getState()).has(best[0]!.trialId)).toBe(true);
  });

  it('names a diverged trial best only when nothing else completed', () => {
    const oracle = newOracle({ maxConsecutiveFailedTrials: 99 });
    runWith(oracle, (run) => (run.trialId === '0004' ? divergedAt(run, 1) : { status: 'failed', reason: 'boom' }));
    expect(oracle.bestTrials().map((t) => t.trialId)).toEqual(['0004']);
  });

  it('promotes by score alone, as KerasTuner does, diverged or not', () => {
    const oracle = newOracle();
    const runs = runWith(oracle, (run) => (run.trialId === '0002' ? divergedAt(run, 1) : { status: 'completed', epochs: fakeEpochs(run, () => 0.05) }));
    expect(runs.find((r) => r.bracket === 2 && r.round === 1)!.parentId).toBe('0002');
  });
});

describe('stored oracle states from before divergence was recorded', () => {
  it('load with every trial marked as not diverged', () => {
    const oracle = newOracle();
    runSequential(oracle);
    const state = oracle.getState();
    for (const trial of state.trials) delete (trial as { divergence?: unknown }).divergence;
    const restored = HyperbandOracle.fromState(state);
    expect(restored.trials.every((t) => t.divergence === null)).toBe(true);
    expect(restored.bestTrials()[0]!.trialId).toBe(oracle.bestTrials()[0]!.trialId);
  });
});
