import type { RunRepository } from '../persistence/runRepository.ts';
import type { AnalysisClient } from '../worker/analysisClient.ts';
import type { SearchClient } from '../worker/searchClient.ts';
import { connectAnalysisClient } from './importanceActions.ts';
import { connectRepository, openInterruptedRun, requestPersistentStorage } from './runsActions.ts';
import { connectSearchClient } from './searchActions.ts';
import { applyWriterEvents, watchWriterTab } from './searchEvents.ts';
import { claimWriterAccess, onBroadcastEvents } from './tabAccess.ts';
import { watchThrottling } from './throttleWatch.ts';

/**
 * Connects the store to the search worker and to stored runs (and says how to start the analysis
 * worker, which starts when the importance panel first asks), settles which tab writes, and starts
 * watching for throttling. The writer tab offers to resume a run a closed or crashed tab left behind.
 */
export function startRung(client: SearchClient, startAnalysisClient: () => AnalysisClient, openRepository: () => Promise<RunRepository>, assetBaseUrl: string): void {
  connectSearchClient(client, assetBaseUrl);
  connectAnalysisClient(startAnalysisClient);
  connectRepository(openRepository);
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
