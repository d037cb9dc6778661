/// <reference lib="webworker" />
import { browserMnistSource } from '../data/browserSource.ts';
import { chooseBrowserBackend } from '../training/browserBackends.ts';
import type { SearchEvent, SearchRequest } from './protocol.ts';
import { SearchHost } from './searchHost.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const host = new SearchHost({
  post: (event: SearchEvent) => scope.postMessage(event),
  chooseBackend: chooseBrowserBackend,
  mnistSource: (assetBaseUrl) => browserMnistSource(assetBaseUrl),
});

scope.onmessage = (message: MessageEvent<SearchRequest>) => void host.handle(message.data);
