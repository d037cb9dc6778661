import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelEvaluation } from '../../../src/engine/modelEvaluation.ts';
import { initialAppState, useAppStore } from '../../../src/store/appStore.ts';
import { chooseModel, selectModelSource, toggleConfusionCell } from '../../../src/store/modelActions.ts';
import { applyWorkerEvents } from '../../../src/store/searchEvents.ts';
import { selectShownMistakes } from '../../../src/store/selectors/modelMistakes.ts';

const pixels = new Uint8Array(784);
const EVALUATION: ModelEvaluation = {
  modelName: 'Retrained best model', testImages: 4, correct: 1, matrix: [],
  misclassified: [
    { index: 3, label: 7, predicted: 1, confidence: 0.9, pixels },
    { index: 1, label: 9, predicted: 4, confidence: 0.8, pixels },
    { index: 2, label: 7, predicted: 1, confidence: 0.6, pixels },
  ],
};

describe('the page\'s view of the trained model', () => {
  beforeEach(() => useAppStore.setState(initialAppState()));

  it('filters the gallery to a clicked cell, and back to every mistake on a second click', () => {
    useAppStore.setState((s) => ({ model: { ...s.model, evaluation: EVALUATION } }));
    toggleConfusionCell({ label: 7, predicted: 1 });
    expect(selectShownMistakes(useAppStore.getState().model).map((m) => m.index)).toEqual([3, 2]);
    toggleConfusionCell({ label: 9, predicted: 4 });
    expect(selectShownMistakes(useAppStore.getState().model).map((m) => m.index)).toEqual([1]);
    toggleConfusionCell({ label: 9, predicted: 4 });
    expect(selectShownMistakes(useAppStore.getState().model)).toHaveLength(3);
  });

  it('takes the evaluation and a drawing\'s answer from the worker, and drops them when a retrain replaces the model', () => {
    applyWorkerEvents([{ type: 'modelEvaluation', evaluation: EVALUATION }, { type: 'digitPrediction', probabilities: [0.1, 0.9, 0, 0, 0, 0, 0, 0, 0, 0] }]);
    expect(useAppStore.getState().model.evaluation).toEqual(EVALUATION);
    expect(useAppStore.getState().model.probabilities?.[1]).toBe(0.9);
    applyWorkerEvents([{ type: 'retrainDone', evaluation: { accuracy: 0.5, loss: 1, epochs: 2, runs: [{ accuracy: 0.5, loss: 1 }] } }]);
    expect(useAppStore.getState().model.evaluation).toBeNull();
    expect(useAppStore.getState().model.probabilities).toBeNull();
  });

  it('has no model to ask for before the retrain, nor for a trial whose weights are not kept', () => {
    expect(selectModelSource(useAppStore.getState())).toBeNull();
    chooseModel({ kind: 'trial', trialId: '0003' });
    expect(selectModelSource(useAppStore.getState())).toBeNull();
  });
});
