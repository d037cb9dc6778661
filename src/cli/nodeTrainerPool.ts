import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MnistDataset } from '../data/mnist.ts';
import type { BackendName } from '../engine/backendNames.ts';
import { poolChannels, poolSizeFor, startTrainerPool } from '../worker/trainerPool.ts';
import { EventListeners } from '../worker/eventListeners.ts';
import type { TrainerEvent } from '../worker/trainerProtocol.ts';
import type { TrainerChannel, WorkerExecutor } from '../worker/workerExecutor.ts';

/**
 * A worker thread does not inherit tsx's module hooks, so it first imports tsx's ESM entry (which
 * registers them, as `node --import tsx/esm` would), then the TypeScript entry.
 */
function workerBootstrap(): string {
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
  const entry = fileURLToPath(new URL('./nodeTrainerWorker.ts', import.meta.url));
  return `require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`;
}

function nodeTrainerChannel(name: string): TrainerChannel {
  const worker = new Worker(workerBootstrap(), { name, eval: true });
  const listeners = new EventListeners<TrainerEvent>();
  const emit = (event: TrainerEvent) => listeners.emit(event);
  let terminated = false;
  worker.on('message', emit);
  worker.on('error', (error) => emit({ type: 'crashed', error: error.message }));
  worker.on('exit', (code) => {
    if (!terminated) emit({ type: 'crashed', error: `exited with code ${code}` });
  });
  return {
    post: (request, transfer = []) => worker.postMessage(request, transfer as never),
    onEvent: (listener) => listeners.add(listener),
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
}

/**
 * The trainer threads, as the app's search worker starts its pool: with `workers` 'auto', one thread per
 * core up to 4. With more than one, every trainer is a worker thread and the main thread only runs the
 * search: a trainer on the main thread kept it busy for whole epochs, so a thread that had finished
 * waited for its next job (measured: docs/results.md). With one, none is started and the main thread
 * trains. Each thread loads its own copy of the data; one that fails to start is reported and left out.
 */
export async function startNodeTrainerPool(backend: BackendName, dataset: MnistDataset, workers: number | 'auto', onProblem: (message: string) => void): Promise<WorkerExecutor[]> {
  const threads = poolSizeFor(backend, availableParallelism(), workers);
  if (threads <= 1) return [];
  return startTrainerPool(poolChannels(threads, [], nodeTrainerChannel), { backend, dataset }, onProblem);
}
