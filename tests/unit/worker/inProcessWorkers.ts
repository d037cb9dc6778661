import { nodeMnistSource } from '../../../src/build/nodeSource.ts';
import { chooseBackend } from '../../../src/training/backends.ts';
import type { AnalysisClient } from '../../../src/worker/analysisClient.ts';
import { AnalysisHost } from '../../../src/worker/analysisHost.ts';
import type { AnalysisEvent, AnalysisRequest } from '../../../src/worker/analysisProtocol.ts';
import type { SearchEvent } from '../../../src/worker/protocol.ts';
import { SearchHost } from '../../../src/worker/searchHost.ts';
import { TrainerHost } from '../../../src/worker/trainerHost.ts';
import type { TrainerEvent, TrainerRequest } from '../../../src/worker/trainerProtocol.ts';
import { EventListeners } from '../../../src/worker/eventListeners.ts';
import type { TrainerChannel } from '../../../src/worker/workerExecutor.ts';

/** Messages cross "workers" as postMessage would carry them: copied, and later. */
const deliver = <T>(message: T, to: (m: T) => void) => setTimeout(() => to(structuredClone(message)), 0);

/** A pool member running in this process behind the real trainer protocol. */
export function inProcessTrainerChannel(options: { crashOnJob?: number } = {}): TrainerChannel {
  const listeners = new EventListeners<TrainerEvent>();
  let jobs = 0;
  let dead = false;
  const host = new TrainerHost({
    post: (event) => !dead && deliver(event, (e) => listeners.emit(e)),
    chooseBackend: () => chooseBackend('cpu', ['cpu']),
  });
  return {
    post: (request: TrainerRequest) => {
      if (request.type === 'runJob' && ++jobs === options.crashOnJob) {
        dead = true;
        deliver({ type: 'crashed', error: 'simulated crash' } as TrainerEvent, (e) => listeners.emit(e));
        return;
      }
      if (!dead) deliver(request, (r) => void host.handle(r));
    },
    onEvent: (listener) => listeners.add(listener),
    terminate: () => {
      dead = true;
    },
  };
}

/** The search worker's host, in this process, on the CPU backend, collecting every event it posts. */
export function inProcessSearchHost(poolChannels: (name: string) => TrainerChannel = () => inProcessTrainerChannel()) {
  const events: SearchEvent[] = [];
  const waiters: { type: SearchEvent['type']; resolve: (e: SearchEvent) => void }[] = [];
  const host = new SearchHost({
    post: (event) => {
      events.push(structuredClone(event));
      waiters.filter((w) => w.type === event.type).forEach((w) => w.resolve(event));
    },
    chooseBackend: () => chooseBackend('cpu', ['cpu']),
    mnistSource: () => nodeMnistSource(),
    createTrainerChannel: poolChannels,
    hardwareConcurrency: 2,
  });
  const next = (type: SearchEvent['type']) => {
    const seen = events.find((e) => e.type === type);
    return seen ? Promise.resolve(seen) : new Promise<SearchEvent>((resolve) => waiters.push({ type, resolve }));
  };
  return { host, events, next };
}

/**
 * The analysis worker's host in this process behind the real protocol, counting what it posts.
 * `defer` decides when the host gets to work (a macrotask by default, as in the worker).
 */
export function inProcessAnalysisClient(defer: (task: () => void) => void = (task) => void setTimeout(task, 0)) {
  const listeners = new Set<(event: AnalysisEvent) => void>();
  const posted: AnalysisEvent[] = [];
  const host = new AnalysisHost({
    post: (event) => {
      posted.push(event);
      deliver(event, (e) => listeners.forEach((l) => l(e)));
    },
    defer,
  });
  const client: AnalysisClient = {
    send: (request: AnalysisRequest) => deliver(request, (r) => host.handle(r)),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    terminate: () => listeners.clear(),
  };
  /** What the client reports when the worker dies. */
  const crash = (message: string) => deliver({ type: 'crashed', message } as AnalysisEvent, (e) => listeners.forEach((l) => l(e)));
  return { client, posted, crash };
}
