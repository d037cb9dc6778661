/// <reference lib="webworker" />
import { browserMnistSource } from '../data/browserSource.ts';
import { chooseBrowserBackend } from '../training/browserBackends.ts';
import type { SearchEvent, SearchRequest } from './protocol.ts';
import { RunRepository } from '../persistence/runRepository.ts';
import { EventListeners } from './eventListeners.ts';
import { SearchHost } from './searchHost.ts';
import type { TrainerEvent, TrainerRequest } from './trainerProtocol.ts';
import type { TrainerChannel } from './workerExecutor.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function trainerChannel(name: string): TrainerChannel {
  const worker = new Worker(new URL('./trainerWorker.ts', import.meta.url), { type: 'module', name });
  const listeners = new EventListeners<TrainerEvent>();
  worker.onmessage = (message: MessageEvent<TrainerEvent>) => listeners.emit(message.data);
  worker.onerror = (error) => {
    error.preventDefault();
    listeners.emit({ type: 'crashed', error: error.message || 'the worker crashed' });
  };
  return {
    post: (request: TrainerRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer),
    onEvent: (listener) => listeners.add(listener),
    terminate: () => worker.terminate(),
  };
}

const host = new SearchHost({
  post: (event: SearchEvent) => scope.postMessage(event),
  chooseBackend: chooseBrowserBackend,
  mnistSource: (assetBaseUrl) => browserMnistSource(assetBaseUrl),
  createTrainerChannel: trainerChannel,
  openRepository: () => RunRepository.open(),
  hardwareConcurrency: navigator.hardwareConcurrency || 1,
});

scope.onmessage = (message: MessageEvent<SearchRequest>) => void host.handle(message.data);
