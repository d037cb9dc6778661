import type { AnalysisEvent, AnalysisRequest } from './analysisProtocol.ts';
import { workerClient, type WorkerClient } from './workerClient.ts';

/** The page's end of the analysis protocol. */
export type AnalysisClient = WorkerClient<AnalysisRequest, AnalysisEvent>;

/**
 * Starts the analysis worker (the forest library comes with it, in its own chunk). The store calls
 * this the first time the importance panel needs an answer, so a page that never shows one pays nothing.
 */
export function createAnalysisWorkerClient(): AnalysisClient {
  const worker = new Worker(new URL('./analysisWorker.ts', import.meta.url), { type: 'module', name: 'rung-analysis' });
  return workerClient(worker, (message) => ({ type: 'crashed', message: `the analysis worker crashed: ${message}` }));
}
