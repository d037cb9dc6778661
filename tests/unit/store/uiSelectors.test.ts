import { describe, expect, it } from 'vitest';
import { shallow } from 'zustand/shallow';
import { HyperbandOracle } from '../../../src/engine/oracle.ts';
import { oracleConfig } from '../../../src/engine/oracleState.ts';
import { referenceSearchSpace, DEFAULT_SETTINGS } from '../../../src/engine/referenceDefaults.ts';
import type { SearchSpace } from '../../../src/engine/searchSpace.ts';
import type { TrialRun } from '../../../src/engine/trial.ts';
import { initialAppState } from '../../../src/store/appStore.ts';
import { applySearchEvent, initialRunState, runResults, type RunState } from '../../../src/store/runState.ts';
import { selectBackendLock, selectStartBlocker } from '../../../src/store/selectors/runActivity.ts';
import { plannedTrialCount } from '../../../src/store/selectors/schedulePreview.ts';
import { selectDraftDiffersFromRunningSpace } from '../../../src/store/selectors/spaceChanges.ts';
import { draftFromSpace } from '../../../src/store/spaceDraft.ts';

const space = referenceSearchSpace(1);
const oracleOf = (searchSpace: SearchSpace) => new HyperbandOracle(oracleConfig(DEFAULT_SETTINGS), searchSpace).getState();

function trialRun(id: string): TrialRun {
  return { trialId: id, hyperparameters: { units_0: 50, dropout_0: 0.1, learning_rate: 0.001 }, iteration: 0, bracket: 0, round: 0, initialEpoch: 0, epochs: 2, parentId: null, spaceVersion: 0 };
}

function runningSearch(): RunState {
  let run: RunState = { ...initialRunState(), runId: 'r', settings: DEFAULT_SETTINGS, status: 'running', oracle: oracleOf(space), startedAtMs: 0 };
  run = applySearchEvent(run, { type: 'trialsQueued', runs: [trialRun('0000'), trialRun('0001')] }, 0, 32);
  return applySearchEvent(run, { type: 'trialStarted', run: trialRun('0000'), attempt: 1 }, 0, 32);
}

const batch = (run: RunState, batchesDone: number) =>
  applySearchEvent(run, { type: 'batchProgress', progress: { trialIds: ['0000'], epoch: 1, batchesDone, batchesTotal: 10 } }, batchesDone, 32);

describe('runResults', () => {
  it('stays the same while only batch progress changes', () => {
    const running = runningSearch();
    const first = runResults(batch(running, 1));
    const second = runResults(batch(batch(running, 1), 2));
    expect(shallow(second, first)).toBe(true);
    expect(batch(batch(running, 1), 2).batchProgress['0000']).toEqual({ epoch: 1, batchesDone: 2, batchesTotal: 10 });
  });

  it('changes when an epoch ends, keeping the trials that did not change', () => {
    const running = batch(runningSearch(), 3);
    const before = runResults(running);
    const metrics = { epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 };
    const after = runResults(applySearchEvent(running, { type: 'epoch', trialId: '0000', metrics, durationMs: 5 }, 4, 32));
    expect(shallow(after, before)).toBe(false);
    expect(after.trials['0000']!.epochs).toEqual([metrics]);
    expect(after.trials['0001']).toBe(before.trials['0001']);
  });
});

describe('selectStartBlocker and selectBackendLock', () => {
  it('says why Start is disabled', () => {
    const state = initialAppState();
    expect(selectStartBlocker(state)).toBe('The backend is initialising.');
    const ready = { ...state, backendStatus: 'ready' as const };
    expect(selectStartBlocker(ready)).toBeNull();
    expect(selectStartBlocker({ ...ready, settingsDraft: { ...ready.settingsDraft, maxEpochs: 'x' } })).toBe('1 field needs fixing first.');
    expect(selectStartBlocker({ ...ready, run: runningSearch() })).toBe('A search is running.');
    const retraining = { ...initialRunState(), status: 'done' as const, retrain: { status: 'running' as const, retrain: 1, retrains: 1, epoch: 1, epochs: 2, fraction: 0.1, evaluation: null } };
    expect(selectStartBlocker({ ...ready, run: retraining })).toBe('The best model is being retrained.');
    expect(selectBackendLock({ run: retraining })).not.toBeNull();
    expect(selectBackendLock({ run: initialRunState() })).toBeNull();
  });
});

describe('selectDraftDiffersFromRunningSpace', () => {
  it('compares the edited space with the one the running search samples from', () => {
    const base = { ...initialAppState(), run: runningSearch(), spaceDraft: draftFromSpace(space) };
    expect(selectDraftDiffersFromRunningSpace(base)).toBe(false);
    const layer = base.spaceDraft.layers[0]!;
    const edited = { ...base, spaceDraft: { ...base.spaceDraft, layers: [{ ...layer, units: { kind: 'range' as const, min: '60', max: '80', step: '1' } }] } };
    expect(selectDraftDiffersFromRunningSpace(edited)).toBe(true);
    expect(selectDraftDiffersFromRunningSpace({ ...edited, run: { ...edited.run, status: 'done' } })).toBe(false);
  });
});

describe('plannedTrialCount', () => {
  it("counts the schedule's trials over every iteration, and none for a run without settings", () => {
    expect(plannedTrialCount(DEFAULT_SETTINGS)).toBe(30);
    expect(plannedTrialCount({ ...DEFAULT_SETTINGS, iterations: 2 })).toBe(60);
    expect(plannedTrialCount(null)).toBe(0);
  });
});
