import { checkpointsToKeep } from '../engine/checkpointPolicy.ts';
import { mlpSpaceErrors, parameterCount } from '../engine/mlpSpace.ts';
import type { OracleState } from '../engine/oracleState.ts';
import { parseSearchSpace, type SearchSpace } from '../engine/searchSpace.ts';
import { parseSettings } from '../engine/settings.ts';
import { describeInput, parseJsonText, REPORT_INPUT, zodFieldErrors, type FieldError, type Validated } from '../engine/validation.ts';
import type { CheckpointRecord, RunRecord, TrialRecord } from './records.ts';
import { RUN_ARCHIVE_FORMAT, RUN_ARCHIVE_VERSION, runArchiveSchema, type ArchivedCheckpoint, type ParsedRunArchive, type RunArchive } from './runArchiveSchema.ts';

/** A run as the repository stores it: what an archive holds, and what an import adds. */
export interface RunRecords {
  run: RunRecord;
  trials: TrialRecord[];
  checkpoints: CheckpointRecord[];
}

/** An archive read back: its records, and whether the run can be resumed here. */
export interface ImportedRun extends RunRecords {
  /** The run was saved mid-search (interrupted). */
  unfinished: boolean;
  /** An unfinished run without the weights its next rounds start from is stored as stopped, never resumable. */
  resumable: boolean;
}

const BYTES_PER_FLOAT32 = 4;
/** btoa and String.fromCharCode take at most this many bytes at once without overflowing the call stack. */
const BASE64_CHUNK_BYTES = 0x8000;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += BASE64_CHUNK_BYTES) {
    binary += String.fromCharCode(...bytes.subarray(start, start + BASE64_CHUNK_BYTES));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function archivedCheckpoint({ trialId, epoch, units, data }: CheckpointRecord): ArchivedCheckpoint {
  return { trialId, epoch, units, dtype: 'float32', data: bytesToBase64(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) };
}

/** The archive of a stored run; `checkpoints` empty when the weights are left out. */
export function buildRunArchive(records: RunRecords, rungVersion: string, now = new Date()): RunArchive {
  return {
    format: RUN_ARCHIVE_FORMAT,
    version: RUN_ARCHIVE_VERSION,
    rungVersion,
    exportedAt: now.toISOString(),
    run: records.run,
    trials: records.trials.map(({ runId: _runId, ...trial }) => trial),
    checkpoints: records.checkpoints.map(archivedCheckpoint),
  };
}

/** The archive as a file's text: a non-finite metric (a diverged trial's loss) is written by name. */
export function runArchiveText(archive: RunArchive): string {
  return `${JSON.stringify(archive, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value))}\n`;
}

const prefixed = (prefix: string, errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ ...e, field: `${prefix}${e.field}` }));

function spaceErrors(spaces: readonly unknown[]): { spaces: SearchSpace[]; errors: FieldError[] } {
  const parsed: SearchSpace[] = [];
  const errors: FieldError[] = [];
  spaces.forEach((input, i) => {
    const space = parseSearchSpace(input);
    if (!space.ok) return errors.push(...prefixed(`run.oracle.spaces[${i}].`, space.errors));
    errors.push(...prefixed(`run.oracle.spaces[${i}].`, mlpSpaceErrors(space.value)));
    parsed.push(space.value);
  });
  return { spaces: parsed, errors };
}

