import type { MnistLimits } from '../data/mnist.ts';
import { isGpuBackend, type BackendName } from '../engine/backendNames.ts';
import type { TrainerEvent } from './trainerProtocol.ts';
import { WorkerExecutor, type TrainerChannel } from './workerExecutor.ts';

export interface PoolInit {
  backend: BackendName;
  assetBaseUrl: string;
  limits: MnistLimits;
}

const READY_TIMEOUT_MS = 120_000;

/** Extra workers help where the CPU trains (WASM, CPU); GPU backends share one device, so one worker. */
export function poolSizeFor(backend: BackendName, cores: number, requested: number | 'auto'): number {
  if (requested !== 'auto') return Math.max(1, Math.min(requested, 16));
  if (isGpuBackend(backend)) return 1;
  return Math.max(1, Math.min(cores, 4));
}

function awaitReady(channel: TrainerChannel, executor: WorkerExecutor): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('did not get ready within 2 minutes')), READY_TIMEOUT_MS);
    channel.onEvent((event: TrainerEvent) => {
      if (event.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (event.type === 'initFailed' || event.type === 'crashed') {
        clearTimeout(timer);
        executor.fail(event.error);
        reject(new Error(event.error));
      }
    });
  });
}

/**
 * Starts `count` trainer workers, each with its own copy of the data on the same backend. Members
 * that fail to start are left out, with the reason; the search runs on the others.
 */
export async function startTrainerPool(
  count: number,
  init: PoolInit,
  createChannel: (name: string) => TrainerChannel,
  onProblem: (message: string) => void,
): Promise<WorkerExecutor[]> {
  const members = Array.from({ length: count }, (_, i) => {
    const name = `trainer-${i + 1}`;
    const channel = createChannel(name);
    const executor = new WorkerExecutor(name, channel);
    const ready = awaitReady(channel, executor);
    channel.post({ type: 'init', ...init });
    return { name, executor, ready };
  });
  const started: WorkerExecutor[] = [];
  for (const member of members) {
    try {
      await member.ready;
      started.push(member.executor);
    } catch (error) {
      member.executor.fail('could not start');
      onProblem(`${member.name} is not used: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return started;
}
