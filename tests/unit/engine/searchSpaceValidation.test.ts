import { describe, expect, it } from 'vitest';
import { parseSearchSpace, serializeSearchSpace, spaceCardinality } from '../../../src/engine/searchSpace.ts';
import { mlpSpaceErrors, mlpArchitecture, parameterCount } from '../../../src/engine/mlpSpace.ts';
import { parseSettings } from '../../../src/engine/settings.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { formatFieldErrors } from '../../../src/engine/validation.ts';

const reference = () => serializeSearchSpace(referenceSearchSpace()) as unknown as { version: number; hyperparameters: Record<string, unknown>[] };
const withHp = (index: number, patch: Record<string, unknown>) => {
  const doc = reference();
  doc.hyperparameters[index] = { ...doc.hyperparameters[index], ...patch };
  return doc;
};
const errorsOf = (input: unknown) => {
  const result = parseSearchSpace(input);
  return result.ok ? [] : result.errors;
};

describe('search space validation', () => {
  it('accepts the reference space unchanged', () => {
    const result = parseSearchSpace(JSON.parse(JSON.stringify(reference())));
    expect(result).toEqual({ ok: true, value: referenceSearchSpace() });
    expect(mlpSpaceErrors(referenceSearchSpace())).toEqual([]);
    expect(spaceCardinality(referenceSearchSpace())).toBe(41 * 51 * 31 * 16 * 4 ** 4 * 3);
  });

  it.each([
    ['min > max', withHp(0, { min: 90 }), 'units_0.min', 'min (90) is greater than max (80)'],
    ['a zero step', withHp(1, { step: 0 }), 'dropout_0.step', 'step must be greater than 0, got 0'],
    ['a negative step', withHp(2, { step: -5 }), 'units_1.step', 'step must be greater than 0, got -5'],
    ['a step larger than the range', withHp(1, { step: 0.5 }), 'dropout_0.step', 'step (0.5) is larger than the range 0.1–0.4'],
    ['log sampling with min <= 0', withHp(1, { min: 0, step: undefined, sampling: 'log' }), 'dropout_0.min', 'log sampling needs min > 0, got 0'],
    ['an empty choice', withHp(8, { values: [] }), 'learning_rate.values', 'needs at least one value'],
    ['duplicate names', withHp(2, { name: 'units_0' }), 'units_0.name', 'duplicate name "units_0"'],
    ['an unknown type', withHp(0, { type: 'integer' }), 'units_0.type', 'must be one of "int", "float", "choice", "fixed", "boolean"'],
    ['a string for a number', withHp(0, { max: '80' }), 'units_0.max', 'expected a number, got "80"'],
    ['a fractional int bound', withHp(0, { max: 80.5 }), 'units_0.max', 'expected an integer, got 80.5'],
    ['an unknown key', withHp(0, { mean: 3 }), 'units_0.mean', 'unknown key "mean"'],
    ['a future version', { ...reference(), version: 2 }, 'version', 'version 2 is newer than this Rung reads (1)'],
  ])('rejects %s, naming the field', (_label, input, field, message) => {
    expect(errorsOf(JSON.parse(JSON.stringify(input)))).toContainEqual({ field, message });
  });

  it.each([NaN, Infinity, -Infinity])('rejects %s as a bound', (bad) => {
    expect(errorsOf(withHp(0, { min: bad }))[0]).toMatchObject({ field: 'units_0.min' });
  });

  it('rejects mixed choice types and repeated values', () => {
    expect(errorsOf(withHp(8, { values: [0.1, 'fast'] }))).toContainEqual({ field: 'learning_rate.values', message: 'values must all have one type, got number and string' });
    expect(errorsOf(withHp(8, { values: [0.1, 0.1] }))).toContainEqual({ field: 'learning_rate.values', message: 'values must be distinct' });
  });

  it('reports every bad field at once, in one readable line', () => {
    const doc = withHp(0, { min: 90 });
    doc.hyperparameters[1] = { ...doc.hyperparameters[1], step: 0 };
    expect(formatFieldErrors(errorsOf(doc))).toBe('units_0.min: min (90) is greater than max (80); dropout_0.step: step must be greater than 0, got 0');
  });
});

