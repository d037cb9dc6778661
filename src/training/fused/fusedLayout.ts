import { MNIST_CLASSES, MNIST_INPUT_SIZE } from '../../engine/mlpSpace.ts';

/** One trial of a fused group: its own architecture, dropout rates and learning rate. */
export interface FusedTrialSpec {
  trialId: string;
  units: number[];
  dropouts: number[];
  learningRate: number;
}

/**
 * Where every parameter of K trials lives in one flat buffer. Dense layer l is stacked as
 * W_l [K, in_l, out_l] then b_l [K, out_l], padded to the widest trial; layers follow each other.
 * A trial's entries beyond its own widths are padding: they start at zero and never change.
 */
export class FusedLayout {
  readonly trialCount: number;
  readonly layerCount: number;
  readonly inDims: number[];
  readonly outDims: number[];
  readonly weightOffsets: number[] = [];
  readonly biasOffsets: number[] = [];
  readonly size: number;

  constructor(readonly trials: readonly FusedTrialSpec[]) {
    const hidden = trials[0]!.units.length;
    if (trials.some((t) => t.units.length !== hidden)) throw new Error('a fused group needs one layer count');
    this.trialCount = trials.length;
    const widths = Array.from({ length: hidden }, (_, l) => Math.max(...trials.map((t) => t.units[l]!)));
    this.inDims = [MNIST_INPUT_SIZE, ...widths];
    this.outDims = [...widths, MNIST_CLASSES];
    this.layerCount = hidden + 1;
    let offset = 0;
    for (let l = 0; l < this.layerCount; l++) {
      this.weightOffsets.push(offset);
      offset += this.trialCount * this.inDims[l]! * this.outDims[l]!;
      this.biasOffsets.push(offset);
      offset += this.trialCount * this.outDims[l]!;
    }
    this.size = offset;
  }

  /** A trial's own (unpadded) width into and out of each layer. */
  trueDims(k: number): { inDims: number[]; outDims: number[] } {
    const units = this.trials[k]!.units;
    return { inDims: [MNIST_INPUT_SIZE, ...units], outDims: [...units, MNIST_CLASSES] };
  }

  /** Sizes of the 2 * layers blocks (all trials' W_l, then all trials' b_l) in buffer order. */
  layerBlockSizes(): number[] {
    return Array.from({ length: this.layerCount }, (_, l) => [this.trialCount * this.inDims[l]! * this.outDims[l]!, this.trialCount * this.outDims[l]!]).flat();
  }

  /** Sizes of every per-trial piece in buffer order: W_l of trial 0..K-1, then b_l of trial 0..K-1, per layer. */
  trialPieceSizes(): number[] {
    const sizes: number[] = [];
    for (let l = 0; l < this.layerCount; l++) {
      for (let k = 0; k < this.trialCount; k++) sizes.push(this.inDims[l]! * this.outDims[l]!);
      for (let k = 0; k < this.trialCount; k++) sizes.push(this.outDims[l]!);
    }
    return sizes;
  }

  /**
   * Visits trial k's real entries: `visit(flatIndex, snapshotIndex)`, where the snapshot is the trial's
   * unpadded weights (kernel [in, out] row-major, then bias, layer by layer).
   */
  forEachEntry(k: number, visit: (flatIndex: number, snapshotIndex: number) => void): void {
    const own = this.trueDims(k);
    let s = 0;
    for (let l = 0; l < this.layerCount; l++) {
      const inPad = this.inDims[l]!;
      const outPad = this.outDims[l]!;
      const base = this.weightOffsets[l]! + k * inPad * outPad;
      for (let i = 0; i < own.inDims[l]!; i++) {
        for (let j = 0; j < own.outDims[l]!; j++) visit(base + i * outPad + j, s++);
      }
      const biasBase = this.biasOffsets[l]! + k * outPad;
      for (let j = 0; j < own.outDims[l]!; j++) visit(biasBase + j, s++);
    }
  }

  /** Writes a trial's unpadded snapshot into the flat buffer. */
  pack(k: number, snapshot: Float32Array, flat: Float32Array): void {
    this.forEachEntry(k, (f, s) => (flat[f] = snapshot[s]!));
  }

  /** Reads a trial's unpadded weights out of the flat buffer. */
  unpack(k: number, flat: Float32Array, size: number): Float32Array {
    const snapshot = new Float32Array(size);
    this.forEachEntry(k, (f, s) => (snapshot[s] = flat[f]!));
    return snapshot;
  }

  /** Per-entry learning rate: the trial's rate on its real entries, 0 on padding (it never moves). */
  learningRates(): Float32Array {
    const rates = new Float32Array(this.size);
    this.trials.forEach((trial, k) => this.forEachEntry(k, (f) => (rates[f] = trial.learningRate)));
    return rates;
  }
}
