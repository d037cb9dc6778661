import * as tf from '@tensorflow/tfjs';
import { ADAM } from '../mlpModel.ts';

/*
 * The element-wise chains of a fused step that a backend may run as one kernel (one pass over memory):
 * Adam, and the gradient through dropout and ReLU. Each falls back to tfjs's kernels in the same order.
 */

/**
 * What tfjs's element-wise kernels would refuse: inputs of different shapes. A one-pass kernel walks
 * its first input's length over every input, so it checks first, before it allocates anything.
 */
export function requireSameShapes(kernelName: string, inputs: Record<string, tf.TensorInfo>): void {
  const [first, ...rest] = Object.entries(inputs);
  for (const [name, info] of rest) {
    if (info.shape.join(',') !== first![1].shape.join(',')) {
      throw new Error(`${kernelName}: input ${name} has shape [${info.shape.join(', ')}], input ${first![0]} [${first![1].shape.join(', ')}]; they must match`);
    }
  }
}

/** A single Adam kernel, registered for the GPU backends by adamKernels.ts (browser only). */
export const RUNG_ADAM = 'RungAdam';

export interface AdamState {
  parameters: tf.Tensor;
  firstMoment: tf.Tensor;
  secondMoment: tf.Tensor;
}

/** 1 - beta^t for both moments, kept in float32 as tf.train.adam keeps them. */
export interface BiasCorrection {
  oneMinusBeta1Power: number;
  oneMinusBeta2Power: number;
}

/**
 * One Adam step with tf.train.adam's arithmetic, in its order: m and v updated, bias-corrected by
 * division, and each entry moved by its own learning rate (0 on padding, so padding never moves).
 */
export function adamUpdate(state: AdamState, gradient: tf.Tensor, learningRates: tf.Tensor, correction: BiasCorrection): AdamState {
  if (tf.getKernel(RUNG_ADAM, tf.getBackend())) {
    const inputs = { p: state.parameters, g: gradient, m: state.firstMoment, v: state.secondMoment, l: learningRates };
    const attrs = { c1: correction.oneMinusBeta1Power, c2: correction.oneMinusBeta2Power };
    const [parameters, firstMoment, secondMoment] = tf.engine().runKernel(RUNG_ADAM, inputs, attrs) as unknown as tf.Tensor[];
    return { parameters: parameters!, firstMoment: firstMoment!, secondMoment: secondMoment! };
  }
  return tf.tidy(() => {
    const firstMoment = tf.add(tf.mul(state.firstMoment, ADAM.beta1), tf.mul(gradient, 1 - ADAM.beta1));
    const secondMoment = tf.add(tf.mul(state.secondMoment, ADAM.beta2), tf.mul(tf.square(gradient), 1 - ADAM.beta2));
    const corrected = tf.div(firstMoment, correction.oneMinusBeta1Power);
    const scale = tf.add(tf.sqrt(tf.div(secondMoment, correction.oneMinusBeta2Power)), ADAM.epsilon);
    const parameters = tf.sub(state.parameters, tf.mul(tf.div(corrected, scale), learningRates));
    return { parameters, firstMoment, secondMoment };
  });
}

/** The float32 running powers of beta, advanced one step. */
export function nextCorrection(beta1Power: number, beta2Power: number): { beta1Power: number; beta2Power: number; correction: BiasCorrection } {
  const b1 = Math.fround(beta1Power * Math.fround(ADAM.beta1));
  const b2 = Math.fround(beta2Power * Math.fround(ADAM.beta2));
  return { beta1Power: b1, beta2Power: b2, correction: { oneMinusBeta1Power: Math.fround(1 - b1), oneMinusBeta2Power: Math.fround(1 - b2) } };
}

/** A one-pass kernel for the chain below, registered where it pays (WASM: wasmFusedKernels.ts). */
export const RUNG_RELU_DROPOUT_GRADIENT = 'RungReluDropoutGradient';

/**
 * The gradient through a dropout mask and a ReLU: upstream * mask * step(activation), with tfjs's
 * element-wise arithmetic in that order. A backend with the one-pass kernel gets one kernel call
 * instead of three, and one pass over memory instead of three.
 */
export function reluDropoutGradient<T extends tf.Tensor>(upstream: tf.Tensor, mask: T, activation: T): T {
  if (tf.getKernel(RUNG_RELU_DROPOUT_GRADIENT, tf.getBackend())) {
    return tf.engine().runKernel(RUNG_RELU_DROPOUT_GRADIENT, { upstream, mask, activation }, {}) as T;
  }
  return tf.tidy(() => tf.mul(tf.mul(upstream, mask), tf.step(activation)) as T);
}
