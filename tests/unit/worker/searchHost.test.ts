import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { dryRunSearch } from '../../../src/engine/dryRun.ts';
import type { SearchEvent, StartSearch } from '../../../src/worker/protocol.ts';
import { useCpuBackend } from '../training/tfSetup.ts';
import { inProcessSearchHost, inProcessTrainerChannel } from './inProcessWorkers.ts';

beforeAll(useCpuBackend);

const SETTINGS = { ...DEFAULT_SETTINGS, maxEpochs: 3, seed: 9, trainLimit: 320, valLimit: 100, testLimit: 100 };
const start = (overrides: Partial<StartSearch> = {}): StartSearch => ({
  runId: 'run-1', settings: SETTINGS, space: referenceSearchSpace(), trainer: 'fused', retrains: 1, workers: 2, ...overrides,
});
const ended = (events: SearchEvent[]) =>
  events.flatMap((e) => (e.type === 'trialEnd' ? [e.trial] : [])).sort((a, b) => a.trialId.localeCompare(b.trialId));

describe('the search worker host', () => {
  it("answers init with the backend, then its measured speed, then runs a whole search on a pool of two: the probe's worker, kept started for the next search", async () => {
    const created: string[] = [];
    const posted: string[] = [];
    const { host, events, next } = inProcessSearchHost((name) => {
      created.push(name);
      const channel = inProcessTrainerChannel();
      return { ...channel, post: (request, transfer) => (posted.push(request.type), channel.post(request, transfer)) };
    });
    await host.handle({ type: 'init', backend: 'auto', assetBaseUrl: 'unused' });
    const ready = (await next('ready')) as Extract<SearchEvent, { type: 'ready' }>;
    expect(ready.info).toMatchObject({ backend: 'cpu', speed: null, speedProbe: 'measuring' });
    const probed = (await next('speedProbed')) as Extract<SearchEvent, { type: 'speedProbed' }>;
    expect(probed).toMatchObject({ backend: 'cpu', speedProbe: 'measured' });
    expect(probed.speed?.fitMsPerStep).toBeGreaterThan(0);
    expect(probed.speed?.workers).toBe(2);
    expect(probed.speed?.concurrentSlowdown).toBeGreaterThanOrEqual(1);
    await host.handle({ type: 'start', search: start() });
    const done = (await next('retrainDone')) as Extract<SearchEvent, { type: 'retrainDone' }>;
    const plan = dryRunSearch(SETTINGS, referenceSearchSpace());
    const trials = ended(events);
    expect(trials.map((t) => t.trialId)).toEqual(Array.from({ length: plan.totalTrials }, (_, i) => String(i).padStart(4, '0')));
    expect(trials.filter((t) => t.parentId === null).map((t) => t.hyperparameters)).toEqual(plan.configurations);
    expect(events.find((e) => e.type === 'notice' && e.message === 'Training on 2 workers (cpu)')).toBeDefined();
    expect(done.evaluation.runs).toHaveLength(1);
    expect(events.find((e) => e.type === 'searchDone')).toMatchObject({ end: { status: 'done', reason: null } });

    await host.handle({ type: 'start', search: start({ runId: 'run-2', retrains: 0 }) });
    await vi.waitUntil(() => events.filter((e) => e.type === 'searchDone').length === 2, { timeout: 60_000, interval: 20 });
    expect(created).toEqual(['speed-probe-1']);
    expect(posted.filter((type) => type === 'init' || type === 'releaseData')).toEqual(['init', 'releaseData', 'init', 'releaseData']);
    expect(events.filter((e) => e.type === 'notice' && e.message === 'Training on 2 workers (cpu)')).toHaveLength(2);
  });

  it('stops the speed probe when a search starts before it ends: the search never shares the CPU with it', async () => {
    const { host, events, next } = inProcessSearchHost();
    await host.handle({ type: 'init', backend: 'auto', assetBaseUrl: 'unused' });
    await next('ready');
    await host.handle({ type: 'start', search: start({ retrains: 0, workers: 1 }) });
    await next('searchDone');
    const order = events.map((e) => e.type).filter((type) => type === 'speedProbed' || type === 'searchStarted');
    expect(order).toEqual(['speedProbed', 'searchStarted']);
    expect(events.find((e) => e.type === 'speedProbed')).toMatchObject({ backend: 'cpu', speed: null, speedProbe: 'stopped' });
  });

  it('reruns the trials of a pool member that crashed, on the workers left', async () => {
    // Whichever worker becomes trainer-1 (a new one, or the speed probe's kept warm) crashes at its first job.
    const { host, events, next } = inProcessSearchHost(() => inProcessTrainerChannel({ crashOnJob: 1 }));
    await host.handle({ type: 'init', backend: 'auto', assetBaseUrl: 'unused' });
    await host.handle({ type: 'start', search: start({ retrains: 0 }) });
    await next('searchDone');
    const retries = events.filter((e) => e.type === 'trialRetry');
    expect(retries.length).toBeGreaterThan(0);
    expect(retries[0]).toMatchObject({ attempt: 1, error: 'trainer-1 stopped: simulated crash' });
    expect(ended(events).every((t) => t.status === 'completed')).toBe(true);
    expect(ended(events)).toHaveLength(dryRunSearch(SETTINGS, referenceSearchSpace()).totalTrials);
  });

  it('refuses a space change that alters the layers while running, and says why', async () => {
    const { host, events, next } = inProcessSearchHost();
    await host.handle({ type: 'init', backend: 'auto', assetBaseUrl: 'unused' });
    await host.handle({ type: 'start', search: start({ retrains: 0, workers: 1 }) });
    await next('searchStarted');
    await host.handle({ type: 'updateSpace', space: referenceSearchSpace(3) });
    const changed = structuredClone(referenceSearchSpace());
    changed.hyperparameters[0] = { name: 'units_0', type: 'int', min: 50, max: 60, step: 1 };
    await host.handle({ type: 'updateSpace', space: changed });
    await next('searchDone');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ message: 'space not updated: layers: the hyperparameters and the layer count are fixed while a search runs' });
    expect(events.find((e) => e.type === 'spaceUpdated')).toMatchObject({ version: 1 });
  });
});
