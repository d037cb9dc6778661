import type { AnalysisEvent, AnalysisRequest } from './analysisProtocol.ts';
import { workerClient, type WorkerClient } from './workerClient.ts';

/** The page's end of the analysis protocol. */
export type AnalysisClient = WorkerClient<AnalysisRequest, AnalysisEvent>;

/** The longest a request waits for the page to be idle before it is posted anyway. */
const IDLE_WAIT_MS = 1000;

/** Safari has no requestIdleCallback: there a request waits only for the current task to end. */
const whenIdle = (task: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: IDLE_WAIT_MS });
  else setTimeout(task, 0);
};

/**
 * Starts the analysis worker (the forest library comes with it, in its own chunk). The store calls
 * this the first time the importance panel needs an answer, so a page that never shows one pays nothing.
 * A request is posted once the page is idle: the completion that prompts it also redraws the page,
 * and on two cores a forest started at once slows that redraw (measured: docs/using-the-app.md, "Cost").
 */
export function createAnalysisWorkerClient(): AnalysisClient {
  const worker = new Worker(new URL('./analysisWorker.ts', import.meta.url), { type: 'module', name: 'rung-analysis' });
  const client = workerClient<AnalysisRequest, AnalysisEvent>(worker, (message) => ({ type: 'crashed', message: `the analysis worker crashed: ${message}` }));
  return { ...client, send: (request) => whenIdle(() => client.send(request)) };
}
