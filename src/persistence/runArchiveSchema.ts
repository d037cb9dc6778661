import { z } from 'zod';

/** The marker of a run archive: what **Export run** writes and **Import run** reads. */
export const RUN_ARCHIVE_FORMAT = 'rung-run';
export const RUN_ARCHIVE_VERSION = 1;

/** JSON has no NaN or Infinity: the archive writes a non-finite metric as the string "NaN", "Infinity" or "-Infinity". */
export const NON_FINITE_NAMES = ['NaN', 'Infinity', '-Infinity'] as const;

const metric = z.union([z.number(), z.enum(NON_FINITE_NAMES).transform(Number)]);
const count = z.number().int().min(0);
const scalar = z.union([z.number(), z.string(), z.boolean()]);
const objective = z.enum(['val_accuracy', 'val_loss']);

const divergence = z.strictObject({ epoch: z.number().int().min(1), batch: count, nanModelValAccuracy: z.number().min(0).max(1) });

const trialRun = z.strictObject({
  trialId: z.string().min(1),
  hyperparameters: z.record(z.string(), scalar),
  iteration: count,
  bracket: count,
  round: count,
  initialEpoch: count,
  epochs: z.number().int().min(1),
  parentId: z.string().nullable(),
  spaceVersion: count,
});

const oracleTrial = trialRun.extend({
  status: z.enum(['running', 'completed', 'failed']),
  score: metric.nullable(),
  bestEpoch: z.number().int().min(1).nullable(),
  failureReason: z.string().nullable(),
  divergence: divergence.nullable().optional(),
});

const roundEntry = z.strictObject({ parentId: z.string().nullable(), id: z.string() });

const oracleState = z.strictObject({
  version: z.number().int(),
  config: z.strictObject({
    maxEpochs: z.number().int().min(1),
    factor: z.number().int().min(2),
    iterations: z.number().int().min(1),
    seed: z.number().int(),
    objective,
    maxCollisions: count,
    maxConsecutiveFailedTrials: count,
  }),
  // Each space is checked by the search-space validator itself, so its messages are the editor's.
  spaces: z.array(z.unknown()).min(1),
  seedState: z.number().int(),
  triedSoFar: z.array(z.string()),
  currentBracket: z.number().int(),
  currentIteration: count,
  brackets: z.array(z.strictObject({ bracket: count, rounds: z.array(z.array(roundEntry)) })),
  trials: z.array(oracleTrial),
  // Runs stored before the oracle kept its end order have none; the page orders them by end times.
  endOrder: z.array(z.string()).optional(),
  stopReason: z.string().nullable(),
});

const testEvaluation = z.strictObject({
  accuracy: metric,
  loss: metric,
  epochs: z.number().int().min(1),
  runs: z.array(z.strictObject({ accuracy: metric, loss: metric })),
});

const runRecord = z.strictObject({
  runId: z.string().min(1),
  name: z.string().min(1).max(200),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: z.enum(['running', 'stopped', 'done']),
  // Checked by the settings validator itself, as the editor checks it.
  settings: z.unknown(),
  trainer: z.enum(['fit', 'fused']),
  retrains: count,
  backend: z.string(),
  oracle: oracleState,
  testEvaluation: testEvaluation.nullable(),
  endReason: z.string().nullable(),
});

const epochMetrics = z.strictObject({ epoch: z.number().int().min(1), loss: metric, accuracy: metric, valLoss: metric, valAccuracy: metric });

/** A TrialRecord without its runId: the archive names the run once. */
const trialRecord = z.strictObject({
  trialId: z.string().min(1),
  run: trialRun,
  status: z.enum(['pending', 'running', 'completed', 'failed']),
  attempt: count,
  epochs: z.array(epochMetrics),
  score: metric.nullable(),
  bestEpoch: z.number().int().min(1).nullable(),
  failureReason: z.string().nullable(),
  divergence: divergence.nullable().optional(),
  durationMs: z.number().min(0).nullable(),
  endedAt: z.string().nullable(),
});

/** A CheckpointRecord without its runId; `data` is the Float32Array's bytes (little-endian), base64. */
const checkpoint = z.strictObject({
  trialId: z.string().min(1),
  epoch: z.number().int().min(1),
  units: z.array(z.number().int().min(1)).min(1),
  dtype: z.literal('float32'),
  data: z.string(),
});

export const runArchiveSchema = z.strictObject({
  format: z.literal(RUN_ARCHIVE_FORMAT),
  version: z.literal(RUN_ARCHIVE_VERSION),
  rungVersion: z.string(),
  exportedAt: z.string(),
  run: runRecord,
  trials: z.array(trialRecord),
  checkpoints: z.array(checkpoint),
});

export type RunArchive = z.input<typeof runArchiveSchema>;
export type ParsedRunArchive = z.output<typeof runArchiveSchema>;
export type ArchivedCheckpoint = RunArchive['checkpoints'][number];
