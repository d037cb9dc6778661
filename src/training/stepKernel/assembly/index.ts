// The whole training step of one MLP trial (forward, softmax cross-entropy, backward, Adam) and its
// forward-only evaluation, on a trial descriptor that the TypeScript wrapper (stepKernel.ts) writes
// into this module's memory. The wrapper owns every address; nothing here allocates.
//
// Descriptor, 32-bit words from `desc`:
//   0 layers   1 rows   2 images (rows x 784)   3 labels (i32 per row)   4 learning rate (f32)
//   5 loss sum out (f32)   6 correct count out (f32)   7 scratch for the input gradient
//   then per layer l, LAYER_WORDS words from HEADER_WORDS + l * LAYER_WORDS:
//   0 in (padded)  1 out (padded)  2 in (real)  3 out (real)  4 W  5 b  6 m(W)  7 v(W)  8 m(b)  9 v(b)
//   10 A: output after bias and ReLU (logits, then their gradient, for the last layer)
//   11 H: A times the dropout mask (the next layer's input)   12 dropout mask [rows, out]
//   13 dropout threshold (u32) and 14 kept value (f32), for the mask drawn in the kernel (dropout.ts)
// Widths are padded to multiples of 4; padded weights are zero and Adam never writes them.

import { dropoutMask } from './dropout';
import { biasGradientAdam, productNN, productNT, weightGradientAdam } from './products';

const HEADER_WORDS: usize = 8;
const LAYER_WORDS: usize = 16;
const CLASSES: i32 = 10;

// @ts-ignore: decorator
@inline function word(desc: usize, index: usize): i32 {
  return load<i32>(desc + (index << 2));
}

// @ts-ignore: decorator
@inline function field(desc: usize, layer: i32, index: usize): i32 {
  return load<i32>(desc + ((HEADER_WORDS + <usize>layer * LAYER_WORDS + index) << 2));
}

// @ts-ignore: decorator
@inline function floatField(desc: usize, layer: i32, index: usize): f32 {
  return load<f32>(desc + ((HEADER_WORDS + <usize>layer * LAYER_WORDS + index) << 2));
}

/** Where this module's data may start: the wrapper allocates from here up. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * One training step of the trial: loss and correct count written to the descriptor. The hidden
 * layers' dropout masks are drawn first from the trial's mask stream at `maskState` (the wrapper
 * moves its TrialStream past those draws).
 */
export function trainTrial(desc: usize, c1: f32, c2: f32, maskState: u32): void {
  drawMasks(desc, maskState);
  forward(desc, true);
  head(desc, true);
  backward(desc, c1, c2);
}

/** Every hidden layer's mask, layer after layer, row after row, as TrialStream draws them. */
function drawMasks(desc: usize, maskState: u32): void {
  const layers = word(desc, 0);
  const rows = word(desc, 1);
  let state = maskState;
  for (let l = 0; l < layers - 1; l++) {
    state = dropoutMask(<usize>field(desc, l, 12), rows, field(desc, l, 3), field(desc, l, 1), <u32>field(desc, l, 13), floatField(desc, l, 14), state);
  }
}

/** Loss sum and correct count of the trial on the descriptor's rows, without dropout or learning. */
export function evaluateTrial(desc: usize): void {
  forward(desc, false);
  head(desc, false);
}

function forward(desc: usize, masked: bool): void {
  const layers = word(desc, 0);
  const rows = word(desc, 1);
  let input = <usize>word(desc, 2);
  for (let l = 0; l < layers; l++) {
    const inPad = field(desc, l, 0);
    const out = field(desc, l, 1);
    const a = <usize>field(desc, l, 10);
    productNN(input, <usize>field(desc, l, 4), a, rows, inPad, out);
    const hidden = l < layers - 1;
    const h = masked && hidden ? <usize>field(desc, l, 11) : a;
    biasReluMask(a, h, <usize>field(desc, l, 5), masked && hidden ? <usize>field(desc, l, 12) : 0, rows, out, hidden);
    input = h;
  }
}

/** a = relu(a + b) (relu only when hidden); h = a * mask when there is a mask. */
function biasReluMask(a: usize, h: usize, b: usize, mask: usize, rows: i32, out: i32, hidden: bool): void {
  const zero = f32x4.splat(0);
  const rowBytes = <usize>out << 2;
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * rowBytes;
    for (let j: usize = 0; j < rowBytes; j += 16) {
      let z = f32x4.add(v128.load(a + base + j), v128.load(b + j));
      // max propagates NaN, as tfjs's relu does.
      if (hidden) z = f32x4.max(z, zero);
      v128.store(a + base + j, z);
      if (mask) v128.store(h + base + j, f32x4.mul(z, v128.load(mask + base + j)));
    }
  }
}

