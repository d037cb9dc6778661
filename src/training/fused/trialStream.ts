import { mulberry32, permutation } from './seededRandom.ts';

/**
 * Each trial's own shuffle order and dropout masks, from its own seed: a trial sees the same batches
 * and masks whether it trains alone or fused with others. Shuffled afresh every epoch, as Keras does.
 */
export class TrialStream {
  private readonly shuffleRandom: () => number;
  private readonly maskRandom: () => number;
  private order: Int32Array;

  constructor(
    readonly sampleCount: number,
    seed: number,
  ) {
    this.shuffleRandom = mulberry32(seed * 2 + 1);
    this.maskRandom = mulberry32(seed * 2 + 2);
    this.order = new Int32Array(0);
  }

  startEpoch(): void {
    this.order = permutation(this.sampleCount, this.shuffleRandom);
  }

  /** Sample indices of batch `batch` of the current epoch (the last batch may be short). */
  batchIndices(batch: number, batchSize: number): Int32Array {
    return this.order.subarray(batch * batchSize, Math.min(this.sampleCount, (batch + 1) * batchSize));
  }

  /**
   * Inverted-dropout mask for `rows` rows of a layer `width` wide, padded to `paddedWidth` columns:
   * each kept unit is 1 / (1 - rate), each dropped one 0; padding columns are 0.
   */
  dropoutMask(rows: number, width: number, paddedWidth: number, rate: number, into: Float32Array, offset: number): void {
    const keep = 1 / (1 - rate);
    for (let r = 0; r < rows; r++) {
      const base = offset + r * paddedWidth;
      for (let j = 0; j < width; j++) into[base + j] = this.maskRandom() >= rate ? keep : 0;
      into.fill(0, base + width, base + paddedWidth);
    }
  }
}

export function batchesPerEpoch(sampleCount: number, batchSize: number): number {
  return Math.ceil(sampleCount / batchSize);
}
