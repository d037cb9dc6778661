import { z } from 'zod';
import { valueCount, type Hyperparameter, type NumericHyperparameter } from './hyperparameters.ts';
import { REPORT_INPUT, zodFieldErrors, type FieldError, type Validated } from './validation.ts';

/** A search space: its hyperparameters in registration order, which fixes how seeds are consumed. */
export interface SearchSpace {
  hyperparameters: Hyperparameter[];
}

export const SEARCH_SPACE_VERSION = 1;

const finite = z.number();
const sampling = z.enum(['linear', 'log', 'reverse_log']);
const scalar = z.union([finite, z.string(), z.boolean()]);
const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a name of letters, digits and _ (max 64)');

const hyperparameterSchema = z.discriminatedUnion('type', [
  z.strictObject({ name, type: z.literal('int'), min: z.number().int(), max: z.number().int(), step: z.number().int().optional(), sampling: sampling.optional() }),
  z.strictObject({ name, type: z.literal('float'), min: finite, max: finite, step: finite.optional(), sampling: sampling.optional() }),
  z.strictObject({ name, type: z.literal('choice'), values: z.array(scalar).max(1000) }),
  z.strictObject({ name, type: z.literal('fixed'), value: scalar }),
  z.strictObject({ name, type: z.literal('boolean') }),
]);

const searchSpaceSchema = z.strictObject({
  version: z.number().int().optional(),
  hyperparameters: z.array(hyperparameterSchema).max(64),
});

function numericErrors(hp: NumericHyperparameter): FieldError[] {
  const errors: FieldError[] = [];
  const at = (key: string, message: string) => errors.push({ field: `${hp.name}.${key}`, message });
  const sampling = hp.sampling ?? 'linear';
  if (hp.min > hp.max) at('min', `min (${hp.min}) is greater than max (${hp.max})`);
  if (sampling !== 'linear' && hp.min <= 0) at('min', `${sampling} sampling needs min > 0, got ${hp.min}`);
  if (hp.step !== undefined) {
    if (hp.step <= 0) at('step', `step must be greater than 0, got ${hp.step}`);
    else if (sampling === 'linear' && hp.max > hp.min && hp.step > hp.max - hp.min) {
      at('step', `step (${hp.step}) is larger than the range ${hp.min}–${hp.max}`);
    } else if (sampling !== 'linear' && hp.step <= 1) at('step', `a ${sampling} step is a multiplier and must be greater than 1, got ${hp.step}`);
    else if (sampling !== 'linear' && hp.min > 0 && hp.max > hp.min && hp.min * hp.step > hp.max * (1 + 1e-9)) {
      at('step', `step (${hp.step}) is larger than the range ${hp.min}–${hp.max}`);
    }
  }
  return errors;
}

function choiceErrors(hp: Extract<Hyperparameter, { type: 'choice' }>): FieldError[] {
  if (hp.values.length === 0) return [{ field: `${hp.name}.values`, message: 'needs at least one value' }];
  const types = new Set(hp.values.map((v) => typeof v));
  if (types.size > 1) return [{ field: `${hp.name}.values`, message: `values must all have one type, got ${[...types].join(' and ')}` }];
  if (new Set(hp.values).size !== hp.values.length) return [{ field: `${hp.name}.values`, message: 'values must be distinct' }];
  return [];
}

/** Rules beyond the JSON shape; each error names `<hyperparameter>.<key>`. */
export function searchSpaceErrors(space: SearchSpace): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const hp of space.hyperparameters) {
    if (seen.has(hp.name)) errors.push({ field: `${hp.name}.name`, message: `duplicate name "${hp.name}"` });
    seen.add(hp.name);
    if (hp.type === 'int' || hp.type === 'float') errors.push(...numericErrors(hp));
    if (hp.type === 'choice') errors.push(...choiceErrors(hp));
  }
  if (space.hyperparameters.length === 0) errors.push({ field: 'hyperparameters', message: 'needs at least one hyperparameter' });
  return errors;
}

function namedPath(input: unknown) {
  return (path: readonly PropertyKey[]): string => {
    const [head, index, ...rest] = path;
    const list = (input as { hyperparameters?: unknown } | null)?.hyperparameters;
    if (head === 'hyperparameters' && typeof index === 'number' && Array.isArray(list)) {
      const entry = list[index] as { name?: unknown } | undefined;
      const label = typeof entry?.name === 'string' && entry.name ? entry.name : `hyperparameters[${index}]`;
      return [label, ...rest.map(String)].join('.');
    }
    return path.map(String).join('.');
  };
}

/** Validates untrusted input (an imported file, a form) as a search space. */
export function parseSearchSpace(input: unknown): Validated<SearchSpace> {
  const parsed = searchSpaceSchema.safeParse(input, REPORT_INPUT);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error, namedPath(input)) };
  const { version, hyperparameters } = parsed.data;
  if (version !== undefined && version !== SEARCH_SPACE_VERSION) {
    const message = version > SEARCH_SPACE_VERSION ? `version ${version} is newer than this Rung reads (${SEARCH_SPACE_VERSION})` : `unsupported version ${version}`;
    return { ok: false, errors: [{ field: 'version', message }] };
  }
  const space: SearchSpace = { hyperparameters: hyperparameters.map(stripUndefined) };
  const errors = searchSpaceErrors(space);
  return errors.length ? { ok: false, errors } : { ok: true, value: space };
}

function stripUndefined(hp: Hyperparameter): Hyperparameter {
  return Object.fromEntries(Object.entries(hp).filter(([, v]) => v !== undefined)) as unknown as Hyperparameter;
}

export function serializeSearchSpace(space: SearchSpace): { version: number; hyperparameters: Hyperparameter[] } {
  return { version: SEARCH_SPACE_VERSION, hyperparameters: space.hyperparameters };
}

/** The number of distinct configurations, or Infinity when any hyperparameter is continuous. */
export function spaceCardinality(space: SearchSpace): number {
  return space.hyperparameters.reduce((count, hp) => count * valueCount(hp), 1);
}

export function findHyperparameter(space: SearchSpace, hpName: string): Hyperparameter | undefined {
  return space.hyperparameters.find((hp) => hp.name === hpName);
}
