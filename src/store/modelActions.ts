import { mnistFromDrawing, type InkGrid } from '../engine/digitPreprocessing.ts';
import type { ConfusionCell } from '../engine/modelEvaluation.ts';
import type { ModelFileFormat, ModelSource } from '../worker/protocol.ts';
import { useAppStore, type AppState } from './appStore.ts';
import { addNotice } from './notices.ts';
import { awaitModelFile, discardNextPrediction, onPredictionAnswered, type ModelFile } from './modelEvents.ts';
import { initialModelViewState, type ModelChoice } from './modelView.ts';
import { keptCheckpointIds } from './runsActions.ts';
import { canRetrainShownRun, sendModelRequest } from './searchActions.ts';

/** The retrained best model is this tab's worker's, for the run it ran last, once its retrain has ended. */
export function bestModelAvailable(state: Pick<AppState, 'run' | 'workerRunId' | 'access'>): boolean {
  return canRetrainShownRun(state) && state.run.retrain?.status === 'done';
}

/** What the worker needs to rebuild the chosen model; null when it cannot (no retrain yet, weights not kept). */
export function selectModelSource(state: AppState): ModelSource | null {
  const { choice, keptTrialIds, keptRunId } = state.model;
  if (choice.kind === 'best') return bestModelAvailable(state) ? { kind: 'best' } : null;
  const trial = state.run.trials[choice.trialId];
  if (!trial || !keptRunId || keptRunId !== state.run.runId || !keptTrialIds.includes(choice.trialId)) return null;
  return { kind: 'trial', runId: keptRunId, trialId: choice.trialId, hyperparameters: trial.run.hyperparameters };
}

/** Reads which trials of the run shown have kept weights (after a trial ends, a search ends, a run opens). */
export async function refreshKeptModels(): Promise<void> {
  const runId = useAppStore.getState().run.runId;
  if (!runId) return;
  // Another run is shown: what was shown of the last one's model goes.
  if (useAppStore.getState().model.keptRunId !== runId) useAppStore.setState({ model: { ...initialModelViewState(), keptRunId: runId } });
  const ids = await keptCheckpointIds(runId).catch(() => []);
  if (useAppStore.getState().run.runId === runId) useAppStore.setState((s) => ({ model: { ...s.model, keptTrialIds: ids, keptRunId: runId } }));
}

export function chooseModel(choice: ModelChoice): void {
  useAppStore.setState((s) => ({ model: { ...s.model, choice, evaluation: null, cell: null, probabilities: null } }));
}

/** Asks the worker for the chosen model's file; resolves with it (null if the worker failed, with a notice). */
export async function requestModelFile(format: ModelFileFormat): Promise<ModelFile | null> {
  const state = useAppStore.getState();
  const source = selectModelSource(state);
  if (!source || state.model.exporting) return null;
  const file = awaitModelFile();
  useAppStore.setState((s) => ({ model: { ...s.model, exporting: format } }));
  if (!sendModelRequest({ type: 'exportModel', source, format })) {
    useAppStore.setState((s) => ({ model: { ...s.model, exporting: null } }));
    addNotice('error', 'The search worker is not running: the model cannot be written.');
    return null;
  }
  return file;
}

export function evaluateChosenModel(): void {
  const source = selectModelSource(useAppStore.getState());
  if (!source || useAppStore.getState().model.evaluating) return;
  useAppStore.setState((s) => ({ model: { ...s.model, evaluating: true } }));
  if (!sendModelRequest({ type: 'evaluateModel', source })) useAppStore.setState((s) => ({ model: { ...s.model, evaluating: false } }));
}

/** Clicking a cell filters the gallery to it; clicking it again shows every mistake. */
export function toggleConfusionCell(cell: ConfusionCell): void {
  useAppStore.setState((s) => {
    const same = s.model.cell?.label === cell.label && s.model.cell.predicted === cell.predicted;
    return { model: { ...s.model, cell: same ? null : cell } };
  });
}

/**
 * One prediction in flight at most: a drawing that changes meanwhile waits, and only its latest
 * state is sent once the answer comes. Handles, not state (nothing renders them).
 */
let inFlight = false;
let waiting: Float32Array | null = null;

function sendPrediction(pixels: Float32Array): void {
  const source = selectModelSource(useAppStore.getState());
  if (!source) return;
  inFlight = sendModelRequest({ type: 'predictDigit', source, pixels });
  onPredictionAnswered(() => {
    inFlight = false;
    const next = waiting;
    waiting = null;
    if (next) sendPrediction(next);
  });
}

/** The pad's ink, preprocessed as MNIST was, to the worker; a blank pad clears the bars. */
export function predictDrawing(grid: InkGrid): void {
  const pixels = mnistFromDrawing(grid);
  if (!pixels) return clearDrawing();
  if (inFlight) waiting = pixels;
  else sendPrediction(pixels);
}

export function clearDrawing(): void {
  waiting = null;
  if (inFlight) discardNextPrediction();
  useAppStore.setState((s) => ({ model: { ...s.model, probabilities: null } }));
}
