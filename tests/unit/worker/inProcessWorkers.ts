import { nodeMnistSource } from '../../../src/build/nodeSource.ts';
import { chooseBackend } from '../../../src/training/backends.ts';
import type { SearchEvent } from '../../../src/worker/protocol.ts';
import { SearchHost } from '../../../src/worker/searchHost.ts';
import { TrainerHost } from '../../../src/worker/trainerHost.ts';
import type { TrainerEvent, TrainerRequest } from '../../../src/worker/trainerProtocol.ts';
import type { TrainerChannel } from '../../../src/worker/workerExecutor.ts';

/** Messages cross "workers" as postMessage would carry them: copied, and later. */
const deliver = <T>(message: T, to: (m: T) => void) => setTimeout(() => to(structuredClone(message)), 0);

/** A pool member running in this process behind the real trainer protocol. */
export function inProcessTrainerChannel(options: { crashOnJob?: number } = {}): TrainerChannel {
  const listeners: ((event: TrainerEvent) => void)[] = [];
  let jobs = 0;
  let dead = false;
  const host = new TrainerHost({
    post: (event) => !dead && deliver(event, (e) => listeners.forEach((l) => l(e))),
    chooseBackend: () => chooseBackend('cpu', ['cpu']),
    mnistSource: () => nodeMnistSource(),
  });
  return {
    post: (request: TrainerRequest) => {
      if (request.type === 'runJob' && ++jobs === options.crashOnJob) {
        dead = true;
        deliver({ type: 'crashed', error: 'simulated crash' } as TrainerEvent, (e) => listeners.forEach((l) => l(e)));
        return;
      }
      if (!dead) deliver(request, (r) => void host.handle(r));
    },
    onEvent: (listener) => void listeners.push(listener),
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
