import type { Hyperparameter, HyperparameterValue, HyperparameterValues } from '../hyperparameters.ts';
import type { SearchSpace } from '../searchSpace.ts';

/** A finished trial as importance reads it: its configuration and its score at one budget. */
export interface ScoredConfiguration {
  hyperparameters: HyperparameterValues;
  score: number;
}

/** A hyperparameter's columns in the encoded matrix: one for a number, one per value for a choice. */
export interface EncodedHyperparameter {
  name: string;
  columns: number[];
}

/** A hyperparameter left out of the analysis, and why (shown beside the chart). */
export interface UnassessedHyperparameter {
  name: string;
  reason: string;
}

/**
 * The trials as a forest reads them: one row per trial, numbers in the space they were sampled in
 * (log-sampled ones as logarithms), choices and booleans one-hot. `bounds` is each column's
 * [low, high], the box the variance decomposition integrates over.
 */
export interface EncodedTrials {
  hyperparameters: EncodedHyperparameter[];
  unassessed: UnassessedHyperparameter[];
  bounds: [number, number][];
  rows: number[][];
  scores: number[];
}

/**
 * One definition per name over every version of a run's space (in first-seen order): numbers span
 * every version's range with the latest sampling, choices list every version's values. `fixed`
 * hyperparameters are not searched and are left out.
 */
export function mergedHyperparameters(spaces: readonly SearchSpace[]): Hyperparameter[] {
  const merged = new Map<string, Hyperparameter>();
  for (const space of spaces) {
    for (const hp of space.hyperparameters) {
      if (hp.type === 'fixed') continue;
      const previous = merged.get(hp.name);
      if ((hp.type === 'int' || hp.type === 'float') && previous?.type === hp.type) {
        merged.set(hp.name, { ...hp, min: Math.min(previous.min, hp.min), max: Math.max(previous.max, hp.max) });
      } else if (hp.type === 'choice' && previous?.type === 'choice') {
        merged.set(hp.name, { ...hp, values: [...previous.values, ...hp.values.filter((v) => !previous.values.includes(v))] });
      } else {
        merged.set(hp.name, hp);
      }
    }
  }
  return [...merged.values()];
}

/** Maps a number into the space it was sampled in; increasing, so tree splits keep their order. */
function numericEncoder(hp: Extract<Hyperparameter, { type: 'int' | 'float' }>): (value: number) => number {
  const sampling = hp.sampling ?? 'linear';
  if (sampling === 'log') return Math.log;
  // reverse_log draws max + min - min * (max / min)^u: its uniform coordinate is -log(max + min - value).
  if (sampling === 'reverse_log') return (value) => -Math.log(hp.max + hp.min - value);
  return (value) => value;
}

function categoriesOf(hp: Hyperparameter): HyperparameterValue[] | null {
  if (hp.type === 'choice') return hp.values;
  if (hp.type === 'boolean') return [true, false];
  return null;
}

type Encoded = { ok: true; columns: number[][]; bounds: [number, number][] } | { ok: false; reason: string };

function encodeOne(hp: Hyperparameter, values: readonly (HyperparameterValue | undefined)[]): Encoded {
  if (values.some((v) => v === undefined)) return { ok: false, reason: 'some of these trials were drawn from a space without it' };
  const distinct = new Set(values).size;
  if (distinct < 2) return { ok: false, reason: `took ${distinct === 1 ? 'one value' : 'no value'} in these trials (at least 2 are needed)` };
  const categories = categoriesOf(hp);
  if (categories) {
    if (values.some((v) => !categories.includes(v!))) return { ok: false, reason: 'its choices changed during the run' };
    return { ok: true, columns: categories.map((c) => values.map((v) => (v === c ? 1 : 0))), bounds: categories.map(() => [0, 1]) };
  }
  if (hp.type !== 'int' && hp.type !== 'float') return { ok: false, reason: 'it is fixed' };
  if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) return { ok: false, reason: 'some of its values are not numbers' };
  const encode = numericEncoder(hp);
  const column = values.map((v) => encode(v as number));
  // The space's range, widened to what was drawn (a range edited during the run keeps every trial inside).
  const low = Math.min(encode(hp.min), ...column);
  const high = Math.max(encode(hp.max), ...column);
  if (!column.every(Number.isFinite) || !Number.isFinite(low) || !Number.isFinite(high)) return { ok: false, reason: 'its sampling does not fit its values' };
  return { ok: true, columns: [column], bounds: [[low, high]] };
}

/** Encodes the trials of one budget; trials with a non-finite score are left out. */
export function encodeTrials(hyperparameters: readonly Hyperparameter[], trials: readonly ScoredConfiguration[]): EncodedTrials {
  const finite = trials.filter((t) => Number.isFinite(t.score));
  const result: EncodedTrials = { hyperparameters: [], unassessed: [], bounds: [], rows: finite.map(() => []), scores: finite.map((t) => t.score) };
  for (const hp of hyperparameters) {
    if (hp.type === 'fixed') continue;
    const encoded = encodeOne(hp, finite.map((t) => t.hyperparameters[hp.name]));
    if (!encoded.ok) {
      result.unassessed.push({ name: hp.name, reason: encoded.reason });
      continue;
    }
    const first = result.bounds.length;
    result.hyperparameters.push({ name: hp.name, columns: encoded.columns.map((_, i) => first + i) });
    result.bounds.push(...encoded.bounds);
    for (const column of encoded.columns) column.forEach((value, row) => result.rows[row]!.push(value));
  }
  return result;
}
