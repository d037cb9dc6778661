import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { checkpointsToKeep } from '../../../src/engine/checkpointPolicy.ts';
import { DEFAULT_SETTINGS } from '../../../src/engine/referenceDefaults.ts';
import type { RunRecord } from '../../../src/persistence/records.ts';
import { RunRecorder } from '../../../src/persistence/runRecorder.ts';
import { RunRepository } from '../../../src/persistence/runRepository.ts';
import { SearchLoop } from '../../../src/search/searchLoop.ts';
import { newOracle } from '../engine/oracleHelpers.ts';
import { FakeExecutor } from '../search/fakeExecutor.ts';

function record(runId: string, oracle: ReturnType<typeof newOracle>): RunRecord {
  const now = new Date().toISOString();
  return { runId, name: runId, createdAt: now, updatedAt: now, status: 'running', settings: DEFAULT_SETTINGS, trainer: 'fit', retrains: 0, backend: 'cpu', oracle: oracle.getState(), testEvaluation: null, endReason: null };
}

/** What the database must satisfy after every commit: resumable, with every ended trial complete. */
async function storedProblems(repository: RunRepository, runId: string): Promise<string[]> {
  const run = await repository.getRun(runId);
  if (!run) return [];
  const problems: string[] = [];
  const checkpoints = await repository.checkpointsOf(runId);
  for (const id of checkpointsToKeep(run.oracle)) if (!checkpoints.has(id)) problems.push(`checkpoint ${id} missing`);
  const trials = new Map((await repository.trialsOf(runId)).map((t) => [t.trialId, t]));
  for (const trial of run.oracle.trials.filter((t) => t.status === 'completed')) {
    const stored = trials.get(trial.trialId);
    if (stored?.status !== 'completed') problems.push(`trial ${trial.trialId} stored as ${stored?.status ?? 'nothing'}`);
    else if (stored.epochs.length !== trial.epochs - trial.initialEpoch) problems.push(`trial ${trial.trialId} stored with ${stored.epochs.length} epochs`);
  }
  return problems;
}

/**
 * A whole search (30 trials, fake training) recorded as the search worker records it, while the disk
 * fills up when trial 0001 ends (round 0 of the first bracket: its checkpoint is needed for the
 * promotions) and stays full for `failedWrites` writes.
 */
async function searchWithFullDisk(runId: string, failedWrites: number) {
  const repository = await RunRepository.open();
  const oracle = newOracle();
  const failures: [string, boolean][] = [];
  const recorder = new RunRecorder(repository, record(runId, oracle), new Map(), new Set(), (message, storageFull) => {
    failures.push([message, storageFull]);
    if (failures.length === failedWrites) repository.storageFault.free();
  });
  repository.storageFault.fill('0001');
  const problems: string[] = [];
  const loop = new SearchLoop(oracle, [new FakeExecutor('fake')], { batchSize: 32, objective: 'val_accuracy', seed: 7, trainer: 'fit', maxRetries: 2, maxFusedTrials: 12 }, {
    onTrialsQueued: (runs) => recorder.trialsQueued(runs),
    onTrialStart: (run, attempt) => recorder.trialStarted(run, attempt),
    onEpoch: (trialId, metrics) => recorder.epoch(trialId, metrics),
    onTrialEnd: (trial, durationMs) => recorder.trialEnd(trial, durationMs),
    onOracleChange: async (o, checkpoints) => {
      await recorder.oracleChanged(o, checkpoints);
      problems.push(...(await storedProblems(repository, runId)));
    },
  });
  const end = await loop.run();
  await recorder.finish('done', null, oracle);
  return { repository, oracle, loop, failures, problems, end };
}

describe('a write that fails (a full disk)', () => {
  it.each([1, 4])('loses nothing: after %i failed writes the next carries all they held', async (failedWrites: number) => {
    const runId = `full-disk-${failedWrites}`;
    const { repository, oracle, loop, failures, problems, end } = await searchWithFullDisk(runId, failedWrites);
    expect(end.status).toBe('done');
    expect(failures).toEqual(Array(failedWrites).fill(['browser storage is full: delete old runs to continue', true]));
    expect(problems).toEqual([]);
    const run = (await repository.getRun(runId))!;
    expect(run.status).toBe('done');
    expect(run.oracle).toEqual(oracle.getState());
    const trials = await repository.trialsOf(runId);
    expect(trials.map((t) => [t.trialId, t.status])).toEqual(oracle.trials.map((t) => [t.trialId, 'completed']));
    for (const trial of trials) expect(trial.epochs).toHaveLength(trial.run.epochs - trial.run.initialEpoch);
    expect([...(await repository.checkpointsOf(runId)).keys()]).toEqual([...loop.checkpoints.keys()]);
  });

  it('is written by a retry once space is freed, with no other change to carry it', async () => {
    const repository = await RunRepository.open();
    const oracle = newOracle();
    const failures: boolean[] = [];
    const recorder = new RunRecorder(repository, record('retried', oracle), new Map(), new Set(), (_message, full) => failures.push(full));
    const [run] = oracle.takeRunnable().runs;
    repository.storageFault.fill(null);
    recorder.trialsQueued([run!]);
    await recorder.oracleChanged(oracle, new Map([[run!.trialId, { units: [1], epoch: 1, data: new Float32Array([5]) }]]));
    expect(failures).toEqual([true]);
    expect(await repository.getRun('retried')).toBeUndefined();

    await recorder.retryUnwritten();
    expect(failures).toEqual([true, true]);
    repository.storageFault.free();
    await recorder.retryUnwritten();
    expect(failures).toEqual([true, true]);
    expect((await repository.getRun('retried'))!.oracle).toEqual(oracle.getState());
    expect((await repository.trialsOf('retried')).map((t) => t.trialId)).toEqual([run!.trialId]);
    expect([...(await repository.checkpointsOf('retried')).keys()]).toEqual([run!.trialId]);
  });
});
