import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kerasTunerScript } from '../../../src/engine/kerasTunerScript.ts';
import { pythonFloat, pythonString } from '../../../src/engine/pythonLiteral.ts';
import type { ScriptInput } from '../../../src/engine/pythonMlp.ts';
import { rayTuneScript } from '../../../src/engine/rayTuneScript.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { parseSearchSpace, serializeSearchSpace } from '../../../src/engine/searchSpace.ts';
import { python } from './pythonRunner.ts';
import { asKerasTuner, fixture, runRung, spaceOf, type Scenario } from './kerasTunerFixture.ts';

const CHECKER = new URL('../../scripts/read_exported_search.py', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'rung-scripts-'));

/** The checker's reading of a script: parsed with ast, never run. */
function read(script: string, name: string): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- the checker's JSON
  const file = join(folder, name);
  writeFileSync(file, script);
  return JSON.parse(python([CHECKER, file])) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the checker's JSON
}

const scenario = (name: string) => fixture.scenarios.find((s) => s.name === name)!;
const inputOf = (s: Scenario): ScriptInput => ({ space: spaceOf(s), settings: { ...DEFAULT_SETTINGS, ...s.settings }, rungVersion: '9.9.9' });

const SPACES: [string, ScriptInput][] = [
  ['the default space', { space: referenceSearchSpace(), settings: { ...DEFAULT_SETTINGS, seed: 4242, trainLimit: 640, valLimit: 200, testLimit: null }, rungVersion: '9.9.9' }],
  ['every sampling rule, a log float and a boolean', inputOf(scenario('mixed space, seed 3'))],
  ['a choice of strings', inputOf(scenario('tiny space, exhausted in round 0'))],
];

/** Ray Tune's samplers for each space, as its docs define them (randint's upper bound exclusive, qrandint's inclusive). */
const RAY_SPACES: Record<string, unknown[]> = {
  'the default space': [0, 1, 2, 3].flatMap((i) => [
    { name: `units_${i}`, call: 'randint', args: [[40, 70, 35, 15][i], [81, 121, 66, 31][i]] },
    { name: `dropout_${i}`, call: 'choice', args: [[0.1, 0.2, 0.3, 0.4]] },
  ]).concat([{ name: 'learning_rate', call: 'choice', args: [[0.01, 0.001, 0.0001]] }]),
  'every sampling rule, a log float and a boolean': [
    { name: 'lr_log', call: 'loguniform', args: [0.0001, 0.1] },
    { name: 'lr_log_step', call: 'choice', args: [[0.001, 0.01, 0.1, 1]] },
    { name: 'momentum_rev', call: 'sample_from', source: 'lambda _: reverse_log(0.01, 0.99)' },
    { name: 'momentum_rev_step', call: 'choice', args: [[0.9, 0.8, 0.6, 0.2]] },
    { name: 'width_log', call: 'lograndint', args: [8, 513] },
    { name: 'width_log_step', call: 'choice', args: [[8, 16, 32, 64, 128, 256, 512]] },
    { name: 'width_rev', call: 'sample_from', source: 'lambda _: int(reverse_log(4, 101))' },
    { name: 'width_rev_step', call: 'choice', args: [[200, 196, 184, 148, 40]] },
    { name: 'layers', call: 'choice', args: [[3, 7, 11, 15]] },
    { name: 'dropout', call: 'uniform', args: [0, 0.5] },
    { name: 'dropout_step', call: 'choice', args: [[0.05, 0.2, 0.35, 0.5, 0.65, 0.8]] },
    { name: 'activation', call: 'choice', args: [['relu', 'tanh', 'elu']] },
    { name: 'batch', call: 'choice', args: [[16, 32, 64, 128]] },
    { name: 'use_bias', call: 'choice', args: [[true, false]] },
    { name: 'seed_fixed', value: 7 },
    { name: 'scale_fixed', value: 0.5 },
    { name: 'name_fixed', value: 'mlp' },
    { name: 'flag_fixed', value: true },
  ],
  'a choice of strings': [
    { name: 'activation', call: 'choice', args: [['relu', 'tanh', 'elu']] },
    { name: 'use_bias', call: 'choice', args: [[true, false]] },
  ],
};

describe('Python literals', () => {
  it('print floats Python reads as the same double, and strings Python reads as the same text', () => {
    const floats = [0.1, 1, 1e-7, 0.30000000000000004, 5e-324, 1.7976931348623157e308, -2.5, 1e21];
    const strings = ['plain', 'quote " and \\ backslash', 'line\nbreak\ttab', 'é ✓ \u0000 \u2028'];
    const read = JSON.parse(python(['-c', `import json; print(json.dumps([[${floats.map(pythonFloat).join(', ')}], [${strings.map(pythonString).join(', ')}]]))`])) as [number[], string[]];
    expect(read).toEqual([floats, strings]);
    expect(floats.map(pythonFloat).every((text) => /[.e]/.test(text))).toBe(true);
  });
});

describe.each(SPACES)('the exported scripts for %s', (label, input) => {
  it('KerasTuner: the same hyperparameters in the same order, and kt.Hyperband with the page\'s settings', () => {
    const parsed = read(kerasTunerScript(input), 'keras_tuner.py');
    expect(parsed.space).toEqual(serializeSearchSpace(input.space));
    const { settings } = input;
    expect(parsed.hyperband).toMatchObject({ objective: settings.objective, max_epochs: settings.maxEpochs, factor: settings.factor, hyperband_iterations: settings.iterations, seed: settings.seed });
    expect(parsed.constants).toMatchObject({ BATCH_SIZE: settings.batchSize, VALIDATION_SPLIT: 0.2, TRAIN_LIMIT: settings.trainLimit, VAL_LIMIT: settings.valLimit, TEST_LIMIT: settings.testLimit });
  });

  it('Ray Tune: the same space with Ray\'s samplers, and HyperBandScheduler with the page\'s settings', () => {
    const parsed = read(rayTuneScript(input), 'ray_tune.py');
    expect(parsed.space).toEqual(RAY_SPACES[label]);
    const { settings } = input;
    expect(parsed.scheduler).toEqual({ time_attr: 'training_iteration', max_t: settings.maxEpochs, reduction_factor: settings.factor, metric: settings.objective, mode: settings.objective === 'val_loss' ? 'min' : 'max' });
    expect(parsed.rayInit).toEqual({ address: 'auto' });
    expect(parsed.constants).toMatchObject({ SEED: settings.seed, BATCH_SIZE: settings.batchSize, TRAIN_LIMIT: settings.trainLimit });
  });
});

// The space read back from the exported script, with the settings read back from its kt.Hyperband call,
// drives Rung's oracle to every trial KerasTuner's own HyperbandOracle created.
describe('a KerasTuner script read back', () => {
  it.each(fixture.scenarios.map((s) => [s.name, s] as const))('%s: gives the trials of the KerasTuner fixture', (name, s) => {
    const parsed = read(kerasTunerScript(inputOf(s)), `fixture-${fixture.scenarios.indexOf(s)}.py`);
    const space = parseSearchSpace(parsed.space);
    if (!space.ok) throw new Error(`${name}: the space read back is invalid: ${JSON.stringify(space.errors)}`);
    const h = parsed.hyperband as { objective: Scenario['settings']['objective']; max_epochs: number; factor: number; hyperband_iterations: number; seed: number };
    const settings = { maxEpochs: h.max_epochs, factor: h.factor, iterations: h.hyperband_iterations, seed: h.seed, objective: h.objective };
    expect(runRung(s, space.value, settings).trials.map(asKerasTuner)).toEqual(s.trials);
  });
});