describe('the MLP reading of a space', () => {
  const space = (patch: (doc: ReturnType<typeof reference>) => void) => {
    const doc = reference();
    patch(doc);
    const parsed = parseSearchSpace(doc);
    if (!parsed.ok) throw new Error(formatFieldErrors(parsed.errors));
    return mlpSpaceErrors(parsed.value);
  };

  it('refuses 1e9 units before anything is allocated', () => {
    expect(space((d) => (d.hyperparameters[0] = { ...d.hyperparameters[0], max: 1e9 }))).toContainEqual({
      field: 'units_0.max',
      message: 'units must be whole numbers from 1 to 4096, got 1000000000',
    });
  });

  it('refuses a space whose largest model is too big', () => {
    const errors = space((d) => d.hyperparameters.forEach((hp) => hp.type === 'int' && Object.assign(hp, { min: 4000, max: 4096 })));
    expect(errors[0]?.field).toBe('layers');
    expect(errors[0]?.message).toMatch(/^the largest model in this space has 53,[0-9,]+ parameters, over the limit of 20,000,000$/);
  });

  it('needs a dropout per layer, a learning rate and no unknown names', () => {
    expect(space((d) => d.hyperparameters.splice(1, 1))).toContainEqual({ field: 'dropout_0', message: 'missing: every hidden layer needs a dropout (use a fixed 0 for none)' });
    expect(space((d) => d.hyperparameters.pop())).toContainEqual({ field: 'learning_rate', message: 'missing' });
    expect(space((d) => d.hyperparameters.push({ name: 'momentum', type: 'fixed', value: 0.9 }))[0]?.field).toBe('momentum.name');
    expect(space((d) => (d.hyperparameters[1] = { name: 'dropout_0', type: 'fixed', value: 1 }))).toContainEqual({ field: 'dropout_0.value', message: 'dropout must be in [0, 1), got 1' });
  });

  it('reads the architecture of a configuration', () => {
    const values = { units_0: 68, dropout_0: 0.2, units_1: 78, dropout_1: 0.2, units_2: 59, dropout_2: 0.1, units_3: 18, dropout_3: 0.1, learning_rate: 0.001 };
    expect(mlpArchitecture(values)).toEqual({ units: [68, 78, 59, 18], dropouts: [0.2, 0.2, 0.1, 0.1], learningRate: 0.001 });
    // 784*68+68 + 68*78+78 + 78*59+59 + 59*18+18 + 18*10+10
    expect(parameterCount([68, 78, 59, 18])).toBe(53380 + 5382 + 4661 + 1080 + 190);
  });
});

describe('search settings validation', () => {
  it('accepts the defaults', () => {
    expect(parseSettings(DEFAULT_SETTINGS)).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });

  it.each([
    ['maxEpochs', 0, 'must be at least 1'],
    ['factor', 1, 'must be at least 2'],
    ['iterations', 0, 'must be at least 1'],
    ['seed', -1, 'must be at least 1: KerasTuner treats seed 0 as no seed and draws a random one, so 0 would not reproduce a KerasTuner run'],
    ['seed', 0, 'must be at least 1: KerasTuner treats seed 0 as no seed and draws a random one, so 0 would not reproduce a KerasTuner run'],
    ['batchSize', 0, 'must be at least 1'],
    ['trainLimit', 48_001, 'must be at most 48000'],
    ['maxEpochs', 2.5, 'expected an integer, got 2.5'],
    ['factor', NaN, 'expected a number, got NaN'],
  ])('rejects %s = %s', (field, value, message) => {
    expect(parseSettings({ ...DEFAULT_SETTINGS, [field]: value })).toEqual({ ok: false, errors: [{ field, message }] });
  });
});
