import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parameterCount, mlpArchitecture } from '../../../src/engine/mlpSpace.ts';
import { dryRunSearch } from '../../../src/engine/dryRun.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { buildRunArchive, parseRunArchive, runArchiveText } from '../../../src/persistence/runArchive.ts';
import type { CheckpointRecord } from '../../../src/persistence/records.ts';
import { RunRepository } from '../../../src/persistence/runRepository.ts';
import type { SearchEvent, StartSearch } from '../../../src/worker/protocol.ts';
import { SearchHost } from '../../../src/worker/searchHost.ts';
import { chooseBackend } from '../../../src/training/backends.ts';
import { nodeMnistSource } from '../../../src/build/nodeSource.ts';
import { runStateFromStored } from '../../../src/store/storedRun.ts';
import { useCpuBackend } from '../training/tfSetup.ts';

beforeAll(useCpuBackend);

const SETTINGS = { ...DEFAULT_SETTINGS, maxEpochs: 3, seed: 4, trainLimit: 320, valLimit: 100, testLimit: 100 };
const PLAN = dryRunSearch(SETTINGS, referenceSearchSpace());

/** The search worker in this process, saving to fake-indexeddb; `onEvent` may act on what it sees. */
function host(onEvent: (event: SearchEvent, host: SearchHost) => void = () => undefined) {
  const events: SearchEvent[] = [];
  const waiters: [SearchEvent['type'], (e: SearchEvent) => void][] = [];
  const searchHost: SearchHost = new SearchHost({
    post: (event) => {
      events.push(structuredClone(event));
      onEvent(event, searchHost);
      waiters.filter(([type]) => type === event.type).forEach(([, resolve]) => resolve(event));
    },
    chooseBackend: () => chooseBackend('cpu', ['cpu']),
    mnistSource: () => nodeMnistSource(),
    openRepository: () => RunRepository.open(),
    hardwareConcurrency: 1,
  });
  const next = (type: SearchEvent['type']) => new Promise<SearchEvent>((resolve) => waiters.push([type, resolve]));
  return { searchHost, events, next };
}

const start = (runId: string): StartSearch => ({ runId, settings: SETTINGS, space: referenceSearchSpace(), trainer: 'fused', retrains: 0, workers: 1 });

/** A search stopped by hand once three trials have completed: the rest of its schedule is still to run. */
async function searchStoppedAfterThreeTrials(runId: string): Promise<void> {
  let ended = 0;
  const first = host((event, h) => {
    if (event.type === 'trialEnd' && event.trial.status === 'completed' && ++ended === 3) void h.handle({ type: 'stop' });
  });
  const done = first.next('searchDone');
  await first.searchHost.handle({ type: 'init', backend: 'cpu', assetBaseUrl: '' });
  await first.searchHost.handle({ type: 'start', search: start(runId) });
  await done;
}

