import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { predictedClasses } from '../../../src/engine/modelEvaluation.ts';
import type { SearchEvent } from '../../../src/worker/protocol.ts';
import { loadSmallMnist, useCpuBackend } from '../training/tfSetup.ts';
import { inProcessSearchHost } from './inProcessWorkers.ts';

const SETTINGS = { ...DEFAULT_SETTINGS, maxEpochs: 2, seed: 4, trainLimit: 320, valLimit: 100, testLimit: 100 };

type Event<T extends SearchEvent['type']> = Extract<SearchEvent, { type: T }>;

describe('the worker\'s trained model', () => {
  const { host, events, next } = inProcessSearchHost();
  let retrained: Event<'retrainDone'>;

  beforeAll(async () => {
    await useCpuBackend();
    await host.handle({ type: 'init', backend: 'cpu', assetBaseUrl: 'unused' });
    await next('ready');
  });

  it('is refused, with the reason, before a search has retrained a best model', async () => {
    await host.handle({ type: 'exportModel', source: { kind: 'best' }, format: 'keras' });
    expect(events.find((e) => e.type === 'error')).toMatchObject({ message: 'there is no retrained best model in this tab: run a search to its end with Retrains of 1 or more' });
  });

  it('is the model the retrain tested: its confusion matrix counts the test split and its diagonal gives the test accuracy', async () => {
    await host.handle({ type: 'start', search: { runId: 'run-model', settings: SETTINGS, space: referenceSearchSpace(), trainer: 'fused', retrains: 1, workers: 1 } });
    retrained = (await next('retrainDone')) as Event<'retrainDone'>;
    await host.handle({ type: 'evaluateModel', source: { kind: 'best' } });
    const { evaluation } = (await next('modelEvaluation')) as Event<'modelEvaluation'>;
    expect(evaluation.matrix.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect(evaluation.testImages).toBe(100);
    expect(evaluation.correct / evaluation.testImages).toBeCloseTo(retrained.evaluation.accuracy, 6);
    expect(evaluation.misclassified).toHaveLength(100 - evaluation.correct);
    expect(evaluation.misclassified.every((m) => m.label !== m.predicted && m.pixels.length === 784)).toBe(true);
  });

  it('answers a drawing with ten probabilities, the arg-max being the class the evaluation gave that image', async () => {
    const { test } = await loadSmallMnist(320, 100, 100);
    const { evaluation } = (await next('modelEvaluation')) as Event<'modelEvaluation'>;
    const mistake = evaluation.misclassified[0];
    expect(mistake, 'a model trained on 320 digits for 2 epochs gets some of 100 wrong').toBeDefined();
    const index = mistake!.index;
    await host.handle({ type: 'predictDigit', source: { kind: 'best' }, pixels: test.images.slice(index * 784, (index + 1) * 784) });
    const { probabilities } = (await next('digitPrediction')) as Event<'digitPrediction'>;
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(predictedClasses(probabilities).predicted[0]).toBe(mistake!.predicted);
  });

  it('writes the .keras file of the retrained configuration', async () => {
    await host.handle({ type: 'exportModel', source: { kind: 'best' }, format: 'keras' });
    const file = (await next('modelFile')) as Event<'modelFile'>;
    expect(file.fileName).toBe('rung-best-model-run-model.keras');
    const config = JSON.parse(strFromU8(unzipSync(file.bytes)['config.json']!)) as { config: { layers: { class_name: string; config: { units?: number } }[] } };
    const trial = events.flatMap((e) => (e.type === 'trialEnd' ? [e.trial] : [])).filter((t) => t.score !== null)
      .sort((a, b) => b.score! - a.score!)[0]!;
    const units = Object.keys(trial.hyperparameters).filter((k) => k.startsWith('units_')).map((k) => trial.hyperparameters[k]);
    expect(config.config.layers.filter((l) => l.class_name === 'Dense').map((l) => l.config.units)).toEqual([...units, 10]);
  });

  it('says a kept trial cannot be read where the browser has no storage', async () => {
    const before = events.filter((e) => e.type === 'error').length;
    await host.handle({ type: 'exportModel', source: { kind: 'trial', runId: 'run-model', trialId: '0000', hyperparameters: {} }, format: 'tfjs' });
    expect(events.filter((e) => e.type === 'error').slice(before)).toEqual([{ type: 'error', message: 'browser storage is not available: no trial weights are kept' }]);
  });
});
