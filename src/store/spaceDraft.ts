import type { Hyperparameter } from '../engine/hyperparameters.ts';
import { hiddenLayerCount, mlpSpaceErrors } from '../engine/mlpSpace.ts';
import { defaultLayer, REFERENCE_LEARNING_RATES, referenceSearchSpace } from '../engine/referenceDefaults.ts';
import { parseSearchSpace, type SearchSpace } from '../engine/searchSpace.ts';
import type { FieldError, Validated } from '../engine/validation.ts';

/** A numeric range as typed: strings, so a half-typed "0." is kept and reported, not lost. */
export interface RangeDraft {
  kind: 'range';
  min: string;
  max: string;
  step: string;
}

/** A hyperparameter the form cannot edit (an imported log range, a choice of units): kept as is. */
export interface OtherDraft {
  kind: 'other';
  hp: Hyperparameter;
}

export interface LayerDraft {
  units: RangeDraft | OtherDraft;
  dropout: RangeDraft | OtherDraft;
}

export interface SpaceDraft {
  layers: LayerDraft[];
  learningRate: { kind: 'choice'; values: string[] } | OtherDraft;
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

function rangeDraft(hp: Hyperparameter, type: 'int' | 'float'): RangeDraft | OtherDraft {
  if (hp.type !== type || (hp.sampling ?? 'linear') !== 'linear') return { kind: 'other', hp };
  return { kind: 'range', min: text(hp.min), max: text(hp.max), step: text(hp.step) };
}

export function draftFromSpace(space: SearchSpace): SpaceDraft {
  const find = (name: string) => space.hyperparameters.find((hp) => hp.name === name);
  const layers = Array.from({ length: hiddenLayerCount(space) }, (_, i) => ({
    units: rangeDraft(find(`units_${i}`)!, 'int'),
    dropout: rangeDraft(find(`dropout_${i}`)!, 'float'),
  }));
  const lr = find('learning_rate')!;
  const learningRate = lr.type === 'choice' && lr.values.every((v) => typeof v === 'number') ? { kind: 'choice' as const, values: lr.values.map(String) } : { kind: 'other' as const, hp: lr };
  return { layers, learningRate };
}

export function referenceDraft(layers = 4): SpaceDraft {
  return draftFromSpace(referenceSearchSpace(layers));
}

export function draftWithLayerCount(draft: SpaceDraft, count: number): SpaceDraft {
  const layers = draft.layers.slice(0, count);
  for (let i = layers.length; i < count; i++) {
    const [units, dropout] = defaultLayer(i);
    layers.push({ units: rangeDraft(units!, 'int'), dropout: rangeDraft(dropout!, 'float') });
  }
  return { ...draft, layers };
}

export function defaultLearningRates(): string[] {
  return REFERENCE_LEARNING_RATES.map(String);
}

/** A typed number: "" and "abc" are errors at the field; an empty step means "no step". */
function parseNumber(raw: string, field: string, errors: FieldError[], optional = false): number | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') {
    if (!optional) errors.push({ field, message: 'required' });
    return undefined;
  }
  const value = Number(trimmed);
  if (Number.isFinite(value)) return value;
  errors.push({ field, message: `"${trimmed}" is not a finite number` });
  return undefined;
}

function rangeHp(name: string, type: 'int' | 'float', draft: RangeDraft | OtherDraft, errors: FieldError[]): Hyperparameter {
  if (draft.kind === 'other') return { ...draft.hp, name };
  const min = parseNumber(draft.min, `${name}.min`, errors) ?? 0;
  const max = parseNumber(draft.max, `${name}.max`, errors) ?? 0;
  const step = parseNumber(draft.step, `${name}.step`, errors, type === 'float');
  return step === undefined ? { name, type, min, max } : { name, type, min, max, step };
}

/**
 * The space the form describes, in KerasTuner's registration order, or every error at its field: a
 * field that does not parse is reported as such, and every other rule is still checked on the rest.
 */
export function spaceFromDraft(draft: SpaceDraft): Validated<SearchSpace> {
  const errors: FieldError[] = [];
  const hyperparameters: Hyperparameter[] = draft.layers.flatMap((layer, i) => [
    rangeHp(`units_${i}`, 'int', layer.units, errors),
    rangeHp(`dropout_${i}`, 'float', layer.dropout, errors),
  ]);
  if (draft.learningRate.kind === 'other') hyperparameters.push({ ...draft.learningRate.hp, name: 'learning_rate' });
  else {
    const values = draft.learningRate.values.map((raw, i) => parseNumber(raw, `learning_rate.values.${i}`, errors) ?? 0);
    hyperparameters.push({ name: 'learning_rate', type: 'choice', values });
  }
  const unparsed = new Set(errors.map((e) => e.field.split('.')[0]));
  const parsed = parseSearchSpace({ hyperparameters });
  const rules = parsed.ok ? mlpSpaceErrors(parsed.value) : parsed.errors;
  const all = [...errors, ...rules.filter((e) => !unparsed.has(e.field.split('.')[0]))];
  return all.length || !parsed.ok ? { ok: false, errors: all } : parsed;
}
