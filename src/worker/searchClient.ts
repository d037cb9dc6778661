import type { SearchEvent, SearchRequest } from './protocol.ts';

export type SearchEventListener = (event: SearchEvent) => void;

/** The page's end of the protocol: typed requests in, typed events out. */
export interface SearchClient {
  send(request: SearchRequest): void;
  subscribe(listener: SearchEventListener): () => void;
  terminate(): void;
}

export function createSearchWorkerClient(): SearchClient {
  const worker = new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module', name: 'rung-search' });
  const listeners = new Set<SearchEventListener>();
  worker.onmessage = (message: MessageEvent<SearchEvent>) => listeners.forEach((listener) => listener(message.data));
  worker.onerror = (error) => {
    const event: SearchEvent = { type: 'error', message: `the search worker crashed: ${error.message || 'unknown error'}` };
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