/**
 * Softmax cross-entropy from logits, as lossHead.ts: log-softmax (max subtracted), loss -logp[label]
 * summed over rows, argmax (first maximum) against the label; with the gradient, the logits are
 * replaced by (exp(logp) - onehot) * (1 / rows), zero in the padding columns.
 */
function head(desc: usize, withGradient: bool): void {
  const layers = word(desc, 0);
  const rows = word(desc, 1);
  const labels = <usize>word(desc, 3);
  const last = layers - 1;
  const out = field(desc, last, 1);
  const logits = <usize>field(desc, last, 10);
  const inverseRows = <f32>(1.0 / <f64>rows);
  let lossSum: f32 = 0;
  let correct: f32 = 0;
  for (let r = 0; r < rows; r++) {
    const z = logits + ((<usize>r * <usize>out) << 2);
    const label = load<i32>(labels + (<usize>r << 2));
    let best = 0;
    let top = load<f32>(z);
    let max = top;
    for (let j = 1; j < CLASSES; j++) {
      const value = load<f32>(z + (<usize>j << 2));
      if (value > top) {
        top = value;
        best = j;
      }
      max = isNaN(value) || isNaN(max) ? NaN : Mathf.max(max, value);
    }
    let sum: f32 = 0;
    for (let j = 0; j < CLASSES; j++) sum += Mathf.exp(load<f32>(z + (<usize>j << 2)) - max);
    const logSum = Mathf.log(sum);
    lossSum += -(load<f32>(z + (<usize>label << 2)) - max - logSum);
    if (best == label) correct += 1;
    if (!withGradient) continue;
    for (let j = 0; j < CLASSES; j++) {
      const p = Mathf.exp(load<f32>(z + (<usize>j << 2)) - max - logSum);
      store<f32>(z + (<usize>j << 2), (p - (j == label ? <f32>1 : <f32>0)) * inverseRows);
    }
    for (let j = CLASSES; j < out; j++) store<f32>(z + (<usize>j << 2), 0);
  }
  store<f32>(desc + (5 << 2), lossSum);
  store<f32>(desc + (6 << 2), correct);
}

function backward(desc: usize, c1: f32, c2: f32): void {
  const layers = word(desc, 0);
  const rows = word(desc, 1);
  const rate = load<f32>(desc + (4 << 2));
  const inputGradient = <usize>word(desc, 7);
  for (let l = layers - 1; l >= 0; l--) {
    const inPad = field(desc, l, 0);
    const out = field(desc, l, 1);
    const dz = <usize>field(desc, l, 10);
    const w = <usize>field(desc, l, 4);
    const input = l == 0 ? <usize>word(desc, 2) : <usize>field(desc, l - 1, 11);
    // The input gradient reads W before Adam moves it.
    if (l > 0) productNT(dz, w, inputGradient, rows, out, inPad);
    weightGradientAdam(input, inPad, dz, rows, field(desc, l, 2), out, field(desc, l, 3), w, <usize>field(desc, l, 6), <usize>field(desc, l, 7), rate, c1, c2);
    biasGradientAdam(dz, rows, out, field(desc, l, 3), <usize>field(desc, l, 5), <usize>field(desc, l, 8), <usize>field(desc, l, 9), rate, c1, c2);
    if (l > 0) reluDropoutGradient(inputGradient, <usize>field(desc, l - 1, 12), <usize>field(desc, l - 1, 10), rows * inPad);
  }
}

/**
 * The previous layer's output gradient, into its A: upstream * mask * step(A), as tfjs's chain
 * (step: 1 where A > 0, NaN where A is NaN, else 0).
 */
function reluDropoutGradient(upstream: usize, mask: usize, a: usize, count: i32): void {
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  const nan = f32x4.splat(NaN);
  const bytes = <usize>count << 2;
  for (let i: usize = 0; i < bytes; i += 16) {
    const activation = v128.load(a + i);
    let step = v128.bitselect(one, zero, f32x4.gt(activation, zero));
    step = v128.bitselect(nan, step, f32x4.ne(activation, activation));
    v128.store(a + i, f32x4.mul(f32x4.mul(v128.load(upstream + i), v128.load(mask + i)), step));
  }
}

// The products alone, for the bench's comparison with tfjs's matMul of the same shapes.
export { productNN, weightGradientAdam } from './products';
// One mask alone, for the test that compares it with TrialStream.dropoutMask draw for draw.
export { dropoutMask } from './dropout';
