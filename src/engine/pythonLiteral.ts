import type { ChoiceHyperparameter, HyperparameterValue } from './hyperparameters.ts';

/**
 * Python source for JavaScript values, for the exported Python scripts. A float is printed so that
 * Python reads back the same double: JavaScript's shortest round-trip digits are valid Python, and a
 * whole number gets ".0" so that Python keeps it a float.
 */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'float("nan")';
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export function pythonInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`${value} is not a whole number Python and JavaScript both read exactly`);
  return String(value);
}

/**
 * A Python string literal. JSON's escapes (\", \\, \n, \t, \uXXXX, …) mean the same in a Python
 * string, and JSON.stringify escapes every control character and lone surrogate.
 */
export function pythonString(value: string): string {
  return JSON.stringify(value);
}

/** A hyperparameter value: a whole number stays an int (as KerasTuner infers a Choice's type), booleans are True/False. */
export function pythonValue(value: HyperparameterValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return pythonString(value);
  return Number.isSafeInteger(value) ? pythonInt(value) : pythonFloat(value);
}

export function pythonList(values: readonly HyperparameterValue[]): string {
  return `[${values.map(pythonValue).join(', ')}]`;
}

/** `name=value` arguments in the order given; undefined values are left out. */
export function pythonKeywords(keywords: Record<string, string | undefined>): string {
  return Object.entries(keywords)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** A Python comment block: each line of `text` after "# ". */
export function pythonComment(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `# ${line}` : '#'))
    .join('\n');
}

/** A Choice's values: KerasTuner refuses mixed types, so numbers with any fraction are all written as floats. */
export function choiceValues({ values }: ChoiceHyperparameter): string {
  const fractional = values.every((v) => typeof v === 'number') && values.some((v) => !Number.isInteger(v));
  return fractional ? `[${values.map((v) => pythonFloat(v as number)).join(', ')}]` : pythonList(values);
}
