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
 * The extra trainer threads beside the main one, as the app's search worker starts them: with
 * `workers` 'auto', one thread per core up to 4 (the main thread counts as one). Each loads its own
 * copy of the data; a thread that fails to start is reported and left out.
 */
export async function startNodeTrainerPool(backend: BackendName, dataset: MnistDataset, workers: number | 'auto', onProblem: (message: string) => void): Promise<WorkerExecutor[]> {
  const extra = poolSizeFor(backend, availableParallelism(), workers) - 1;
  if (extra <= 0) return [];
  return startTrainerPool(poolChannels(extra, [], nodeTrainerChannel), { backend, dataset }, onProblem);
}
