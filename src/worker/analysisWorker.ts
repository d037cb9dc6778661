/// <reference lib="webworker" />
import type { AnalysisEvent, AnalysisRequest } from './analysisProtocol.ts';
import { AnalysisHost } from './analysisHost.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const host = new AnalysisHost({
  post: (event: AnalysisEvent) => scope.postMessage(event),
  defer: (task) => void setTimeout(task, 0),
});

scope.onmessage = (message: MessageEvent<AnalysisRequest>) => host.handle(message.data);
