// Adam with tf.train.adam's float32 arithmetic, in its order (see onePassChains.ts adamUpdate):
//   m' = m * beta1 + g * (1 - beta1)
//   v' = v * beta2 + (g * g) * (1 - beta2)
//   p' = p - ((m' / c1) / (sqrt(v' / c2) + epsilon)) * rate
// where c1 = 1 - beta1^t and c2 = 1 - beta2^t are the float32 running corrections.
// A moment below float32's smallest normal number becomes zero, as under TensorFlow's CPU kernels (which
// run with the CPU's flush-to-zero mode; WebAssembly cannot set it). Many Intel CPUs take a slow microcode
// path for subnormal operands, and the first moment of a rarely-lit pixel decays by 0.9 a step into that
// range: the default search took 2.8 times as long without this on a 2-core Xeon.

const BETA1: f32 = 0.9;
const BETA2: f32 = 0.999;
const ONE_MINUS_BETA1: f32 = <f32>(1.0 - 0.9);
const ONE_MINUS_BETA2: f32 = <f32>(1.0 - 0.999);
const EPSILON: f32 = 1e-7;
const SMALLEST_NORMAL: f32 = 1.17549435e-38;

/** All-ones lanes for columns j .. j+3 that are below `real`; zero lanes for padding columns. */
// @ts-ignore: decorator
@inline export function columnMask(j: i32, real: i32): v128 {
  return i32x4.lt_s(i32x4.add(i32x4.splat(j), i32x4(0, 1, 2, 3)), i32x4.splat(real));
}

/**
 * Four entries of one Adam step at p, m, v with gradient g. Lanes outside `lanes` (padding) keep their
 * old values, which are zero: padding stays exactly zero even when a trial's numbers are NaN.
 */
// @ts-ignore: decorator
@inline export function adamVector(p: usize, m: usize, v: usize, g: v128, lanes: v128, rate: f32, c1: f32, c2: f32): void {
  const oldM = v128.load(m);
  const oldV = v128.load(v);
  const oldP = v128.load(p);
  const rawM = f32x4.add(f32x4.mul(oldM, f32x4.splat(BETA1)), f32x4.mul(g, f32x4.splat(ONE_MINUS_BETA1)));
  const rawV = f32x4.add(f32x4.mul(oldV, f32x4.splat(BETA2)), f32x4.mul(f32x4.mul(g, g), f32x4.splat(ONE_MINUS_BETA2)));
  const nextM = v128.andnot(rawM, f32x4.lt(f32x4.abs(rawM), f32x4.splat(SMALLEST_NORMAL)));
  const nextV = v128.andnot(rawV, f32x4.lt(rawV, f32x4.splat(SMALLEST_NORMAL)));
  const corrected = f32x4.div(nextM, f32x4.splat(c1));
  const scale = f32x4.add(f32x4.sqrt(f32x4.div(nextV, f32x4.splat(c2))), f32x4.splat(EPSILON));
  const nextP = f32x4.sub(oldP, f32x4.mul(f32x4.div(corrected, scale), f32x4.splat(rate)));
  v128.store(m, v128.bitselect(nextM, oldM, lanes));
  v128.store(v, v128.bitselect(nextV, oldV, lanes));
  v128.store(p, v128.bitselect(nextP, oldP, lanes));
}
