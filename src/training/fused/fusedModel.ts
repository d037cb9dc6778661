import * as tf from '@tensorflow/tfjs';
import { ADAM } from '../mlpModel.ts';
import { FusedLayout, type FusedTrialSpec } from './fusedLayout.ts';
import type { FusedBatch, FusedStrategy } from './fusedStrategy.ts';
import { softmaxCrossEntropy } from './lossHead.ts';

export interface StepSums {
  /** Summed loss per trial of the batch, [K]; read later, never per step. */
  lossSum: tf.Tensor1D;
  correct: tf.Tensor1D;
}

/**
 * K MLPs as one flat parameter buffer with one Adam over it. Each trial keeps its own learning rate
 * (a per-entry rate vector, 0 on padding), its own moments, and a fresh optimizer at creation.
 */
export class FusedModel {
  private parameters: tf.Tensor1D;
  private firstMoment: tf.Tensor1D;
  private secondMoment: tf.Tensor1D;
  private learningRates: tf.Tensor1D;
  /** beta^t kept in float32 and divided by, as tf.train.adam does, so both optimizers agree to the bit. */
  private accumulatedBeta1 = 1;
  private accumulatedBeta2 = 1;

  private constructor(
    readonly layout: FusedLayout,
    readonly strategy: FusedStrategy,
    flat: Float32Array,
    moments?: { first: Float32Array; second: Float32Array; beta1Power: number; beta2Power: number },
  ) {
    this.parameters = tf.tensor1d(flat);
    this.firstMoment = moments ? tf.tensor1d(moments.first) : tf.zeros([layout.size]);
    this.secondMoment = moments ? tf.tensor1d(moments.second) : tf.zeros([layout.size]);
    this.learningRates = tf.tensor1d(layout.learningRates());
    this.accumulatedBeta1 = moments?.beta1Power ?? 1;
    this.accumulatedBeta2 = moments?.beta2Power ?? 1;
  }

  /** Each trial starts from its own unpadded weights (a parent's checkpoint, or a fresh initialisation). */
  static create(specs: readonly FusedTrialSpec[], initialWeights: readonly Float32Array[], strategy: FusedStrategy): FusedModel {
    const layout = new FusedLayout(specs);
    const flat = new Float32Array(layout.size);
    initialWeights.forEach((weights, k) => layout.pack(k, weights, flat));
    return new FusedModel(layout, strategy, flat);
  }

  get trialCount(): number {
    return this.layout.trialCount;
  }

  /** One optimisation step of every trial on its own batch. */
  trainStep(batch: FusedBatch): StepSums {
    this.accumulatedBeta1 = Math.fround(this.accumulatedBeta1 * Math.fround(ADAM.beta1));
    this.accumulatedBeta2 = Math.fround(this.accumulatedBeta2 * Math.fround(ADAM.beta2));
    const oneMinusBeta1Power = Math.fround(1 - this.accumulatedBeta1);
    const oneMinusBeta2Power = Math.fround(1 - this.accumulatedBeta2);
    const [lossSum, correct, parameters, first, second] = tf.tidy(() => {
      const forward = this.strategy.forward(this.layout, this.parameters, batch);
      const head = softmaxCrossEntropy(forward.logits, batch.oneHot, batch.labels, this.trialCount, true);
      const gradient = this.strategy.backward(this.layout, forward, head.logitsGradient);
      const m = tf.add(tf.mul(this.firstMoment, ADAM.beta1), tf.mul(gradient, 1 - ADAM.beta1));
      const v = tf.add(tf.mul(this.secondMoment, ADAM.beta2), tf.mul(tf.square(gradient), 1 - ADAM.beta2));
      const direction = tf.div(tf.div(m, oneMinusBeta1Power), tf.add(tf.sqrt(tf.div(v, oneMinusBeta2Power)), ADAM.epsilon));
      const step = tf.mul(direction, this.learningRates);
      return [head.lossSum, head.correct, tf.sub(this.parameters, step), m, v];
    });
    tf.dispose([this.parameters, this.firstMoment, this.secondMoment]);
    this.parameters = parameters as tf.Tensor1D;
    this.firstMoment = first as tf.Tensor1D;
    this.secondMoment = second as tf.Tensor1D;
    return { lossSum: lossSum as tf.Tensor1D, correct: correct as tf.Tensor1D };
  }

  /** Loss and correct counts of every trial on a batch, without dropout and without learning. */
  evaluate(batch: FusedBatch): StepSums {
    return tf.tidy(() => {
      const forward = this.strategy.forward(this.layout, this.parameters, batch);
      const { lossSum, correct } = softmaxCrossEntropy(forward.logits, batch.oneHot, batch.labels, this.trialCount, false);
      return { lossSum, correct };
    });
  }

  /** The unpadded weights of the trials asked for, in one read of the buffer. */
  async trialWeights(trialIndices: readonly number[], sizes: readonly number[]): Promise<Float32Array[]> {
    const flat = (await this.parameters.data()) as Float32Array;
    return trialIndices.map((k, i) => this.layout.unpack(k, flat, sizes[i]!));
  }

  /** A model of only the trials kept, each with its weights and Adam state, padded to the new widest. */
  async keepOnly(trialIndices: readonly number[], sizes: readonly number[]): Promise<FusedModel> {
    const [flat, first, second] = (await Promise.all([this.parameters.data(), this.firstMoment.data(), this.secondMoment.data()])) as Float32Array[];
    const layout = new FusedLayout(trialIndices.map((k) => this.layout.trials[k]!));
    const repack = (source: Float32Array) => {
      const packed = new Float32Array(layout.size);
      trialIndices.forEach((k, i) => layout.pack(i, this.layout.unpack(k, source, sizes[i]!), packed));
      return packed;
    };
    return new FusedModel(layout, this.strategy, repack(flat!), {
      first: repack(first!),
      second: repack(second!),
      beta1Power: this.accumulatedBeta1,
      beta2Power: this.accumulatedBeta2,
    });
  }

  dispose(): void {
    tf.dispose([this.parameters, this.firstMoment, this.secondMoment, this.learningRates]);
  }
}
