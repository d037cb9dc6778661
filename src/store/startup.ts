import type { RunRepository } from '../persistence/runRepository.ts';
import type { SearchClient } from '../worker/searchClient.ts';
import { applyWriterEvents, connectRepository, openInterruptedRun, refreshRuns, requestPersistentStorage, watchWriterTab } from './runsActions.ts';
import { connectSearchClient, onRunsChanged } from './searchActions.ts';
import { claimWriterAccess, onBroadcastEvents } from './tabAccess.ts';
import { watchThrottling } from './throttleWatch.ts';

function debounce(action: () => void, waitMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(action, waitMs);
  };
}

/**
 * Connects the store to the search worker and to stored runs, settles which tab writes, and starts
 * watching for throttling. The writer tab offers to resume a run a closed or crashed tab left behind.
 */
export function startRung(client: SearchClient, openRepository: () => Promise<RunRepository>, assetBaseUrl: string): void {
  connectSearchClient(client, assetBaseUrl);
  connectRepository(openRepository);
  onRunsChanged(debounce(() => void refreshRuns(), 400));
  onBroadcastEvents((runId, events) => void applyWriterEvents(runId, events));
  claimWriterAccess(
    () => {
      void requestPersistentStorage();
      void openInterruptedRun();
    },
    () => void watchWriterTab(),
  );
  watchThrottling();
}
