import { MNIST_CLASSES, MNIST_INPUT_SIZE, parameterCount } from '../../engine/mlpSpace.ts';

/*
 * Everything random in a trial, from its own seed: its initial weights, its batch order and its dropout masks.
 * A trial trains identically alone or fused with others, and a rerun starts and proceeds identically.
 */

/** mulberry32's state moves by this constant per draw, so draw i of a stream at state s is at s + (i + 1) * it. */
export const MULBERRY32_INCREMENT = 0x6d2b79f5;

/** mulberry32's 32-bit output for an already advanced state. */
function mulberry32Output(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/**
 * mulberry32: a small, fast seeded generator for what must be reproducible but need not match Python
 * (weight initialisation, shuffling, dropout masks). Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + MULBERRY32_INCREMENT) >>> 0;
    return mulberry32Output(state) / 4294967296;
  };
}

/** A Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * Keras's defaults as an unpadded snapshot: glorot_uniform kernels, limit sqrt(6 / (fan_in + fan_out))
 * with the layer's own fans, and zero biases. Seeded, so a rerun starts from the same weights.
 */
export function glorotUniformWeights(units: readonly number[], seed: number): Float32Array {
  const random = mulberry32(seed);
  const weights = new Float32Array(parameterCount(units));
  const dims = [MNIST_INPUT_SIZE, ...units, MNIST_CLASSES];
  let offset = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    const fanIn = dims[l]!;
    const fanOut = dims[l + 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < fanIn * fanOut; i++) weights[offset + i] = (random() * 2 - 1) * limit;
    offset += fanIn * fanOut + fanOut;
  }
  return weights;
}

/**
 * Each trial's own shuffle order and dropout masks, from its own seed: a trial sees the same batches
 * and masks whether it trains alone or fused with others. Shuffled afresh every epoch, as Keras does.
 */
export class TrialStream {
  private readonly shuffleRandom: () => number;
  /** The mask stream: mulberry32's state, held here so that the WASM kernel can draw from it too. */
  private maskState: number;
  private order: Int32Array;

  constructor(
    readonly sampleCount: number,
    seed: number,
  ) {
    this.shuffleRandom = mulberry32(seed * 2 + 1);
    this.maskState = (seed * 2 + 2) >>> 0;
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
      for (let j = 0; j < width; j++) {
        this.maskState = (this.maskState + MULBERRY32_INCREMENT) >>> 0;
        into[base + j] = mulberry32Output(this.maskState) / 4294967296 >= rate ? keep : 0;
      }
      into.fill(0, base + width, base + paddedWidth);
    }
  }

  /**
   * Hands the next `draws` mask draws to a caller that draws them itself (the WASM kernel, from the
   * returned state, value for value as dropoutMask would), and moves this stream past them.
   */
  takeMaskDraws(draws: number): number {
    const state = this.maskState;
    this.maskState = (state + Math.imul(draws, MULBERRY32_INCREMENT)) >>> 0;
    return state;
  }
}

/**
 * The kernel's form of a dropout rate (assembly/dropout.ts): a unit is kept when its 32-bit draw is at
 * least `threshold`, the same test as draw / 2^32 >= rate; a rate of 1 or more keeps nothing.
 */
export function dropoutThreshold(rate: number): { threshold: number; kept: number } {
  const threshold = Math.max(0, Math.ceil(rate * 4294967296));
  return threshold > 0xffffffff ? { threshold: 0, kept: 0 } : { threshold, kept: 1 / (1 - rate) };
}

export function batchesPerEpoch(sampleCount: number, batchSize: number): number {
  return Math.ceil(sampleCount / batchSize);
}
