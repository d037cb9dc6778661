import type { SearchEvent } from '../worker/protocol.ts';
import type { AppState } from './appStore.ts';

export const MODEL_EVENTS = ['modelFile', 'modelEvaluation', 'digitPrediction'] as const;

type ModelEvent = Extract<SearchEvent, { type: (typeof MODEL_EVENTS)[number] }>;

export interface ModelFile {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Who waits for the file the worker is writing (the component that saves it), and for a drawing's
 * answer: handles, not state (nothing renders them).
 */
let fileWaiter: ((file: ModelFile | null) => void) | null = null;
let predictionAnswered: (() => void) | null = null;
/** The pad was cleared while a prediction was in flight: its answer belongs to the old drawing. */
let discardNext = false;

export function discardNextPrediction(): void {
  discardNext = true;
}

export function awaitModelFile(): Promise<ModelFile | null> {
  fileWaiter?.(null);
  return new Promise((resolve) => (fileWaiter = resolve));
}

export function onPredictionAnswered(callback: (() => void) | null): void {
  predictionAnswered = callback;
}

/** A failed model request: the file waited for will not come. */
export function abandonModelFile(): void {
  fileWaiter?.(null);
  fileWaiter = null;
}

export function isModelEvent(event: SearchEvent): event is ModelEvent {
  return (MODEL_EVENTS as readonly string[]).includes(event.type);
}

export function applyModelEvent(state: AppState, event: ModelEvent): AppState {
  if (event.type === 'modelFile') {
    fileWaiter?.({ fileName: event.fileName, bytes: event.bytes });
    fileWaiter = null;
    return { ...state, model: { ...state.model, exporting: null } };
  }
  if (event.type === 'modelEvaluation') return { ...state, model: { ...state.model, evaluating: false, evaluation: event.evaluation, cell: null } };
  const answered = predictionAnswered;
  if (answered) queueMicrotask(answered);
  if (discardNext) {
    discardNext = false;
    return state;
  }
  return { ...state, model: { ...state.model, probabilities: event.probabilities } };
}
