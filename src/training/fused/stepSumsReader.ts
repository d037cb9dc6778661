import * as tf from '@tensorflow/tfjs';
import type { GroupStepSums } from './trialGroupModel.ts';

export interface NonFiniteLoss {
  trialIndex: number;
  /** 1-based batch of the epoch where the loss first stopped being finite. */
  batch: number;
}

/**
 * Holds each step's per-trial sums on the device and reads them in one transfer every few steps:
 * no readback per step, yet a non-finite loss is traced to the exact batch where it appeared.
 * Sums the kernel path computed are plain numbers already; they wait with the rest, in step order.
 */
export class StepSumsReader {
  private pending: { batch: number; sums: GroupStepSums }[] = [];
  lossTotals: Float64Array;
  correctTotals: Float64Array;

  constructor(trialCount: number) {
    this.lossTotals = new Float64Array(trialCount);
    this.correctTotals = new Float64Array(trialCount);
  }

  add(batch: number, sums: GroupStepSums): void {
    this.pending.push({ batch, sums });
  }

  get pendingSteps(): number {
    return this.pending.length;
  }

  /** Reads everything pending; returns the first non-finite loss of each trial that has one. */
  async flush(): Promise<NonFiniteLoss[]> {
    if (this.pending.length === 0) return [];
    const steps = this.pending;
    this.pending = [];
    const sums = await readAll(steps.map((s) => s.sums));
    const trials = this.lossTotals.length;
    const failures = new Map<number, NonFiniteLoss>();
    steps.forEach((step, i) => {
      const { loss, correct } = sums[i]!;
      for (let k = 0; k < trials; k++) {
        if (!Number.isFinite(loss[k]!) && !failures.has(k)) failures.set(k, { trialIndex: k, batch: step.batch });
        this.lossTotals[k]! += loss[k]!;
        this.correctTotals[k]! += correct[k]!;
      }
    });
    return [...failures.values()];
  }

  /** Keeps the totals of the trials still training, in their new order. */
  keepOnly(trialIndices: readonly number[]): void {
    this.lossTotals = Float64Array.from(trialIndices, (k) => this.lossTotals[k]!);
    this.correctTotals = Float64Array.from(trialIndices, (k) => this.correctTotals[k]!);
  }

  resetEpoch(trialCount: number): void {
    this.lossTotals = new Float64Array(trialCount);
    this.correctTotals = new Float64Array(trialCount);
  }

  dispose(): void {
    tf.dispose(this.pending.flatMap((s) => tensorsOf(s.sums)));
    this.pending = [];
  }
}

const tensorsOf = (sums: GroupStepSums): tf.Tensor[] => [sums.lossSum, sums.correct].filter((x): x is tf.Tensor1D => !(x instanceof Float32Array));

/** Every step's sums as numbers: the tensors among them stacked and read in one transfer, then freed. */
async function readAll(sums: GroupStepSums[]): Promise<{ loss: Float32Array; correct: Float32Array }[]> {
  const onDevice = sums.filter((s) => !(s.lossSum instanceof Float32Array));
  let values: Float32Array = new Float32Array(0);
  if (onDevice.length) {
    const stacked = tf.tidy(() => tf.stack([tf.stack(onDevice.map((s) => s.lossSum as tf.Tensor1D)), tf.stack(onDevice.map((s) => s.correct as tf.Tensor1D))]));
    tf.dispose(onDevice.flatMap(tensorsOf));
    try {
      values = (await stacked.data()) as Float32Array;
    } finally {
      stacked.dispose();
    }
  }
  let read = 0;
  return sums.map((s) => {
    if (s.lossSum instanceof Float32Array) return { loss: s.lossSum, correct: s.correct as Float32Array };
    const trials = s.lossSum.shape[0];
    const i = read++;
    return { loss: values.subarray(i * trials, (i + 1) * trials), correct: values.subarray((onDevice.length + i) * trials, (onDevice.length + i + 1) * trials) };
  });
}
