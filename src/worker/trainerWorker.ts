/// <reference lib="webworker" />
import { chooseBrowserBackend } from '../training/browserBackends.ts';
import { TrainerHost } from './trainerHost.ts';
import type { TrainerRequest } from './trainerProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const host = new TrainerHost({
  post: (event, transfer = []) => scope.postMessage(event, transfer),
  chooseBackend: chooseBrowserBackend,
});

scope.onmessage = (message: MessageEvent<TrainerRequest>) => void host.handle(message.data);
