import { describe, expect, it } from 'vitest';
import { BEST_CONFIG_FORMAT, buildBestConfig, parseBestConfig } from '../../../src/engine/bestConfig.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { newOracle, runSequential } from './oracleHelpers.ts';

function bestConfig() {
  const oracle = newOracle({ seed: 42 });
  runSequential(oracle);
  const trial = oracle.bestTrials()[0]!;
  const config = buildBestConfig({
    trial,
    space: referenceSearchSpace(),
    settings: { ...DEFAULT_SETTINGS, seed: 42 },
    testEvaluation: { accuracy: 0.97, loss: 0.1, epochs: 10, runs: [{ accuracy: 0.97, loss: 0.1 }] },
    backend: 'wasm',
    rungVersion: '1.2.3',
    now: new Date('2026-11-27T10:00:00Z'),
  });
  return { trial, config };
}

describe('best-config JSON', () => {
  it('holds the hyperparameters written cleanly, the best trial, the test result and the search settings', () => {
    const { trial, config } = bestConfig();
    expect(config).toMatchObject({
      format: BEST_CONFIG_FORMAT,
      version: 1,
      bestTrial: { id: trial.trialId, bracket: trial.bracket, round: trial.round, epochs: trial.epochs, parentId: trial.parentId, score: trial.score, objective: 'val_accuracy' },
      testEvaluation: { accuracy: 0.97, loss: 0.1, epochs: 10 },
      search: { maxEpochs: 10, factor: 3, iterations: 1, seed: 42, batchSize: 32, trainLimit: null, valLimit: null, testLimit: null, objective: 'val_accuracy' },
      backend: 'wasm',
      rungVersion: '1.2.3',
      createdAt: '2026-11-27T10:00:00.000Z',
    });
    expect(config.search.space.hyperparameters).toEqual(referenceSearchSpace().hyperparameters);
    const text = JSON.stringify(config);
    for (const i of [0, 1, 2, 3]) expect([0.1, 0.2, 0.3, 0.4]).toContain(config.hyperparameters[`dropout_${i}`]);
    expect(text).not.toMatch(/0\.30000000000000004/);
  });

  it('writes 0.3, not 0.30000000000000004', () => {
    const { trial } = bestConfig();
    const noisy = { ...trial, hyperparameters: { ...trial.hyperparameters, dropout_0: 0.1 + 2 * 0.1 } };
    const config = buildBestConfig({ trial: noisy, space: referenceSearchSpace(), settings: DEFAULT_SETTINGS, testEvaluation: null, backend: 'cpu', rungVersion: '0' });
    expect(JSON.stringify(config.hyperparameters)).toContain('"dropout_0":0.3,');
  });

  it('parses back to the same document', () => {
    const { config } = bestConfig();
    expect(parseBestConfig(JSON.parse(JSON.stringify(config)))).toEqual({ ok: true, value: config });
  });

  it.each([
    ['a future version', (c: Record<string, unknown>) => ({ ...c, version: 2 }), 'version'],
    ['a missing best trial', (c: Record<string, unknown>) => ({ ...c, bestTrial: undefined }), 'bestTrial'],
    ['an unknown key', (c: Record<string, unknown>) => ({ ...c, extra: 1 }), 'extra'],
    ['an invalid space', (c: Record<string, unknown>) => ({ ...c, search: { ...(c.search as object), space: { hyperparameters: [{ name: 'units_0', type: 'int', min: 9, max: 3 }] } } }), 'search.space.units_0.min'],
    ['bad settings', (c: Record<string, unknown>) => ({ ...c, search: { ...(c.search as object), factor: 1 } }), 'search.factor'],
  ])('rejects %s, naming the field', (_label, mutate, field) => {
    const { config } = bestConfig();
    const result = parseBestConfig(mutate(JSON.parse(JSON.stringify(config))));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.field).toBe(field);
  });

  it('refuses a trial that has not completed', () => {
    const oracle = newOracle();
    const run = oracle.takeRunnable().runs[0]!;
    expect(() =>
      buildBestConfig({ trial: oracle.trial(run.trialId)!, space: referenceSearchSpace(), settings: DEFAULT_SETTINGS, testEvaluation: null, backend: 'cpu', rungVersion: '0' }),
    ).toThrow('trial 0000 has not completed');
  });
});
