import { ADAM } from './mlpModel.ts';

/*
 * The one-pass element-wise chains in JavaScript, each operation rounded to float32 with Math.fround as
 * tfjs rounds every kernel's output: the CPU backend's kernels (cpuFusedKernels.ts) and the last
 * elements that the WASM SIMD module leaves (wasmFusedKernels.ts). Both give tfjs's chains bit for bit.
 */

const f = Math.fround;
const BETA1 = f(ADAM.beta1);
const BETA2 = f(ADAM.beta2);
const ONE_MINUS_BETA1 = f(1 - ADAM.beta1);
const ONE_MINUS_BETA2 = f(1 - ADAM.beta2);
const EPSILON = f(ADAM.epsilon);

export interface AdamArrays {
  parameters: Float32Array;
  gradient: Float32Array;
  firstMoment: Float32Array;
  secondMoment: Float32Array;
  learningRates: Float32Array;
  nextParameters: Float32Array;
  nextFirstMoment: Float32Array;
  nextSecondMoment: Float32Array;
}

/** Elements [from, to) of one Adam step, in onePassChains.ts's adamUpdate order; c1, c2: 1 - beta^t, float32. */
export function adamElements(a: AdamArrays, c1: number, c2: number, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const gi = a.gradient[i]!;
    const mi = f(f(a.firstMoment[i]! * BETA1) + f(gi * ONE_MINUS_BETA1));
    const vi = f(f(a.secondMoment[i]! * BETA2) + f(f(gi * gi) * ONE_MINUS_BETA2));
    const scale = f(f(Math.sqrt(f(vi / c2))) + EPSILON);
    a.nextFirstMoment[i] = mi;
    a.nextSecondMoment[i] = vi;
    a.nextParameters[i] = f(a.parameters[i]! - f(f(f(mi / c1) / scale) * a.learningRates[i]!));
  }
}

/** Elements [from, to) of upstream * mask * step(activation), tfjs's step: 1 above 0, NaN for NaN, else 0. */
export function reluDropoutGradientElements(upstream: Float32Array, mask: Float32Array, activation: Float32Array, out: Float32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const x = activation[i]!;
    out[i] = f(f(upstream[i]! * mask[i]!) * (x > 0 ? 1 : Number.isNaN(x) ? NaN : 0));
  }
}
