// Dropout masks drawn inside the kernel from the trial's mulberry32 mask stream, value for value as
// TrialStream.dropoutMask draws them in JavaScript (trialRandomness.ts). mulberry32's state only
// advances by a constant, so draw i's state is state0 + (i + 1) * INCREMENT and four draws run at once.
//
// JavaScript keeps a unit when u / 2^32 >= rate (u the draw's 32-bit output, rate a double); since u is
// an integer, that is u >= ceil(rate * 2^32), the threshold the wrapper writes. A threshold of 2^32 or
// more (rate >= 1) keeps nothing: the wrapper writes threshold 0 with a kept value of 0 then.

import { columnMask } from './adam';

const INCREMENT: u32 = 0x6d2b79f5;

/** mulberry32's output for four states at once (Math.imul is i32x4.mul; >>> is shr_u). */
// @ts-ignore: decorator
@inline function mix(state: v128): v128 {
  let t = i32x4.mul(v128.xor(state, i32x4.shr_u(state, 15)), v128.or(state, i32x4.splat(1)));
  t = v128.xor(t, i32x4.add(t, i32x4.mul(v128.xor(t, i32x4.shr_u(t, 7)), v128.or(t, i32x4.splat(61)))));
  return v128.xor(t, i32x4.shr_u(t, 14));
}

/**
 * Writes an inverted-dropout mask [rows, paddedWidth] at `mask`: `kept` where the draw is at least
 * `threshold`, 0 where it is below, 0 in the padding columns (which draw nothing). Returns the state
 * after rows * width draws.
 */
export function dropoutMask(mask: usize, rows: i32, width: i32, paddedWidth: i32, threshold: u32, kept: f32, state: u32): u32 {
  const keptLanes = f32x4.splat(kept);
  const zero = f32x4.splat(0);
  const limit = i32x4.splat(<i32>threshold);
  const laneSteps = i32x4.mul(i32x4(1, 2, 3, 4), i32x4.splat(<i32>INCREMENT));
  const chunkStep = i32x4.splat(<i32>(INCREMENT * 4));
  let at = mask;
  for (let r = 0; r < rows; r++) {
    let states = i32x4.add(i32x4.splat(<i32>(state + <u32>(r * width) * INCREMENT)), laneSteps);
    for (let j = 0; j < paddedWidth; j += 4) {
      const keep = v128.and(i32x4.ge_u(mix(states), limit), columnMask(j, width));
      v128.store(at, v128.bitselect(keptLanes, zero, keep));
      states = i32x4.add(states, chunkStep);
      at += 16;
    }
  }
  return state + <u32>(rows * width) * INCREMENT;
}
