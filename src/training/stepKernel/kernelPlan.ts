import { MNIST_CLASSES, MNIST_INPUT_SIZE } from '../../engine/mlpSpace.ts';
import type { FusedTrialSpec } from '../fused/fusedLayout.ts';
import { dropoutThreshold } from '../fused/trialRandomness.ts';
import { alignUp } from './stepKernelModule.ts';

/** Words of a trial descriptor: a header, then one record per layer (see assembly/index.ts). */
export const HEADER_WORDS = 8;
export const LAYER_WORDS = 16;
/** Rows evaluated per kernel call (validation and test): the scratch holds this many. */
export const EVALUATION_ROWS = 256;
const FLOAT_BYTES = 4;

const pad4 = (n: number) => Math.ceil(n / 4) * 4;

/** One trial's place in the kernel's memory: its own widths, padded to multiples of 4. */
export interface TrialPlan {
  descriptor: number;
  inReal: number[];
  outReal: number[];
  inPad: number[];
  outPad: number[];
  /** Byte addresses of the trial's parameters and of its two Adam moments (same shape each). */
  parameters: number;
  firstMoment: number;
  secondMoment: number;
  /** Floats of one of those three blocks. */
  blockFloats: number;
  /** Float offsets of W_l and b_l within a block. */
  weightOffsets: number[];
  biasOffsets: number[];
  /** Byte address of the dropout mask [rows, outPad] of each hidden layer. */
  masks: number[];
}

/**
 * Where everything of K trials lives in one kernel memory, from `base` up: descriptors, the step's
 * images and labels (K x rows, trial-major), masks, each trial's parameters and moments, and scratch
 * shared by the trials (they run one after another). All addresses are 64-byte aligned.
 */
export class KernelPlan {
  readonly trials: TrialPlan[] = [];
  readonly images: number;
  readonly labels: number;
  readonly bytes: number;
  readonly maxRows: number;
  /** Byte addresses of the scratch the trials share: A_l and H_l per layer, and the input gradient. */
  readonly scratch: { a: number[]; h: number[]; inputGradient: number };
  /** Hidden units of each trial: its dropout mask draws per row. */
  readonly hiddenUnits: number[];

  constructor(
    readonly specs: readonly FusedTrialSpec[],
    readonly batchRows: number,
    base: number,
  ) {
    let next = base;
    const take = (floats: number) => {
      const at = next;
      next = alignUp(next + floats * FLOAT_BYTES, 64);
      return at;
    };
    const K = specs.length;
    const layers = specs[0]!.units.length + 1;
    this.maxRows = Math.max(batchRows, EVALUATION_ROWS);
    this.images = take(Math.max(K * batchRows, EVALUATION_ROWS) * MNIST_INPUT_SIZE);
    this.labels = take(Math.max(K * batchRows, EVALUATION_ROWS));
    const widest = Array.from({ length: layers }, (_, l) => Math.max(...specs.map((s) => pad4([...s.units, MNIST_CLASSES][l]!))));
    const scratchA = widest.map((w) => take(this.maxRows * w));
    const scratchH = widest.map((w) => take(this.maxRows * w));
    const inputGradient = take(this.maxRows * Math.max(4, ...widest.slice(0, -1)));
    for (const spec of specs) {
      const outReal = [...spec.units, MNIST_CLASSES];
      const inReal = [MNIST_INPUT_SIZE, ...spec.units];
      const outPad = outReal.map(pad4);
      const inPad = [MNIST_INPUT_SIZE, ...outPad.slice(0, -1)];
      const weightOffsets: number[] = [];
      const biasOffsets: number[] = [];
      let blockFloats = 0;
      for (let l = 0; l < layers; l++) {
        weightOffsets.push(blockFloats);
        blockFloats += inPad[l]! * outPad[l]!;
        biasOffsets.push(blockFloats);
        blockFloats += outPad[l]!;
      }
      const descriptor = take(HEADER_WORDS + layers * LAYER_WORDS);
      const masks = spec.units.map((_, l) => take(batchRows * outPad[l]!));
      this.trials.push({
        descriptor, inReal, outReal, inPad, outPad, blockFloats, weightOffsets, biasOffsets, masks,
        parameters: take(blockFloats), firstMoment: take(blockFloats), secondMoment: take(blockFloats),
      });
    }
    this.bytes = next - base;
    this.scratch = { a: scratchA, h: scratchH, inputGradient };
    this.hiddenUnits = specs.map((s) => s.units.reduce((sum, units) => sum + units, 0));
  }

  /** The fixed words of every descriptor (rows, images and labels are set per call). */
  writeDescriptors(words: Int32Array, floats: Float32Array): void {
    this.specs.forEach((spec, k) => {
      const t = this.trials[k]!;
      const d = t.descriptor / 4;
      words[d] = t.outPad.length;
      floats[d + 4] = spec.learningRate;
      words[d + 7] = this.scratch.inputGradient;
      t.outPad.forEach((_, l) => {
        const f = d + HEADER_WORDS + l * LAYER_WORDS;
        const at = (block: number, offsets: number[]) => block + offsets[l]! * FLOAT_BYTES;
        words.set([t.inPad[l]!, t.outPad[l]!, t.inReal[l]!, t.outReal[l]!], f);
        words.set([at(t.parameters, t.weightOffsets), at(t.parameters, t.biasOffsets), at(t.firstMoment, t.weightOffsets), at(t.secondMoment, t.weightOffsets)], f + 4);
        words.set([at(t.firstMoment, t.biasOffsets), at(t.secondMoment, t.biasOffsets), this.scratch.a[l]!, this.scratch.h[l]!, t.masks[l] ?? 0], f + 8);
        if (l < spec.dropouts.length) {
          const { threshold, kept } = dropoutThreshold(spec.dropouts[l]!);
          words[f + 13] = threshold;
          floats[f + 14] = kept;
        }
      });
    });
  }

  /**
   * Visits trial k's real entries: `visit(floatIndexInBlock, snapshotIndex)`, the snapshot being the
   * trial's unpadded weights (W_l [in, out] row-major, then b_l, layer by layer), as FusedLayout's.
   */
  forEachEntry(k: number, visit: (blockIndex: number, snapshotIndex: number) => void): void {
    const t = this.trials[k]!;
    let s = 0;
    t.outPad.forEach((outPad, l) => {
      for (let i = 0; i < t.inReal[l]!; i++) {
        const row = t.weightOffsets[l]! + i * outPad;
        for (let j = 0; j < t.outReal[l]!; j++) visit(row + j, s++);
      }
      for (let j = 0; j < t.outReal[l]!; j++) visit(t.biasOffsets[l]! + j, s++);
    });
  }
}
