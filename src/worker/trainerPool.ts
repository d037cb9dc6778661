import type { MnistDataset } from '../data/mnist.ts';
import { isGpuBackend, type BackendName } from '../engine/backendNames.ts';
import { nextEventOf, WorkerExecutor, type TrainerChannel } from './workerExecutor.ts';

export interface PoolInit {
  backend: BackendName;
  /** Copied to each member (postMessage clones it): each trains on its own copy. */
  dataset: MnistDataset;
}

const READY_TIMEOUT_MS = 120_000;

/** Extra workers help where the CPU trains (WASM, CPU); GPU backends share one device, so one worker. */
export function poolSizeFor(backend: BackendName, cores: number, requested: number | 'auto'): number {
  if (requested !== 'auto') return Math.max(1, Math.min(requested, 16));
  if (isGpuBackend(backend)) return 1;
  return Math.max(1, Math.min(cores, 4));
}

async function awaitReady(channel: TrainerChannel, executor: WorkerExecutor): Promise<void> {
  const event = await nextEventOf(channel, ['ready', 'initFailed', 'crashed'], READY_TIMEOUT_MS, 'did not get ready within 2 minutes');
  if (event.type === 'ready') return;
  executor.fail(event.error);
  throw new Error(event.error);
}

/**
 * Starts a trainer worker on each channel, each with its own copy of the data, on the same backend
 * (a warm channel's backend already runs). Members that fail to start are left out, with the reason;
 * the search runs on the others.
 */
export async function startTrainerPool(
  channels: readonly { name: string; channel: TrainerChannel }[],
  init: PoolInit,
  onProblem: (message: string) => void,
): Promise<WorkerExecutor[]> {
  const members = channels.map(({ name, channel }) => {
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

/** Channels named trainer-1 … trainer-count: the warm ones given first, new ones for the rest. */
export function poolChannels(count: number, warm: readonly TrainerChannel[], createChannel: (name: string) => TrainerChannel): { name: string; channel: TrainerChannel }[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `trainer-${i + 1}`;
    return { name, channel: warm[i] ?? createChannel(name) };
  });
}
