import { describe, expect, it } from 'vitest';
import { SearchLoop, type SearchLoopOptions } from '../../../src/search/searchLoop.ts';
import { balanceRuns, nextJobRuns } from '../../../src/search/jobGrouping.ts';
import type { TrialRun } from '../../../src/engine/trial.ts';
import { newOracle, runSequential } from '../engine/oracleHelpers.ts';
import { FakeExecutor } from './fakeExecutor.ts';
import { FaultInjector } from '../../../src/search/faultInjection.ts';

/** Resolves at the first trial start that `matches`; hand `onTrialStart` to the loop's listener. */
function trialStartWatch(matches: (run: TrialRun) => boolean): { started: Promise<void>; onTrialStart: (run: TrialRun) => void } {
  let resolve!: () => void;
  const started = new Promise<void>((r) => (resolve = r));
  return { started, onTrialStart: (run) => matches(run) && resolve() };
}

const OPTIONS: SearchLoopOptions = { batchSize: 32, objective: 'val_accuracy', seed: 7, trainer: 'fit', maxRetries: 2, maxFusedTrials: 12 };

describe('SearchLoop', () => {
  it('runs the whole schedule and decides as KerasTuner run sequentially, with 1 or 3 executors', async () => {
    const expected = runSequential(newOracle());
    for (const count of [1, 3]) {
      const oracle = newOracle();
      const executors = Array.from({ length: count }, (_, i) => new FakeExecutor(`fake-${i}`));
      expect(await new SearchLoop(oracle, executors, OPTIONS).run()).toEqual({ status: 'done', reason: null });
      expect(oracle.trials.map(({ status: _s, score: _c, bestEpoch: _b, failureReason: _f, divergence: _d, ...run }) => run)).toEqual(expected);
    }
  });

  it("starts each promoted trial from its parent's checkpoint, and keeps only what a promotion may need", async () => {
    const oracle = newOracle();
    const executor = new FakeExecutor('fake');
    const kept: number[] = [];
    const loop = new SearchLoop(oracle, [executor], OPTIONS, { onOracleChange: (_o, checkpoints) => void kept.push(checkpoints.size) });
    await loop.run();
    const promoted = executor.jobs.flatMap((j) => j.runs).filter((r) => r.run.parentId);
    expect(promoted).toHaveLength(8);
    for (const { run, parentWeights } of promoted) expect(parentWeights!.data[0]).toBe(Number(run.parentId));
    expect(Math.max(...kept)).toBe(12);
    expect([...loop.checkpoints.keys()]).toEqual([oracle.bestTrials()[0]!.trialId]);
  });

  it('groups a round into fused jobs of balanced work, one per executor', async () => {
    const executors = [new FakeExecutor('a'), new FakeExecutor('b')];
    await new SearchLoop(newOracle(), executors, { ...OPTIONS, trainer: 'fused' }).run();
    const firstJobs = executors.map((e) => e.jobs[0]!.runs.map((r) => r.run.trialId));
    expect(firstJobs.map((ids) => ids.length)).toEqual([6, 6]);
    expect(firstJobs.flat().sort()).toEqual(Array.from({ length: 12 }, (_, i) => String(i).padStart(4, '0')));
  });

  it('retries a trial that throws, then fails it with the error, and the search goes on', async () => {
    const oracle = newOracle();
    const retries: string[] = [];
    const flaky = new FakeExecutor('flaky', (id, attempt) => (id === '0002' && attempt <= 2) || id === '0005');
    const end = await new SearchLoop(oracle, [flaky], OPTIONS, { onTrialRetry: (id, attempt) => retries.push(`${id}#${attempt}`) }).run();
    expect(end).toEqual({ status: 'done', reason: null });
    expect(retries).toEqual(['0002#1', '0002#2', '0005#1', '0005#2']);
    expect(oracle.trial('0002')!.status).toBe('completed');
    expect(oracle.trial('0005')).toMatchObject({ status: 'failed', failureReason: 'boom in 0005' });
    // As in KerasTuner, a round short of one trial promotes one fewer: 3 in round 1, then 1 in round 2.
    expect(oracle.trials).toHaveLength(28);
  });

  it('stops after the current trials, keeping every finished one, and reruns the unfinished ones on resume', async () => {
    const oracle = newOracle();
    let finished = 0;
    const loop = new SearchLoop(oracle, [new FakeExecutor('fake')], OPTIONS, {
      onTrialEnd: () => {
        finished += 1;
        if (finished === 5) loop.stop();
      },
    });
    expect(await loop.run()).toEqual({ status: 'stopped' });
    expect(oracle.trials.filter((t) => t.status === 'completed')).toHaveLength(5);
    const unfinished = oracle.runningTrials().map((r) => r.trialId);
    expect(unfinished.length).toBeGreaterThan(0);
    const resumed = new SearchLoop(oracle, [new FakeExecutor('again')], OPTIONS, {}, loop.checkpoints);
    expect(await resumed.run()).toEqual({ status: 'done', reason: null });
    expect(oracle.trials).toHaveLength(30);
  });
});