/** Every trial, end and checkpoint must name a trial of the oracle state, and every checkpoint fit its layers. */
function referenceErrors(archive: ParsedRunArchive): FieldError[] {
  const errors: FieldError[] = [];
  const { oracle } = archive.run;
  const known = new Set(oracle.trials.map((t) => t.trialId));
  const unknown = (field: string, trialId: string) => errors.push({ field, message: `trial "${trialId}" is not in the run's oracle state` });
  oracle.trials.forEach((trial, i) => {
    if (trial.spaceVersion >= oracle.spaces.length) {
      errors.push({ field: `run.oracle.trials[${i}].spaceVersion`, message: `trial "${trial.trialId}" names space version ${trial.spaceVersion}, but the run has ${oracle.spaces.length}` });
    }
  });
  (oracle.endOrder ?? []).forEach((id, i) => known.has(id) || unknown(`run.oracle.endOrder[${i}]`, id));
  const seen = new Set<string>();
  archive.trials.forEach((trial, i) => {
    if (!known.has(trial.trialId)) unknown(`trials[${i}].trialId`, trial.trialId);
    else if (seen.has(trial.trialId)) errors.push({ field: `trials[${i}].trialId`, message: `trial "${trial.trialId}" appears twice` });
    else if (trial.run.trialId !== trial.trialId) errors.push({ field: `trials[${i}].run.trialId`, message: `is "${trial.run.trialId}", but the record is trial "${trial.trialId}"` });
    seen.add(trial.trialId);
  });
  archive.checkpoints.forEach((checkpoint, i) => {
    if (!known.has(checkpoint.trialId)) return unknown(`checkpoints[${i}].trialId`, checkpoint.trialId);
    const bytes = base64ToBytes(checkpoint.data);
    const expected = parameterCount(checkpoint.units) * BYTES_PER_FLOAT32;
    if (bytes === null) errors.push({ field: `checkpoints[${i}].data`, message: `trial "${checkpoint.trialId}": not base64` });
    else if (bytes.length !== expected) {
      errors.push({ field: `checkpoints[${i}].data`, message: `trial "${checkpoint.trialId}": ${bytes.length} bytes, but layers [${checkpoint.units.join(', ')}] take ${expected}` });
    }
  });
  return errors;
}

function checkpointRecord(runId: string, { trialId, epoch, units, data }: ArchivedCheckpoint): CheckpointRecord {
  const bytes = base64ToBytes(data)!;
  return { runId, trialId, epoch, units, data: new Float32Array(bytes.buffer, 0, bytes.length / BYTES_PER_FLOAT32) };
}

/**
 * Reads an archive's text: the format marker and version first (a foreign or newer file is named as
 * such), then every field, then that every trial and checkpoint belongs to the run. Each error names its field.
 */
export function parseRunArchive(text: string, fileName: string): Validated<ImportedRun> {
  const json = parseJsonText(text, fileName);
  if (!json.ok) return json;
  const value = json.value as { format?: unknown; version?: unknown } | null;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: [{ field: '', message: `${fileName}: expected a Rung run archive, got ${describeInput(value)}` }] };
  }
  if (value.format !== RUN_ARCHIVE_FORMAT) {
    return { ok: false, errors: [{ field: 'format', message: `expected "${RUN_ARCHIVE_FORMAT}", got ${describeInput(value.format)}: ${fileName} is not a Rung run archive` }] };
  }
  if (typeof value.version === 'number' && value.version > RUN_ARCHIVE_VERSION) {
    return { ok: false, errors: [{ field: 'version', message: `version ${value.version} is newer than this Rung reads (${RUN_ARCHIVE_VERSION})` }] };
  }
  const parsed = runArchiveSchema.safeParse(value, REPORT_INPUT);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const archive = parsed.data;
  const settings = parseSettings(archive.run.settings);
  const spaces = spaceErrors(archive.run.oracle.spaces);
  const errors = [...(settings.ok ? [] : prefixed('run.settings.', settings.errors)), ...spaces.errors, ...referenceErrors(archive)];
  if (!settings.ok || errors.length) return { ok: false, errors };

  const { runId } = archive.run;
  const oracle = { ...archive.run.oracle, spaces: spaces.spaces } as OracleState;
  const checkpoints = archive.checkpoints.map((c) => checkpointRecord(runId, c));
  const needed = checkpointsToKeep(oracle);
  const unfinished = archive.run.status === 'running';
  const resumable = unfinished && [...needed].every((id) => checkpoints.some((c) => c.trialId === id));
  const status = unfinished && !resumable ? 'stopped' : archive.run.status;
  const run: RunRecord = { ...archive.run, status, settings: settings.value, oracle };
  const trials: TrialRecord[] = archive.trials.map((trial) => ({ runId, ...trial }));
  return { ok: true, value: { run, trials, checkpoints, unfinished, resumable } };
}
