import Papa from 'papaparse';
import { buildBestConfig, parseBestConfig, type BestConfig } from '../engine/bestConfig.ts';
import { kerasTunerScript } from '../engine/kerasTunerScript.ts';
import { mlpSpaceErrors } from '../engine/mlpSpace.ts';
import { rayTuneScript } from '../engine/rayTuneScript.ts';
import { parseSearchSpace, type SearchSpace } from '../engine/searchSpace.ts';
import { describeInput, formatFieldErrors, parseJsonText, type FieldError } from '../engine/validation.ts';
import type { OracleTrial } from '../engine/trial.ts';
import { useAppStore, type AppState } from './appStore.ts';
import { rankTrials, leaderboardRows, bestEpochMetrics } from './selectors/leaderboard.ts';
import { selectDraftValidation } from './selectors/draftValidation.ts';
import { draftFromSettings } from './settingsDraft.ts';
import { draftFromSpace } from './spaceDraft.ts';
import { runSpaces, type TrialView } from './runState.ts';

/** Larger files are refused unread: a search space or best config is a few kilobytes. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

function asOracleTrial(trial: TrialView): OracleTrial {
  return {
    ...trial.run,
    status: 'completed', score: trial.score, bestEpoch: trial.bestEpoch, failureReason: null, divergence: trial.divergence,
  };
}

/** The best-config document of the run shown, also mid-search (best so far); null before any trial completes. */
export function bestConfigDocument(state: AppState, now = new Date()): BestConfig | null {
  const { run } = state;
  if (!run.settings) return null;
  const trials = Object.values(run.trials);
  const ranks = rankTrials(trials, run.settings.objective);
  const best = trials.find((t) => ranks.get(t.trialId) === 1);
  if (!best) return null;
  const spaces = runSpaces(run);
  const space = spaces[best.run.spaceVersion] ?? spaces.at(-1)!;
  return buildBestConfig({
    trial: asOracleTrial(best),
    space,
    settings: run.settings,
    testEvaluation: run.retrain?.evaluation ?? null,
    // A stored run opened from the list was trained on the backend it recorded, not necessarily this one.
    backend: state.runs.find((r) => r.runId === run.runId)?.backend ?? state.backend?.backend ?? 'unknown',
    rungVersion: __RUNG_VERSION__,
    now,
  });
}

/** The editor's space and settings as a runnable Python script for a cluster; null while either is invalid. */
export function searchScript(state: Pick<AppState, 'spaceDraft' | 'settingsDraft'>, tool: 'kerasTuner' | 'rayTune'): string | null {
  const { valid, space, settings } = selectDraftValidation(state);
  if (!valid || !space || !settings) return null;
  const input = { space, settings, rungVersion: __RUNG_VERSION__ };
  return tool === 'kerasTuner' ? kerasTunerScript(input) : rayTuneScript(input);
}

/** Every trial as a CSV row; cells that a spreadsheet would run as formulas are escaped. */
export function trialsCsv(state: AppState): string {
  const rows = leaderboardRows(state.run).sort((a, b) => a.trialId.localeCompare(b.trialId));
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.hyperparameters)))];
  const data = rows.map((row) => {
    const trial = state.run.trials[row.trialId]!;
    return {
      trial_id: row.trialId, iteration: trial.run.iteration, bracket: row.bracket, round: row.round, status: row.status, parent_id: row.parentId ?? '',
      initial_epoch: trial.run.initialEpoch, epochs: trial.run.epochs, space_version: row.spaceVersion,
      ...Object.fromEntries(names.map((n) => [n, row.hyperparameters[n] ?? ''])),
      rank: row.rank ?? '', score: trial.score ?? '', best_epoch: trial.bestEpoch ?? '', best_val_accuracy: row.bestValAccuracy ?? '',
      val_loss_at_best: bestEpochMetrics(trial)?.valLoss ?? '', duration_s: row.durationMs === null ? '' : (row.durationMs / 1000).toFixed(2),
      failure_reason: row.failureReason ?? '',
      diverged_epoch: row.divergence?.epoch ?? '', diverged_batch: row.divergence?.batch ?? '',
    };
  });
  return Papa.unparse(data, { escapeFormulae: true, newline: '\n' });
}

function rejectImport(message: string): false {
  useAppStore.setState({ importError: message });
  return false;
}

function validSpace(space: SearchSpace, prefix: string): FieldError[] {
  return mlpSpaceErrors(space).map((e) => ({ ...e, field: `${prefix}${e.field}` }));
}

/**
 * Imports a best-config or search-space document into the editor. Anything wrong leaves the state
 * exactly as it was and says what, naming the field.
 */
export function importDocument(text: string, byteLength: number, fileName: string): boolean {
  if (byteLength > MAX_IMPORT_BYTES) return rejectImport(`${fileName} is ${(byteLength / 1024 / 1024).toFixed(1)} MB; an import is at most 1 MB`);
  const json = parseJsonText(text, fileName);
  if (!json.ok) return rejectImport(formatFieldErrors(json.errors));
  const value = json.value as Record<string, unknown> | null;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return rejectImport(`${fileName}: expected a best-config or search-space object, got ${describeInput(value)}`);
  }
  if ('format' in value) {
    const config = parseBestConfig(value);
    if (!config.ok) return rejectImport(`${fileName}: ${formatFieldErrors(config.errors)}`);
    const { space: spaceDocument, ...settings } = config.value.search;
    const space = parseSearchSpace(spaceDocument);
    const errors = space.ok ? validSpace(space.value, 'search.space.') : space.errors;
    if (!space.ok || errors.length) return rejectImport(`${fileName}: ${formatFieldErrors(errors)}`);
    const current = useAppStore.getState().settingsDraft;
    useAppStore.setState({ spaceDraft: draftFromSpace(space.value), settingsDraft: draftFromSettings(settings, current.trainer, Number(current.retrains)), importError: null });
    return true;
  }
  const space = parseSearchSpace(value);
  const errors = space.ok ? validSpace(space.value, '') : space.errors;
  if (!space.ok || errors.length) return rejectImport(`${fileName}: ${formatFieldErrors(errors)}`);
  useAppStore.setState({ spaceDraft: draftFromSpace(space.value), importError: null });
  return true;
}

export function clearImportError(): void {
  useAppStore.setState({ importError: null });
}
