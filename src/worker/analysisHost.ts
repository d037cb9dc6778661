import { fanovaImportance } from '../engine/importance/fanova.ts';
import type { ImportanceResult } from '../engine/importance/importanceResult.ts';
import type { AnalysisEvent, AnalysisRequest } from './analysisProtocol.ts';

export interface AnalysisHostEnvironment {
  post(event: AnalysisEvent): void;
  /**
   * Runs `task` later, after the messages already received (a macrotask in the worker), so that a
   * request superseded meanwhile is never computed.
   */
  defer(task: () => void): void;
}

/** A failure of the forest library becomes the panel's note, never a crashed worker. */
function importanceOf(request: AnalysisRequest): ImportanceResult {
  try {
    return fanovaImportance(request.hyperparameters, request.trials);
  } catch (error) {
    const reason = `Importance could not be computed: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, trialCount: request.trials.length, unassessed: [], reason };
  }
}

/**
 * The analysis worker's logic, free of `self`: it answers only the latest request it has received
 * when it gets to work, so a burst of completed trials costs one forest, not one per trial.
 */
export class AnalysisHost {
  private latest: AnalysisRequest | null = null;

  constructor(private readonly env: AnalysisHostEnvironment) {}

  handle(request: AnalysisRequest): void {
    const scheduled = this.latest !== null;
    this.latest = request;
    if (!scheduled) this.env.defer(() => this.answerLatest());
  }

  private answerLatest(): void {
    const request = this.latest;
    this.latest = null;
    if (request) this.env.post({ type: 'importance', requestId: request.requestId, result: importanceOf(request) });
  }
}
