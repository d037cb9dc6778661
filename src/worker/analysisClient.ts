import type { AnalysisEvent, AnalysisRequest } from './analysisProtocol.ts';

export type AnalysisEventListener = (event: AnalysisEvent) => void;

/** The page's end of the analysis protocol: typed requests in, typed events out. */
export interface AnalysisClient {
  send(request: AnalysisRequest): void;
  subscribe(listener: AnalysisEventListener): () => void;
  terminate(): void;
}

/**
 * Starts the analysis worker (the forest library comes with it, in its own chunk). The store calls
 * this the first time the importance panel needs an answer, so a page that never shows one pays nothing.
 */
export function createAnalysisWorkerClient(): AnalysisClient {
  const worker = new Worker(new URL('./analysisWorker.ts', import.meta.url), { type: 'module', name: 'rung-analysis' });
  const listeners = new Set<AnalysisEventListener>();
  worker.onmessage = (message: MessageEvent<AnalysisEvent>) => listeners.forEach((listener) => listener(message.data));
  worker.onerror = (error) => {
    error.preventDefault();
    const event: AnalysisEvent = { type: 'crashed', message: `the analysis worker crashed: ${error.message || 'unknown error'}` };
    listeners.forEach((listener) => listener(event));
  };
  return {
    send: (request) => worker.postMessage(request),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    terminate: () => worker.terminate(),
  };
}
