import type { ImportanceResult } from '../engine/importance/importanceResult.ts';
import type { AnalysisClient } from '../worker/analysisClient.ts';
import type { AnalysisEvent } from '../worker/analysisProtocol.ts';
import { useAppStore } from './appStore.ts';
import type { ImportanceQuestion } from './selectors/importance.ts';

/** Answers kept: going back to a budget (or trial set) seen lately shows its answer at once. */
const KEPT_ANSWERS = 8;

/** How to start the analysis worker, given at start-up; it is started on the first question. */
let startClient: (() => AnalysisClient) | null = null;
/** The analysis worker, once started; null again after it crashed, so the next question starts a new one. */
let client: AnalysisClient | null = null;
let latestRequestId = 0;
/** The question whose answer the store waits for: only the latest request's answer is applied. */
let pending: ImportanceQuestion | null = null;

function answer(question: ImportanceQuestion, result: ImportanceResult): void {
  pending = null;
  useAppStore.setState((s) => ({
    importanceAnalysis: {
      pendingKey: null,
      answers: [...s.importanceAnalysis.answers.filter((a) => a.key !== question.key), { key: question.key, runId: question.runId, epochs: question.epochs, result }].slice(-KEPT_ANSWERS),
    },
  }));
}

/** The question in flight gets a note instead of bars; the panel never waits on a dead worker. */
function fail(message: string): void {
  client?.terminate();
  client = null;
  if (pending) answer(pending, { ok: false, trialCount: pending.trials.length, unassessed: [], reason: `Importance could not be computed: ${message}` });
}

function onAnalysisEvent(event: AnalysisEvent): void {
  if (event.type === 'crashed') return fail(event.message);
  // An answer to an older request: a newer question is on its way, and its answer alone is shown.
  if (event.requestId !== latestRequestId || pending === null) return;
  answer(pending, event.result);
}

/** Says how to start the analysis worker; nothing is started until the importance panel asks a question. */
export function connectAnalysisClient(start: () => AnalysisClient): () => void {
  startClient = start;
  return () => {
    client?.terminate();
    client = null;
    startClient = null;
    pending = null;
    useAppStore.setState((s) => ({ importanceAnalysis: { ...s.importanceAnalysis, pendingKey: null } }));
  };
}

/** Asks the analysis worker for the question's answer, unless it is kept or already asked for. */
export function requestImportance(question: ImportanceQuestion): void {
  const analysis = useAppStore.getState().importanceAnalysis;
  if (!startClient || analysis.pendingKey === question.key || analysis.answers.some((a) => a.key === question.key)) return;
  const requestId = ++latestRequestId;
  pending = question;
  useAppStore.setState({ importanceAnalysis: { ...analysis, pendingKey: question.key } });
  try {
    if (!client) {
      client = startClient();
      client.subscribe(onAnalysisEvent);
    }
    client.send({ type: 'importance', requestId, hyperparameters: question.hyperparameters, trials: question.trials });
  } catch (error) {
    fail(`the analysis worker could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}
