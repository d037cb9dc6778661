import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RunRecorder } from '../../../src/persistence/runRecorder.ts';
import { RunRepository } from '../../../src/persistence/runRepository.ts';
import type { RunRecord } from '../../../src/persistence/records.ts';
import { DEFAULT_SETTINGS } from '../../../src/engine/referenceDefaults.ts';
import { newOracle } from '../engine/oracleHelpers.ts';

function record(runId: string): RunRecord {
  const now = new Date().toISOString();
  return { runId, name: runId, createdAt: now, updatedAt: now, status: 'running', settings: DEFAULT_SETTINGS, trainer: 'fused', retrains: 1, backend: 'cpu', oracle: newOracle().getState(), testEvaluation: null, endReason: null };
}

describe('RunRecorder', () => {
  it('reports a full disk, keeps what was written, and writes again once there is room', async () => {
    const repository = await RunRepository.open();
    const oracle = newOracle();
    const problems: [string, boolean][] = [];
    const recorder = new RunRecorder(repository, record('quota'), new Map(), new Set(), (message, full) => problems.push([message, full]));
    const [run] = oracle.takeRunnable().runs;
    recorder.trialsQueued([run!]);
    recorder.trialStarted(run!, 1);
    await recorder.oracleChanged(oracle, new Map());
    const metrics = (epoch: number) => ({ epoch, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 });
    recorder.epoch(run!.trialId, metrics(1));
    await recorder.flushed();

    repository.storageFault.fill(null);
    recorder.epoch(run!.trialId, metrics(2));
    await recorder.flushed();
    expect(problems).toEqual([['browser storage is full: delete old runs to continue', true]]);
    expect((await repository.trialsOf('quota'))[0]!.epochs.map((m) => m.epoch)).toEqual([1]);

    repository.storageFault.free();
    recorder.epoch(run!.trialId, metrics(3));
    await recorder.flushed();
    expect((await repository.trialsOf('quota'))[0]!.epochs.map((m) => m.epoch)).toEqual([1, 2, 3]);
  });

  it('lists, renames and deletes runs with their trials and checkpoints', async () => {
    const repository = await RunRepository.open();
    const recorder = new RunRecorder(repository, record('doomed'), new Map(), new Set(), () => undefined);
    const oracle = newOracle();
    const [run] = oracle.takeRunnable().runs;
    recorder.trialsQueued([run!]);
    await recorder.oracleChanged(oracle, new Map([[run!.trialId, { units: [1], epoch: 1, data: new Float32Array([1, 2]) }]]));
    await repository.renameRun('doomed', 'my favourite');
    expect((await repository.listRuns()).find((r) => r.runId === 'doomed')).toMatchObject({ name: 'my favourite', trialsPlanned: 30, trialsEnded: 0 });
    expect((await repository.checkpointsOf('doomed')).size).toBe(1);
    await repository.deleteRun('doomed');
    expect(await repository.getRun('doomed')).toBeUndefined();
    expect(await repository.trialsOf('doomed')).toEqual([]);
    expect((await repository.checkpointsOf('doomed')).size).toBe(0);
  });
});

describe('RunRecorder and the page', () => {
  it('never undoes a rename made while the run trains', async () => {
    const repository = await RunRepository.open();
    const oracle = newOracle();
    const recorder = new RunRecorder(repository, record('renamed-live'), new Map(), new Set(), () => undefined);
    await recorder.oracleChanged(oracle, new Map());
    await repository.renameRun('renamed-live', 'my live run');
    await recorder.oracleChanged(oracle, new Map());
    await recorder.finish('done', null, oracle);
    expect((await repository.getRun('renamed-live'))!.name).toBe('my live run');
  });
});