describe('balanceRuns', () => {
  const run = (id: number, epochs: number, initialEpoch = 0) => ({ trialId: String(id).padStart(4, '0'), epochs, initialEpoch }) as TrialRun;

  it('splits by remaining epochs, longest first, ids in order inside a group', () => {
    const runs = [run(16, 10, 4), run(17, 10, 4), ...[18, 19, 20, 21, 22, 23].map((id) => run(id, 4))];
    const groups = balanceRuns(runs, 2, 12);
    expect(groups.map((g) => g.map((r) => r.trialId))).toEqual([
      ['0016', '0018', '0020', '0022'],
      ['0017', '0019', '0021', '0023'],
    ]);
  });

  it('respects the largest group size', () => {
    expect(balanceRuns([1, 2, 3, 4, 5].map((id) => run(id, 2)), 1, 3).map((g) => g.length)).toEqual([3]);
  });

  it('gives the next job one run with fit, and with fused the first of as many balanced groups as shares', () => {
    const runs = [1, 2, 3, 4, 5].map((id) => run(id, 2));
    const ids = (group: TrialRun[]) => group.map((r) => r.trialId);
    expect(ids(nextJobRuns(runs, 3, 'fit', 12))).toEqual(['0001']);
    expect(ids(nextJobRuns(runs, 2, 'fused', 12))).toEqual(['0001', '0003', '0005']);
    expect(ids(nextJobRuns(runs, 1, 'fused', 3))).toEqual(['0001', '0002', '0003']);
  });
});

describe('FaultInjector', () => {
  it('makes a trial throw mid-batch: retried twice, then failed with the error, and the search finishes', async () => {
    const oracle = newOracle();
    const faults = new FaultInjector();
    faults.throwInTrial('0003', 3);
    const executor = new FakeExecutor('fake');
    const retries: string[] = [];
    const end = await new SearchLoop(oracle, [faults.wrap(executor)], OPTIONS, { onTrialRetry: (id, attempt, error) => retries.push(`${id}#${attempt}: ${error}`) }).run();
    expect(end).toEqual({ status: 'done', reason: null });
    expect(retries).toEqual(['0003#1: injected fault in trial 0003', '0003#2: injected fault in trial 0003']);
    expect(oracle.trial('0003')).toMatchObject({ status: 'failed', failureReason: 'injected fault in trial 0003' });
    expect(oracle.trials.filter((t) => t.status === 'completed')).toHaveLength(oracle.trials.length - 1);
  });

  it('stalls a trial handed out but untrained until released, then the search finishes', async () => {
    const oracle = newOracle();
    const faults = new FaultInjector();
    faults.stallTrial('0004');
    const executor = new FakeExecutor('fake');
    const ended: string[] = [];
    const stalledStart = trialStartWatch((run) => run.trialId === '0004');
    const loop = new SearchLoop(oracle, [faults.wrap(executor)], OPTIONS, { onTrialStart: stalledStart.onTrialStart, onTrialEnd: (end) => ended.push(end.trialId) });
    const running = loop.run();
    await stalledStart.started;
    // Long enough for a job that was not held to train (a fake trial takes 2 ms).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ended).toEqual(['0000', '0001', '0002', '0003']);
    expect(executor.jobs.flatMap((j) => j.runs.map((r) => r.run.trialId))).not.toContain('0004');
    faults.releaseStalls();
    expect(await running).toEqual({ status: 'done', reason: null });
    expect(oracle.trials.filter((t) => t.status === 'completed')).toHaveLength(30);
  });

  it('stalls every job handed out while armed; released, the search finishes', async () => {
    const oracle = newOracle();
    const faults = new FaultInjector();
    faults.stallEveryJob();
    const executors = [new FakeExecutor('a'), new FakeExecutor('b')];
    let starts = 0;
    const secondStart = trialStartWatch(() => ++starts === 2);
    const loop = new SearchLoop(oracle, executors.map((e) => faults.wrap(e)), OPTIONS, { onTrialStart: secondStart.onTrialStart });
    const running = loop.run();
    await secondStart.started;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(executors.flatMap((e) => e.jobs)).toEqual([]);
    faults.releaseStalls();
    expect(await running).toEqual({ status: 'done', reason: null });
    expect(oracle.trials.filter((t) => t.status === 'completed')).toHaveLength(30);
  });

  it('a stalled job cancelled by Stop never trains, and the search stops', async () => {
    const oracle = newOracle();
    const faults = new FaultInjector();
    faults.stallTrial('0002');
    const executor = new FakeExecutor('fake');
    const stalledStart = trialStartWatch((run) => run.trialId === '0002');
    const loop = new SearchLoop(oracle, [faults.wrap(executor)], OPTIONS, { onTrialStart: stalledStart.onTrialStart });
    const running = loop.run();
    await stalledStart.started;
    loop.stop();
    expect(await running).toEqual({ status: 'stopped' });
    faults.releaseStalls();
    expect(executor.jobs.flatMap((j) => j.runs.map((r) => r.run.trialId))).toEqual(['0000', '0001']);
    expect(oracle.trial('0002')?.status).toBe('running');
  });
});

describe('a fused job that throws', () => {
  it('reruns its trials one by one, so only the trial at fault fails', async () => {
    const oracle = newOracle();
    const faults = new FaultInjector();
    faults.throwInTrial('0001', 3);
    const executor = new FakeExecutor('fake');
    await new SearchLoop(oracle, [faults.wrap(executor)], { ...OPTIONS, trainer: 'fused' }).run();
    expect(oracle.trial('0001')).toMatchObject({ status: 'failed', failureReason: 'injected fault in trial 0001' });
    expect(oracle.trials.filter((t) => t.status === 'failed').map((t) => t.trialId)).toEqual(['0001']);
    const retried = executor.jobs.filter((job) => job.runs.some((r) => r.run.trialId === '0001')).slice(1);
    expect(retried.map((job) => job.runs.map((r) => r.run.trialId))).toEqual([['0001'], ['0001']]);
  });
});
