import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { mlpSpaceErrors } from '../engine/mlpSpace.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../engine/referenceDefaults.ts';
import { parseSearchSpace, type SearchSpace } from '../engine/searchSpace.ts';
import { parseSettings, type SearchSettings } from '../engine/settings.ts';
import { formatFieldErrors, parseJsonText } from '../engine/validation.ts';
import type { TrainerChoice } from '../search/trainerChoice.ts';

export const NODE_BACKENDS = ['wasm', 'cpu'] as const;
export type NodeBackendName = (typeof NODE_BACKENDS)[number];

export interface TuneOptions {
  plan: boolean;
  settings: SearchSettings;
  space: SearchSpace;
  backend: NodeBackendName | null;
  outPath: string | null;
  /** Where the retrained best model's files go (model.json, model.weights.bin, model.keras); null: not written. */
  saveModelDir: string | null;
  retrains: number;
  trainer: TrainerChoice;
  /** Training threads; 'auto': one per core, up to 4. More than one: all are worker threads, and the main thread runs the search. */
  workers: number | 'auto';
  quiet: boolean;
}

/** A bad command line: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}

const FLAGS = {
  plan: { type: 'boolean' },
  'max-epochs': { type: 'string' },
  factor: { type: 'string' },
  iterations: { type: 'string' },
  seed: { type: 'string' },
  objective: { type: 'string' },
  space: { type: 'string' },
  'batch-size': { type: 'string' },
  'train-limit': { type: 'string' },
  'val-limit': { type: 'string' },
  'test-limit': { type: 'string' },
  backend: { type: 'string' },
  out: { type: 'string' },
  'save-model': { type: 'string' },
  retrains: { type: 'string' },
  trainer: { type: 'string' },
  workers: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

function integerFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${name} must be an integer, got "${text}"`);
  return Number(text);
}

function readSpaceFile(path: string): SearchSpace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--space ${path}: ${(error as Error).message}`);
  }
  const json = parseJsonText(text, path);
  const parsed = json.ok ? parseSearchSpace(json.value) : json;
  if (!parsed.ok) throw new UsageError(`--space ${path}: ${formatFieldErrors(parsed.errors)}`);
  const mlpErrors = mlpSpaceErrors(parsed.value);
  if (mlpErrors.length) throw new UsageError(`--space ${path}: ${formatFieldErrors(mlpErrors)}`);
  return parsed.value;
}

const FLAG_OF_SETTING: Record<string, string> = {
  maxEpochs: 'max-epochs',
  batchSize: 'batch-size',
  trainLimit: 'train-limit',
  valLimit: 'val-limit',
  testLimit: 'test-limit',
};

export function parseTuneArgs(argv: readonly string[]): TuneOptions {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true; allowPositionals: false }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const limit = (name: string, text: string | undefined) => integerFlag(name, text) ?? null;
  const candidate = {
    ...DEFAULT_SETTINGS,
    maxEpochs: integerFlag('max-epochs', values['max-epochs']) ?? DEFAULT_SETTINGS.maxEpochs,
    factor: integerFlag('factor', values.factor) ?? DEFAULT_SETTINGS.factor,
    iterations: integerFlag('iterations', values.iterations) ?? DEFAULT_SETTINGS.iterations,
    seed: integerFlag('seed', values.seed) ?? DEFAULT_SETTINGS.seed,
    objective: values.objective ?? DEFAULT_SETTINGS.objective,
    batchSize: integerFlag('batch-size', values['batch-size']) ?? DEFAULT_SETTINGS.batchSize,
    trainLimit: limit('train-limit', values['train-limit']),
    valLimit: limit('val-limit', values['val-limit']),
    testLimit: limit('test-limit', values['test-limit']),
  };
  const settings = parseSettings(candidate);
  if (!settings.ok) {
    const named = settings.errors.map((e) => ({ ...e, field: `--${FLAG_OF_SETTING[e.field] ?? e.field}` }));
    throw new UsageError(formatFieldErrors(named));
  }
  const backend = values.backend ?? null;
  if (backend !== null && !(NODE_BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(`--backend must be one of ${NODE_BACKENDS.join(', ')}, got "${backend}"`);
  }
  const trainer = values.trainer ?? 'auto';
  if (trainer !== 'fit' && trainer !== 'fused' && trainer !== 'auto') throw new UsageError(`--trainer must be auto, fit or fused, got "${trainer}"`);
  const retrains = integerFlag('retrains', values.retrains) ?? 1;
  if (retrains < 0 || retrains > 10) throw new UsageError(`--retrains must be from 0 to 10, got ${retrains}`);
  const saveModelDir = values['save-model'] ?? null;
  if (saveModelDir !== null && saveModelDir.trim() === '') throw new UsageError('--save-model needs a directory');
  if (saveModelDir !== null && retrains === 0) throw new UsageError('--save-model needs --retrains of 1 or more: the saved model is the retrained best');
  const workers = values.workers === undefined || values.workers === 'auto' ? 'auto' : integerFlag('workers', values.workers)!;
  if (workers !== 'auto' && (workers < 1 || workers > 16)) throw new UsageError(`--workers must be auto or from 1 to 16, got ${workers}`);
  return {
    plan: values.plan ?? false,
    settings: settings.value,
    space: values.space ? readSpaceFile(values.space) : referenceSearchSpace(),
    backend: backend as NodeBackendName | null,
    outPath: values.out ?? null,
    saveModelDir,
    retrains,
    trainer,
    workers,
    quiet: values.quiet ?? false,
  };
}