describe('a stored search', () => {
  it('leaves exactly the expected records in IndexedDB, and no tensor behind', async () => {
    const { searchHost, next } = host();
    const ready = next('ready');
    await searchHost.handle({ type: 'init', backend: 'cpu', assetBaseUrl: '' });
    await ready;
    const tensorsBefore = tf.memory().numTensors;
    const done = next('searchDone');
    await searchHost.handle({ type: 'start', search: start('complete-run') });
    await done;
    const readyAgain = next('ready');
    await searchHost.handle({ type: 'setBackend', backend: 'cpu' });
    await readyAgain;
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    const repository = await RunRepository.open();
    const run = (await repository.getRun('complete-run'))!;
    expect(run).toMatchObject({ status: 'done', endReason: null, settings: SETTINGS, trainer: 'fused' });
    expect(run.oracle.trials.map((t) => t.status)).toEqual(Array(PLAN.totalTrials).fill('completed'));
    const trials = await repository.trialsOf('complete-run');
    expect(trials.map((t) => t.trialId)).toEqual(run.oracle.trials.map((t) => t.trialId));
    for (const trial of trials) {
      expect(trial.status).toBe('completed');
      expect(trial.epochs.map((m) => m.epoch)).toEqual(Array.from({ length: trial.run.epochs - trial.run.initialEpoch }, (_, i) => trial.run.initialEpoch + i + 1));
      expect(trial.score).toBe(run.oracle.trials.find((t) => t.trialId === trial.trialId)!.score);
    }
    const checkpoints = await repository.checkpointsOf('complete-run');
    const best = (await repository.listRuns()).find((r) => r.runId === 'complete-run')!.bestTrialId!;
    expect([...checkpoints.keys()]).toEqual([best]);
    const bestTrial = trials.find((t) => t.trialId === best)!;
    expect(checkpoints.get(best)!.data).toHaveLength(parameterCount(mlpArchitecture(bestTrial.run.hyperparameters).units));
  });

  it('resumes after a "reload": finished trials are kept as they were, the rest runs, nothing twice', async () => {
    await searchStoppedAfterThreeTrials('interrupted-run');
    const repository = await RunRepository.open();
    const before = (await repository.trialsOf('interrupted-run')).filter((t) => t.status === 'completed');
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect((await repository.getRun('interrupted-run'))!.status).toBe('stopped');

    const second = host();
    const started = second.next('searchStarted');
    const secondDone = second.next('searchDone');
    await second.searchHost.handle({ type: 'init', backend: 'cpu', assetBaseUrl: '' });
    await second.searchHost.handle({ type: 'resumeRun', runId: 'interrupted-run', workers: 1 });
    expect(((await started) as Extract<SearchEvent, { type: 'searchStarted' }>).resumed).toBe(true);
    await secondDone;
    const rerun = second.events.flatMap((e) => (e.type === 'trialStarted' ? [e.run.trialId] : []));
    expect(rerun.filter((id) => before.some((t) => t.trialId === id))).toEqual([]);

    const after = await repository.trialsOf('interrupted-run');
    expect(after.map((t) => t.trialId)).toEqual(Array.from({ length: PLAN.totalTrials }, (_, i) => String(i).padStart(4, '0')));
    for (const trial of before) {
      const same = after.find((t) => t.trialId === trial.trialId)!;
      expect({ values: same.run.hyperparameters, score: same.score, epochs: same.epochs }).toEqual({ values: trial.run.hyperparameters, score: trial.score, epochs: trial.epochs });
    }
    expect(after.filter((t) => t.run.parentId === null).map((t) => t.run.hyperparameters)).toEqual(PLAN.configurations);
    expect((await repository.getRun('interrupted-run'))!.status).toBe('done');
  });

  it('stores a trial made to diverge (NaN start weights) as completed and diverged, and loads it so', async () => {
    const { searchHost, next } = host();
    const done = next('searchDone');
    await searchHost.handle({ type: 'init', backend: 'cpu', assetBaseUrl: '' });
    await searchHost.handle({ type: 'injectFault', fault: { kind: 'divergeInTrial', trialId: '0001' } });
    await searchHost.handle({ type: 'start', search: start('diverged-run') });
    await done;
    const repository = await RunRepository.open();
    const run = (await repository.getRun('diverged-run'))!;
    // KerasTuner's schedule, every planned trial: the diverged one completed rather than failed.
    expect(run.oracle.trials.map((t) => t.status)).toEqual(Array(PLAN.totalTrials).fill('completed'));
    const divergence = { epoch: 1, batch: 1, nanModelValAccuracy: expect.any(Number) as number };
    expect(run.oracle.trials.find((t) => t.trialId === '0001')).toMatchObject({ divergence, bestEpoch: 1 });
    const trials = await repository.trialsOf('diverged-run');
    expect(trials.find((t) => t.trialId === '0001')).toMatchObject({ status: 'completed', divergence, epochs: [] });
    expect(trials.filter((t) => t.divergence).map((t) => t.trialId)).toEqual(['0001']);
    expect(runStateFromStored(run, trials).trials['0001']!.divergence).toMatchObject(divergence);
    expect((await repository.listRuns()).find((r) => r.runId === 'diverged-run')!.bestTrialId).not.toBe('0001');
  });

  it('resumes an interrupted run imported from its archive with the weights; without them the import is stopped', async () => {
    await searchStoppedAfterThreeTrials('shared-run');
    const repository = await RunRepository.open();
    // Saved mid-search, as a closed tab leaves a run.
    const run = { ...(await repository.getRun('shared-run'))!, status: 'running' as const };
    const trials = await repository.trialsOf('shared-run');
    const archive = (checkpoints: CheckpointRecord[]) => runArchiveText(buildRunArchive({ run, trials, checkpoints }, '1.0.0'));
    const withWeights = archive(await repository.checkpointRecordsOf('shared-run'));
    const withoutWeights = parseRunArchive(archive([]), 'no-weights.json');
    expect(withoutWeights.ok && withoutWeights.value).toMatchObject({ resumable: false, run: { status: 'stopped' } });

    // The browser it goes to has no such run.
    await repository.deleteRun('shared-run');
    const imported = parseRunArchive(withWeights, 'shared.json');
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(imported.value).toMatchObject({ resumable: true, run: { status: 'running' } });
    expect(imported.value.checkpoints.length).toBeGreaterThan(0);
    await repository.importRun(imported.value);
    const before = (await repository.trialsOf('shared-run')).filter((t) => t.status === 'completed');
    expect(before.length).toBeGreaterThanOrEqual(3);

    const second = host();
    const secondDone = second.next('searchDone');
    await second.searchHost.handle({ type: 'init', backend: 'cpu', assetBaseUrl: '' });
    await second.searchHost.handle({ type: 'resumeRun', runId: 'shared-run', workers: 1 });
    await secondDone;
    const rerun = second.events.flatMap((e) => (e.type === 'trialStarted' ? [e.run.trialId] : []));
    expect(rerun.filter((id) => before.some((t) => t.trialId === id))).toEqual([]);
    const after = await repository.trialsOf('shared-run');
    expect(after.map((t) => t.status)).toEqual(Array(PLAN.totalTrials).fill('completed'));
    for (const trial of before) expect(after.find((t) => t.trialId === trial.trialId)!.epochs).toEqual(trial.epochs);
    expect((await repository.getRun('shared-run'))!.status).toBe('done');
  });
});
