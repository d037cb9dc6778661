import { describe, expect, it } from 'vitest';
import { parameterCount } from '../../../src/engine/mlpSpace.ts';
import type { SpeedProfile } from '../../../src/search/estimate.ts';
import { initialAppState } from '../../../src/store/appStore.ts';
import { initialRunState } from '../../../src/store/runState.ts';
import { draftEstimate } from '../../../src/store/selectors/draftEstimate.ts';
import { estimateOutcome } from '../../../src/store/selectors/estimateOutcome.ts';

const speed: SpeedProfile = {
  probeParameters: parameterCount([68, 78, 59, 18]),
  fitMsPerStep: 4,
  fused: [{ trials: 1, msPerStep: 1.5, evalMsPerThousand: 2 }, { trials: 4, msPerStep: 4.5, evalMsPerThousand: 5 }],
  workers: 2,
  concurrentSlowdown: 1.7,
};

describe('draftEstimate', () => {
  it('waits for the probe, then follows the backend: auto is fused on WASM and fit on CPU', () => {
    const state = initialAppState();
    expect(draftEstimate(state).kind).toBe('measuring');
    expect(draftEstimate({ ...state, backendStatus: 'ready', backend: { backend: 'wasm', skipped: [], speed: null, speedProbe: 'measuring' } }).kind).toBe('measuring');
    const wasm = draftEstimate({ ...state, backendStatus: 'ready', backend: { backend: 'wasm', skipped: [], speed, speedProbe: 'measured' } });
    const cpu = draftEstimate({ ...state, backendStatus: 'ready', backend: { backend: 'cpu', skipped: [], speed: { ...speed, fitMsPerStep: 20 }, speedProbe: 'measured' } });
    if (wasm.kind !== 'ready' || cpu.kind !== 'ready') throw new Error('no estimate');
    expect([wasm.estimate.trainer, wasm.estimate.workers]).toEqual(['fused', 2]);
    expect(cpu.estimate.trainer).toBe('fit');
    expect(cpu.estimate.totalMs).toBeGreaterThan(wasm.estimate.totalMs);
  });

  it('says so when the probe failed, a search stopped it, or the form is invalid', () => {
    const state = { ...initialAppState(), backendStatus: 'ready' as const, backend: { backend: 'wasm' as const, skipped: [], speed: null, speedProbe: 'failed' as const } };
    expect(draftEstimate(state).kind).toBe('unmeasured');
    expect(draftEstimate({ ...state, backend: { ...state.backend, speedProbe: 'stopped' } }).kind).toBe('probeStopped');
    expect(draftEstimate({ ...state, settingsDraft: { ...state.settingsDraft, maxEpochs: 'ten' } }).kind).toBe('invalid');
  });
});

describe('estimateOutcome', () => {
  const done = { ...initialRunState(), status: 'done' as const, startedAtMs: 1_000, endedAtMs: 91_000, retrainEndedAtMs: 121_000 };

  it('compares the estimate with the time to the test result when the search retrains', () => {
    expect(estimateOutcome({ ...done, estimate: { totalMs: 90_000, includesRetrains: true } })).toEqual({ estimatedMs: 90_000, tookMs: 120_000, errorPercent: -25 });
  });

  it('ends at the search when it does not retrain, and waits for the retrain when it does', () => {
    expect(estimateOutcome({ ...done, estimate: { totalMs: 99_000, includesRetrains: false } })?.errorPercent).toBeCloseTo(10, 12);
    expect(estimateOutcome({ ...done, retrainEndedAtMs: null, estimate: { totalMs: 1, includesRetrains: true } })).toBeNull();
  });

  it('has nothing to compare for a stopped or resumed search', () => {
    expect(estimateOutcome({ ...done, status: 'stopped', estimate: { totalMs: 1, includesRetrains: false } })).toBeNull();
    expect(estimateOutcome({ ...done, estimate: null })).toBeNull();
  });
});
