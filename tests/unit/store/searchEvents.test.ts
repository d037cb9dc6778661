import { beforeEach, describe, expect, it } from 'vitest';
import { HyperbandOracle } from '../../../src/engine/oracle.ts';
import { oracleConfig } from '../../../src/engine/oracleState.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import type { EpochMetrics } from '../../../src/engine/trial.ts';
import { initialAppState, useAppStore } from '../../../src/store/appStore.ts';
import { initialRunState, runSpaces } from '../../../src/store/runState.ts';
import { applyWorkerEvents, applyWriterEvents } from '../../../src/store/searchEvents.ts';
import type { BackendInfo, SearchEvent } from '../../../src/worker/protocol.ts';

const SETTINGS = { ...DEFAULT_SETTINGS, maxEpochs: 2, factor: 2, iterations: 1 };
const BACKEND: BackendInfo = { backend: 'wasm', skipped: [{ backend: 'webgpu', error: 'this browser does not offer WebGPU' }], speed: null, speedProbe: 'measuring' };

function metrics(epoch: number, valAccuracy: number): EpochMetrics {
  return { epoch, loss: 1 / epoch, accuracy: valAccuracy, valLoss: 1 / epoch, valAccuracy };
}

/** A search's first events, as the worker posts them: started, two trials queued, the first one trained one epoch and finished. */
function firstTrialEvents(runId: string): SearchEvent[] {
  const oracle = new HyperbandOracle(oracleConfig(SETTINGS), referenceSearchSpace(1));
  const { runs } = oracle.takeRunnable();
  const [first] = runs;
  const searchStarted: SearchEvent = { type: 'searchStarted', runId, oracle: oracle.getState(), resumed: false, settings: SETTINGS };
  const finished = oracle.report(first!.trialId, { status: 'completed', epochs: [metrics(1, 0.9)] });
  return [
    searchStarted,
    { type: 'trialsQueued', runs },
    { type: 'trialStarted', run: first!, attempt: 1 },
    { type: 'batchProgress', progress: { trialIds: [first!.trialId], epoch: 1, batchesDone: 3, batchesTotal: 10 } },
    { type: 'epoch', trialId: first!.trialId, metrics: metrics(1, 0.9), durationMs: 40 },
    { type: 'trialEnd', trial: finished, durationMs: 50 },
  ];
}

beforeEach(() => {
  useAppStore.setState(initialAppState(), true);
});

