import * as tf from '@tensorflow/tfjs';
import { adamUpdate, nextCorrection, type AdamState } from './onePassChains.ts';
import { FusedLayout, type FusedTrialSpec } from './fusedLayout.ts';
import type { FusedBatch, FusedStrategy } from './fusedStrategy.ts';
import { softmaxCrossEntropy } from './lossHead.ts';

export interface StepSums {
  /** Summed loss per trial of the batch, [K]; read later, never per step. */
  lossSum: tf.Tensor1D;
  correct: tf.Tensor1D;
}

interface Buffers {
  parameters: Float32Array;
  first: Float32Array;
  second: Float32Array;
}

/**
 * K MLPs trained as one: parameters in the strategy's blocks (one flat buffer, or one block per
 * layer), one Adam update per block. Each trial keeps its own learning rate (a per-entry rate, 0 on
 * padding), its own moments, and a fresh optimizer at creation.
 */
export class FusedModel {
  private state: AdamState[];
  private readonly learningRates: tf.Tensor[];
  private beta1Power = 1;
  private beta2Power = 1;

  private constructor(
    readonly layout: FusedLayout,
    readonly strategy: FusedStrategy,
    buffers: Buffers,
    powers?: { beta1Power: number; beta2Power: number },
  ) {
    const shapes = strategy.blockShapes(layout);
    const blocks = (flat: Float32Array) => split(flat, shapes).map((values, i) => tf.tensor(values, shapes[i]));
    const [parameters, first, second] = [blocks(buffers.parameters), blocks(buffers.first), blocks(buffers.second)];
    this.state = parameters.map((p, i) => ({ parameters: p, firstMoment: first[i]!, secondMoment: second[i]! }));
    this.learningRates = blocks(layout.learningRates());
    this.beta1Power = powers?.beta1Power ?? 1;
    this.beta2Power = powers?.beta2Power ?? 1;
  }

  /** Each trial starts from its own unpadded weights (a parent's checkpoint, or a fresh initialisation). */
  static create(specs: readonly FusedTrialSpec[], initialWeights: readonly Float32Array[], strategy: FusedStrategy): FusedModel {
    const layout = new FusedLayout(specs);
    const parameters = new Float32Array(layout.size);
    initialWeights.forEach((weights, k) => layout.pack(k, weights, parameters));
    return new FusedModel(layout, strategy, { parameters, first: new Float32Array(layout.size), second: new Float32Array(layout.size) });
  }

  get trialCount(): number {
    return this.layout.trialCount;
  }

  private get parameterBlocks(): tf.Tensor[] {
    return this.state.map((s) => s.parameters);
  }

  /** One optimisation step of every trial on its own batch. */
  trainStep(batch: FusedBatch): StepSums {
    const { beta1Power, beta2Power, correction } = nextCorrection(this.beta1Power, this.beta2Power);
    const { lossSum, correct, gradients } = tf.tidy(() => {
      const forward = this.strategy.forward(this.layout, this.parameterBlocks, batch);
      const head = softmaxCrossEntropy(forward.logits, batch.oneHot, batch.labels, this.trialCount, true);
      return { lossSum: head.lossSum, correct: head.correct, gradients: this.strategy.backward(this.layout, forward, head.logitsGradient) };
    });
    // A step that throws part-way frees what it made and leaves the model as it was before the step.
    const next: AdamState[] = [];
    try {
      this.state.forEach((state, i) => next.push(adamUpdate(state, gradients[i]!, this.learningRates[i]!, correction)));
    } catch (error) {
      tf.dispose([lossSum, correct, ...next.flatMap((s) => [s.parameters, s.firstMoment, s.secondMoment])]);
      throw error;
    } finally {
      tf.dispose(gradients);
    }
    tf.dispose(this.state.flatMap((s) => [s.parameters, s.firstMoment, s.secondMoment]));
    this.state = next;
    this.beta1Power = beta1Power;
    this.beta2Power = beta2Power;
    return { lossSum, correct };
  }

  /** Loss and correct counts of every trial on a batch, without dropout and without learning. */
  evaluate(batch: FusedBatch): StepSums {
    return tf.tidy(() => {
      const forward = this.strategy.forward(this.layout, this.parameterBlocks, batch);
      const { lossSum, correct } = softmaxCrossEntropy(forward.logits, batch.oneHot, batch.labels, this.trialCount, false);
      return { lossSum, correct };
    });
  }

  /** The whole layout buffer (padding included), read in one pass over the blocks. */
  async readParameters(): Promise<Float32Array> {
    return join(await Promise.all(this.state.map((s) => s.parameters.data() as Promise<Float32Array>)), this.layout.size);
  }

  /** The unpadded weights of the trials asked for. */
  async trialWeights(trialIndices: readonly number[], sizes: readonly number[]): Promise<Float32Array[]> {
    const flat = await this.readParameters();
    return trialIndices.map((k, i) => this.layout.unpack(k, flat, sizes[i]!));
  }

  /** One of the three buffers (parameters, first or second moment) read whole, padding included. */
  private readAll(pick: (s: AdamState) => tf.Tensor): Promise<Float32Array> {
    return Promise.all(this.state.map((s) => pick(s).data() as Promise<Float32Array>)).then((parts) => join(parts, this.layout.size));
  }

  /** The Adam moments of trial k, unpadded like its weights (the kernel's equivalence test compares them). */
  async trialMoments(k: number, size: number): Promise<{ first: Float32Array; second: Float32Array }> {
    const [first, second] = await Promise.all([this.readAll((s) => s.firstMoment), this.readAll((s) => s.secondMoment)]);
    return { first: this.layout.unpack(k, first, size), second: this.layout.unpack(k, second, size) };
  }

  /** A model of only the trials kept, each with its weights and Adam state, padded to the new widest. */
  async keepOnly(trialIndices: readonly number[], sizes: readonly number[]): Promise<FusedModel> {
    const [parameters, first, second] = await Promise.all([this.readAll((s) => s.parameters), this.readAll((s) => s.firstMoment), this.readAll((s) => s.secondMoment)]);
    const layout = new FusedLayout(trialIndices.map((k) => this.layout.trials[k]!));
    const repack = (source: Float32Array) => {
      const packed = new Float32Array(layout.size);
      trialIndices.forEach((k, i) => layout.pack(i, this.layout.unpack(k, source, sizes[i]!), packed));
      return packed;
    };
    return new FusedModel(layout, this.strategy, { parameters: repack(parameters), first: repack(first), second: repack(second) }, { beta1Power: this.beta1Power, beta2Power: this.beta2Power });
  }

  dispose(): void {
    tf.dispose([...this.state.flatMap((s) => [s.parameters, s.firstMoment, s.secondMoment]), ...this.learningRates]);
  }
}

function split(flat: Float32Array, shapes: number[][]): Float32Array[] {
  let offset = 0;
  return shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const part = flat.subarray(offset, offset + size);
    offset += size;
    return part;
  });
}

function join(parts: Float32Array[], size: number): Float32Array {
  const flat = new Float32Array(size);
  let offset = 0;
  for (const part of parts) {
    flat.set(part, offset);
    offset += part.length;
  }
  return flat;
}
