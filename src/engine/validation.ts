import type { z } from 'zod';

/** One problem with user input, named by the field it belongs to (e.g. `units_0.max`). */
export interface FieldError {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function formatFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
}

export class ValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(formatFieldErrors(errors));
    this.name = 'ValidationError';
  }
}

export function unwrap<T>(result: Validated<T>): T {
  if (!result.ok) throw new ValidationError(result.errors);
  return result.value;
}

type PathNamer = (path: readonly PropertyKey[]) => string;

export const dottedPath: PathNamer = (path) =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');

/** Turns zod issues into field errors with short, specific messages. */
export function zodFieldErrors(error: z.ZodError, namePath: PathNamer = dottedPath): FieldError[] {
  return error.issues.map((issue) => {
    const field = namePath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const where = field ? `${field}.` : '';
      return { field: `${where}${issue.keys[0] ?? ''}`, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
    }
    if (issue.code === 'invalid_type') {
      const expected = issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`;
      return { field, message: `expected ${expected}, got ${describeInput(issue.input)}` };
    }
    if (issue.code === 'invalid_union' && 'options' in issue) {
      const options = (issue as { options: unknown[] }).options.map((o) => `"${String(o)}"`).join(', ');
      return { field, message: `must be one of ${options}` };
    }
    return { field, message: issue.message };
  });
}

/** Parse options that keep the offending input on each issue, for messages that quote it. */
export const REPORT_INPUT = { reportInput: true } as const;

export function describeInput(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (typeof input === 'number' || typeof input === 'boolean' || input === null) return String(input);
  return Array.isArray(input) ? 'a list' : 'an object';
}

export function parseJsonText(text: string, what: string): Validated<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ field: '', message: `${what} is not valid JSON (${reason})` }] };
  }
}
