import * as tf from '@tensorflow/tfjs';
import type { StepSums } from './fusedModel.ts';

export interface NonFiniteLoss {
  trialIndex: number;
  /** 1-based batch of the epoch where the loss first stopped being finite. */
  batch: number;
}

/**
 * Holds each step's per-trial sums on the device and reads them in one transfer every few steps:
 * no readback per step, yet a non-finite loss is traced to the exact batch where it appeared.
 */
export class StepSumsReader {
  private pending: { batch: number; sums: StepSums }[] = [];
  lossTotals: Float64Array;
  correctTotals: Float64Array;

  constructor(trialCount: number) {
    this.lossTotals = new Float64Array(trialCount);
    this.correctTotals = new Float64Array(trialCount);
  }

  add(batch: number, sums: StepSums): void {
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
    const stacked = tf.tidy(() => tf.stack([tf.stack(steps.map((s) => s.sums.lossSum)), tf.stack(steps.map((s) => s.sums.correct))]));
    tf.dispose(steps.flatMap((s) => [s.sums.lossSum, s.sums.correct]));
    const values = (await stacked.data()) as Float32Array;
    stacked.dispose();
    const trials = this.lossTotals.length;
    const failures = new Map<number, NonFiniteLoss>();
    steps.forEach((step, i) => {
      for (let k = 0; k < trials; k++) {
        const loss = values[i * trials + k]!;
        if (!Number.isFinite(loss) && !failures.has(k)) failures.set(k, { trialIndex: k, batch: step.batch });
        this.lossTotals[k]! += loss;
        this.correctTotals[k]! += values[(steps.length + i) * trials + k]!;
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
    tf.dispose(this.pending.flatMap((s) => [s.sums.lossSum, s.sums.correct]));
    this.pending = [];
  }
}
