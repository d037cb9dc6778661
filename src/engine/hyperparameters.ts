import { pythonFloorDiv, pythonInt, pythonLog, pythonPow } from './pythonMath.ts';
import { pythonRandomFirst } from './pythonRandom.ts';

export type Sampling = 'linear' | 'log' | 'reverse_log';
export type HyperparameterValue = number | string | boolean;
export type HyperparameterValues = Record<string, HyperparameterValue>;

export interface IntHyperparameter {
  name: string;
  type: 'int';
  min: number;
  max: number;
  /** Defaults to 1 for linear sampling; log sampling without a step is continuous, as in KerasTuner. */
  step?: number;
  sampling?: Sampling;
}

export interface FloatHyperparameter {
  name: string;
  type: 'float';
  min: number;
  max: number;
  step?: number;
  sampling?: Sampling;
}

export interface ChoiceHyperparameter {
  name: string;
  type: 'choice';
  values: HyperparameterValue[];
}

export interface FixedHyperparameter {
  name: string;
  type: 'fixed';
  value: HyperparameterValue;
}

export interface BooleanHyperparameter {
  name: string;
  type: 'boolean';
}

export type Hyperparameter =
  | IntHyperparameter
  | FloatHyperparameter
  | ChoiceHyperparameter
  | FixedHyperparameter
  | BooleanHyperparameter;

export type NumericHyperparameter = IntHyperparameter | FloatHyperparameter;

/** KerasTuner's prob_to_index: the cell of [0, 1) split into n equal parts, clamped to n - 1. */
export function probToIndex(prob: number, count: number): number {
  const index = Math.floor(prob / (1 / count));
  return index === count ? count - 1 : index;
}

/** The step actually used: an int with linear sampling and no step has step 1. */
export function effectiveStep(hp: NumericHyperparameter): number | undefined {
  if (hp.step !== undefined) return hp.step;
  return hp.type === 'int' && (hp.sampling ?? 'linear') === 'linear' ? 1 : undefined;
}

/** The number of values on a stepped grid, computed with Python's float semantics as KerasTuner does. */
export function gridSize(hp: NumericHyperparameter, step: number): number {
  if ((hp.sampling ?? 'linear') === 'linear') return pythonInt(pythonFloorDiv(hp.max - hp.min, step) + 1);
  return pythonInt(pythonLog(hp.max / hp.min, step) + 1e-8) + 1;
}

export function gridValue(hp: NumericHyperparameter, step: number, index: number): number {
  const sampling = hp.sampling ?? 'linear';
  if (sampling === 'linear') return hp.min + index * step;
  if (sampling === 'log') return hp.min * pythonPow(step, index);
  return hp.max + hp.min - hp.min * pythonPow(step, index);
}

function continuousValue(hp: NumericHyperparameter, prob: number, top: number): number {
  const sampling = hp.sampling ?? 'linear';
  if (sampling === 'linear') return prob * (top - hp.min) + hp.min;
  if (sampling === 'log') return hp.min * pythonPow(top / hp.min, prob);
  return top + hp.min - hp.min * pythonPow(top / hp.min, 1 - prob);
}

/** Maps a probability in [0, 1) to a value exactly as KerasTuner's prob_to_value does. */
export function probToValue(hp: Hyperparameter, prob: number): HyperparameterValue {
  switch (hp.type) {
    case 'choice':
      return hp.values[probToIndex(prob, hp.values.length)]!;
    case 'boolean':
      return prob >= 0.5;
    case 'fixed':
      return hp.value;
    case 'int': {
      const step = effectiveStep(hp);
      if (step === undefined) return pythonInt(continuousValue(hp, prob, hp.max + 1));
      return pythonInt(gridValue(hp, step, probToIndex(prob, gridSize(hp, step))));
    }
    case 'float': {
      if (hp.step === undefined) return continuousValue(hp, prob, hp.max);
      return gridValue(hp, hp.step, probToIndex(prob, gridSize(hp, hp.step)));
    }
  }
}

/** One KerasTuner draw: `prob_to_value(random.Random(seedState).random())`. */
export function sampleValue(hp: Hyperparameter, seedState: number): HyperparameterValue {
  return probToValue(hp, pythonRandomFirst(seedState));
}

/** Every value a stepped or discrete hyperparameter can take; null when continuous or more than `limit`. */
export function discreteValues(hp: Hyperparameter, limit = 10_000): HyperparameterValue[] | null {
  if (valueCount(hp) > limit) return null;
  switch (hp.type) {
    case 'choice':
      return [...hp.values];
    case 'boolean':
      return [true, false];
    case 'fixed':
      return [hp.value];
    default: {
      const step = effectiveStep(hp);
      if (step === undefined) return null;
      const count = gridSize(hp, step);
      return Array.from({ length: count }, (_, i) => {
        const value = gridValue(hp, step, i);
        return hp.type === 'int' ? pythonInt(value) : value;
      });
    }
  }
}

/** How many values a hyperparameter can take: Infinity for a continuous one. */
export function valueCount(hp: Hyperparameter): number {
  if (hp.type === 'choice') return hp.values.length;
  if (hp.type === 'boolean') return 2;
  if (hp.type === 'fixed') return 1;
  const step = effectiveStep(hp);
  return step === undefined ? Infinity : gridSize(hp, step);
}

/**
 * A value as a person would write it: a float on a step grid loses its binary noise
 * (0.1 + 2 * 0.1 is written 0.3); continuous floats and every other value are kept as sampled.
 */
export function cleanValue(hp: Hyperparameter | undefined, value: HyperparameterValue): HyperparameterValue {
  if (typeof value !== 'number' || hp === undefined || hp.type !== 'float' || hp.step === undefined) return value;
  return Number(value.toPrecision(12));
}
