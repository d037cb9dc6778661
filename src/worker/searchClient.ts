import type { SearchEvent, SearchRequest } from './protocol.ts';
import { workerClient, type WorkerClient } from './workerClient.ts';

/** The page's end of the search protocol. */
export type SearchClient = WorkerClient<SearchRequest, SearchEvent>;

export function createSearchWorkerClient(): SearchClient {
  const worker = new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module', name: 'rung-search' });
  return workerClient(worker, (message) => ({ type: 'error', message: `the search worker crashed: ${message}` }));
}
