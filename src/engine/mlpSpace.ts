import type { HyperparameterValue, HyperparameterValues, Hyperparameter } from './hyperparameters.ts';
import type { SearchSpace } from './searchSpace.ts';
import type { FieldError } from './validation.ts';

/**
 * How Rung's MLP reads a search space: hidden layer i takes `units_i` and `dropout_i`, and Adam takes
 * `learning_rate`. The layer count is the number of `units_i`, numbered from 0 without gaps.
 */
export const MIN_HIDDEN_LAYERS = 1;
export const MAX_HIDDEN_LAYERS = 6;
/** Larger layers are refused before anything is allocated (WebGL textures and WebGPU buffers have limits). */
export const MAX_UNITS = 4096;
/** The largest model a space may imply, counted at the top of every range. */
export const MAX_PARAMETERS = 20_000_000;
export const MNIST_INPUT_SIZE = 784;
export const MNIST_CLASSES = 10;

export interface MlpArchitecture {
  units: number[];
  dropouts: number[];
  learningRate: number;
}

const UNITS = /^units_(\d+)$/;
const DROPOUT = /^dropout_(\d+)$/;

export function hiddenLayerCount(space: SearchSpace): number {
  return space.hyperparameters.filter((hp) => UNITS.test(hp.name)).length;
}

/** The largest numeric value a hyperparameter can take, or NaN if it is not numeric. */
function numericValues(hp: Hyperparameter): number[] {
  if (hp.type === 'int' || hp.type === 'float') return [hp.min, hp.max];
  if (hp.type === 'choice') return hp.values.map((v) => (typeof v === 'number' ? v : NaN));
  if (hp.type === 'fixed') return [typeof hp.value === 'number' ? hp.value : NaN];
  return [NaN];
}

/** The first value out of bounds, named by the key that holds it: `min`, `max`, `values` or `value`. */
function checkRange(hp: Hyperparameter, ok: (v: number) => boolean, rule: string): FieldError[] {
  const values = numericValues(hp);
  const index = values.findIndex((v) => !ok(v));
  if (index === -1) return [];
  const key = hp.type === 'choice' ? 'values' : hp.type === 'fixed' ? 'value' : index === 0 ? 'min' : 'max';
  const bad = values[index]!;
  return [{ field: `${hp.name}.${key}`, message: `${rule}, got ${Number.isNaN(bad) ? 'a non-number' : bad}` }];
}

/** What the MLP needs of a valid search space: known names, a full set of layers, sane sizes. */
export function mlpSpaceErrors(space: SearchSpace): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set(space.hyperparameters.map((hp) => hp.name));
  const layers = hiddenLayerCount(space);
  for (const hp of space.hyperparameters) {
    if (UNITS.test(hp.name)) {
      errors.push(...checkRange(hp, (v) => Number.isInteger(v) && v >= 1 && v <= MAX_UNITS, `units must be whole numbers from 1 to ${MAX_UNITS}`));
    } else if (DROPOUT.test(hp.name)) {
      errors.push(...checkRange(hp, (v) => v >= 0 && v < 1, 'dropout must be in [0, 1)'));
      const layer = Number(DROPOUT.exec(hp.name)![1]);
      if (!names.has(`units_${layer}`)) errors.push({ field: `${hp.name}.name`, message: `there is no units_${layer} for this dropout` });
    } else if (hp.name === 'learning_rate') {
      errors.push(...checkRange(hp, (v) => v > 0 && v <= 10, 'learning rate must be in (0, 10]'));
    } else {
      errors.push({ field: `${hp.name}.name`, message: `unknown hyperparameter "${hp.name}": the MLP reads units_i, dropout_i and learning_rate` });
    }
  }
  if (layers < MIN_HIDDEN_LAYERS || layers > MAX_HIDDEN_LAYERS) {
    errors.push({ field: 'layers', message: `needs ${MIN_HIDDEN_LAYERS} to ${MAX_HIDDEN_LAYERS} hidden layers (units_0 …), got ${layers}` });
  }
  for (let i = 0; i < layers; i++) {
    if (!names.has(`units_${i}`)) errors.push({ field: `units_${i}`, message: `missing: hidden layers are numbered from units_0 without gaps` });
    if (!names.has(`dropout_${i}`)) errors.push({ field: `dropout_${i}`, message: 'missing: every hidden layer needs a dropout (use a fixed 0 for none)' });
  }
  if (!names.has('learning_rate')) errors.push({ field: 'learning_rate', message: 'missing' });
  if (errors.length === 0) {
    const largest = maxParameterCount(space);
    if (largest > MAX_PARAMETERS) {
      errors.push({ field: 'layers', message: `the largest model in this space has ${largest.toLocaleString('en-US')} parameters, over the limit of ${MAX_PARAMETERS.toLocaleString('en-US')}` });
    }
  }
  return errors;
}

export function parameterCount(units: readonly number[]): number {
  let inputs = MNIST_INPUT_SIZE;
  let total = 0;
  for (const width of [...units, MNIST_CLASSES]) {
    total += inputs * width + width;
    inputs = width;
  }
  return total;
}

function maxParameterCount(space: SearchSpace): number {
  const widest = Array.from({ length: hiddenLayerCount(space) }, (_, i) => {
    const hp = space.hyperparameters.find((h) => h.name === `units_${i}`);
    return hp ? Math.max(...numericValues(hp)) : 0;
  });
  return parameterCount(widest);
}

function asNumber(values: HyperparameterValues, key: string): number {
  const value: HyperparameterValue | undefined = values[key];
  if (typeof value !== 'number') throw new Error(`configuration has no numeric ${key}`);
  return value;
}

/** The model a configuration describes. */
export function mlpArchitecture(values: HyperparameterValues): MlpArchitecture {
  const units: number[] = [];
  const dropouts: number[] = [];
  for (let i = 0; `units_${i}` in values; i++) {
    units.push(asNumber(values, `units_${i}`));
    dropouts.push(asNumber(values, `dropout_${i}`));
  }
  return { units, dropouts, learningRate: asNumber(values, 'learning_rate') };
}
