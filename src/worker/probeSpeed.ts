import type { SpeedProfile } from '../search/estimate.ts';
import { checkNotStopped, MeasurementStoppedError } from '../training/benchRunner.ts';
import { CONCURRENT_PROBE_TRIALS, measureConcurrentStepMs, measureSingleWorkerSpeed } from '../training/speedProfile.ts';
import type { BackendName } from '../engine/backendNames.ts';
import type { SpeedProbeState } from './protocol.ts';
import type { TrainerEvent, TrainerRequest } from './trainerProtocol.ts';
import { poolSizeFor } from './trainerPool.ts';
import { nextEventOf, type TrainerChannel } from './workerExecutor.ts';

const PROBE_TIMEOUT_MS = 60_000;

/** Posts a request and waits for the first event of `type`; a probe failure or a crash rejects. */
async function ask(channel: TrainerChannel, request: TrainerRequest, type: TrainerEvent['type']): Promise<TrainerEvent> {
  const answer = nextEventOf(channel, [type, 'probeFailed', 'crashed'], PROBE_TIMEOUT_MS, 'the speed probe timed out');
  channel.post(request);
  const event = await answer;
  if (event.type === type) return event;
  throw new Error('error' in event ? event.error : 'the probe failed');
}

/** Where the probe gets its extra workers, and where it leaves those that started (for the search's pool). */
export interface ProbeWorkers {
  create(name: string): TrainerChannel;
  keepWarm(channel: TrainerChannel): void;
}

/**
 * How fast searches train on the backend already set: `fit` and fused steps in this worker alone,
 * then, where a search would use a pool, fused steps in this worker and as many probe workers at
 * once, which is how much the workers slow each other down (they share the CPU's cores and memory).
 */
export async function probeSpeed(backend: BackendName, cores: number, workers?: ProbeWorkers, shouldStop?: () => boolean): Promise<SpeedProfile> {
  const single = await measureSingleWorkerSpeed(shouldStop);
  const pool = poolSizeFor(backend, cores, 'auto');
  const alone = single.fused.find((m) => m.trials === CONCURRENT_PROBE_TRIALS)!.msPerStep;
  if (pool <= 1 || !workers) return { ...single, workers: 1, concurrentSlowdown: 1 };
  checkNotStopped(shouldStop);
  const channels = Array.from({ length: pool - 1 }, (_, i) => workers.create(`speed-probe-${i + 1}`));
  let started: TrainerChannel[] = [];
  try {
    const ready = await Promise.allSettled(channels.map((c) => ask(c, { type: 'prepareProbe', backend }, 'probeReady')));
    started = channels.filter((_, i) => ready[i]!.status === 'fulfilled');
    const [local, ...remote] = await Promise.all([
      measureConcurrentStepMs(),
      ...started.map((c) => ask(c, { type: 'probe' }, 'probed').then((e) => (e.type === 'probed' ? e.msPerStep : Number.NaN))),
    ]);
    const concurrent = [local!, ...remote].filter(Number.isFinite);
    const meanMs = concurrent.reduce((s, ms) => s + ms, 0) / concurrent.length;
    return { ...single, workers: 1 + started.length, concurrentSlowdown: Math.max(1, meanMs / alone) };
  } finally {
    channels.forEach((c) => (started.includes(c) ? workers.keepWarm(c) : c.terminate()));
  }
}

/**
 * The speed probe, run after the backend is ready rather than before: Start never waits for a
 * measurement. A search's start stops it between two measurements (a few seconds at most), so the
 * probe never shares the CPU with training; the estimate then says it was not measured.
 */
export class BackgroundSpeedProbe {
  private stopping = false;
  private readonly ended: Promise<void>;

  constructor(backend: BackendName, cores: number, workers: ProbeWorkers | undefined, onEnd: (speed: SpeedProfile | null, state: Exclude<SpeedProbeState, 'measuring'>) => void) {
    this.ended = probeSpeed(backend, cores, workers, () => this.stopping).then(
      (speed) => onEnd(speed, 'measured'),
      (error: unknown) => onEnd(null, error instanceof MeasurementStoppedError ? 'stopped' : 'failed'),
    );
  }

  /** Resolves once the probe has ended, at its next measurement's start at the latest. */
  stop(): Promise<void> {
    this.stopping = true;
    return this.ended;
  }
}