describe('events of this tab’s search worker', () => {
  it('take the backend from ready, with a notice for each backend passed over', () => {
    applyWorkerEvents([{ type: 'ready', info: BACKEND }]);
    const state = useAppStore.getState();
    expect(state.backend).toEqual(BACKEND);
    expect(state.backendStatus).toBe('ready');
    expect(state.notices).toEqual([{ id: 1, level: 'info', message: 'webgpu is not used: this browser does not offer WebGPU' }]);
  });

  it('take the speed probe’s result for the backend in use, and ignore one for a backend since replaced', () => {
    applyWorkerEvents([{ type: 'ready', info: BACKEND }]);
    applyWorkerEvents([{ type: 'speedProbed', backend: 'webgl', speed: null, speedProbe: 'failed' }]);
    expect(useAppStore.getState().backend?.speedProbe).toBe('measuring');
    applyWorkerEvents([{ type: 'speedProbed', backend: 'wasm', speed: null, speedProbe: 'stopped' }]);
    expect(useAppStore.getState().backend).toEqual({ ...BACKEND, speedProbe: 'stopped' });
  });

  it('build the started run: its trials, their epochs, the batches trained and the order trials ended in', () => {
    useAppStore.setState({ run: { ...initialRunState(), status: 'starting', runId: 'run-a', settings: SETTINGS } });
    const events = firstTrialEvents('run-a');
    applyWorkerEvents(events);
    const { run, workerRunId } = useAppStore.getState();
    expect(workerRunId).toBe('run-a');
    expect(run.status).toBe('running');
    expect(Object.keys(run.trials)).toEqual(['0000', '0001']);
    const first = run.trials['0000']!;
    expect(first.status).toBe('completed');
    expect(first.epochs).toEqual([metrics(1, 0.9)]);
    expect(first.score).toBe(0.9);
    expect(first.durationMs).toBe(50);
    expect(run.trials['0001']!.status).toBe('pending');
    expect(run.endOrder).toEqual(['0000']);
    expect(run.samples.at(-1)?.count).toBe(3 * SETTINGS.batchSize);
  });

  it('take a space update as the run’s newest space, and a failed trial’s end with its reason', () => {
    useAppStore.setState({ run: { ...initialRunState(), status: 'starting', runId: 'run-a', settings: SETTINGS } });
    const events = firstTrialEvents('run-a');
    applyWorkerEvents(events.slice(0, 3));
    const updated = referenceSearchSpace(2);
    const oracle = HyperbandOracle.fromState(useAppStore.getState().run.oracle!);
    const failed = oracle.report('0000', { status: 'failed', reason: 'out of memory' });
    applyWorkerEvents([{ type: 'spaceUpdated', version: 1, space: updated }, { type: 'trialEnd', trial: failed, durationMs: 7 }]);
    const { run } = useAppStore.getState();
    expect(runSpaces(run)).toEqual([referenceSearchSpace(1), updated]);
    expect(run.trials['0000']).toMatchObject({ status: 'failed', failureReason: 'out of memory', durationMs: 7 });
    expect(run.endOrder).toEqual(['0000']);
  });

  it('turn a failed start back to idle, say why, and mark a backend that never initialised as failed', () => {
    useAppStore.setState({ run: { ...initialRunState(), status: 'starting', runId: 'run-a' } });
    applyWorkerEvents([{ type: 'error', message: 'no TensorFlow.js backend works here' }]);
    const state = useAppStore.getState();
    expect(state.run.status).toBe('idle');
    expect(state.backendStatus).toBe('error');
    expect(state.notices.map((n) => [n.level, n.message])).toEqual([['error', 'no TensorFlow.js backend works here']]);
  });

  it('leave a stored run the user opened alone, while notices about the worker still come', () => {
    const events = firstTrialEvents('run-a');
    applyWorkerEvents(events.slice(0, 2));
    const opened = { ...initialRunState(), status: 'done' as const, runId: 'run-b', settings: SETTINGS };
    useAppStore.setState({ run: opened });
    applyWorkerEvents([...events.slice(2), { type: 'trialRetry', trialId: '0001', attempt: 1, error: 'out of memory' }]);
    const state = useAppStore.getState();
    expect(state.run).toBe(opened);
    expect(state.workerRunId).toBe('run-a');
    expect(state.notices.map((n) => n.message)).toEqual(['Trial 0001 threw (attempt 1); retrying: out of memory']);
  });

  it('keep the latest five notices, each with an id no other shown notice has', () => {
    applyWorkerEvents(Array.from({ length: 7 }, (_, i) => ({ type: 'notice', level: 'info', message: `note ${i}` }) as const));
    const { notices } = useAppStore.getState();
    expect(notices.map((n) => n.message)).toEqual(['note 2', 'note 3', 'note 4', 'note 5', 'note 6']);
    expect(new Set(notices.map((n) => n.id)).size).toBe(5);
  });
});

describe('events of the writer tab, in a read-only tab', () => {
  it('follow a search the writer has just started from its events alone', async () => {
    useAppStore.setState({ access: 'readOnly' });
    await applyWriterEvents('run-w', firstTrialEvents('run-w'));
    const { run, workerRunId, notices } = useAppStore.getState();
    expect(run.runId).toBe('run-w');
    expect(run.status).toBe('running');
    expect(run.trials['0000']!.epochs).toEqual([metrics(1, 0.9)]);
    expect(run.endOrder).toEqual(['0000']);
    expect(workerRunId).toBeNull();
    expect(notices).toEqual([]);
  });
});
