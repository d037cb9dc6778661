import { ADAM } from './mlpModel.ts';

/**
 * A hand-assembled WebAssembly SIMD module that works in tfjs's own WASM heap (it imports that
 * memory), so the fused trainer's element-wise chains run as one vector pass each, without copies.
 * It is emitted byte by byte here, which keeps the build free of a WASM toolchain for two short loops;
 * a whole-step kernel (products included) would warrant a compiled one, e.g. AssemblyScript from npm.
 * Every lane operation is an IEEE float32 operation (SIMD has no fused multiply-add), so the results
 * are bit for bit those of tfjs's scalar kernels applied one after another.
 *
 * Both functions take byte addresses in the heap and a byte length that is a multiple of 16; the
 * caller finishes a remainder of up to three elements.
 *  - adam(p, g, m, v, l, pOut, mOut, vOut, bytes, c1, c2): tf.train.adam's step with a per-entry rate.
 *  - reluDropoutGradient(upstream, mask, activation, out, bytes): upstream * mask * step(activation).
 */
export interface SimdExports {
  adam(p: number, g: number, m: number, v: number, l: number, pOut: number, mOut: number, vOut: number, bytes: number, c1: number, c2: number): void;
  reluDropoutGradient(upstream: number, mask: number, activation: number, out: number, bytes: number): void;
}

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

function uleb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return bytes;
}

const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (text: string) => vector([...text].map((c) => [c.charCodeAt(0)]));

const get = (local: number) => [0x20, ...uleb(local)];
const set = (local: number) => [0x21, ...uleb(local)];
const tee = (local: number) => [0x22, ...uleb(local)];
const simd = (opcode: number) => [0xfd, ...uleb(opcode)];
const MEMARG = [2, 0]; // 4-byte alignment hint (float32 tensors), offset 0
const load = [...simd(0x00), ...MEMARG];
const store = [...simd(0x0b), ...MEMARG];
const [sqrt, add, sub, mul, div] = [0xe3, 0xe4, 0xe5, 0xe6, 0xe7].map(simd) as [number[], number[], number[], number[], number[]];
const [notEqual, greater] = [0x42, 0x44].map(simd) as [number[], number[]];
const [and, or] = [0x4e, 0x50].map(simd) as [number[], number[]];

function splat(value: number): number[] {
  const lane = new Uint8Array(new Float32Array([value]).buffer);
  return [...simd(0x0c), ...lane, ...lane, ...lane, ...lane];
}

/** `block loop (exit when index >= bytes) body; index += 16 end end`, with `at(p)` = p + index. */
function loop(index: number, bytes: number, body: (at: (pointer: number) => number[]) => number[]): number[] {
  const at = (pointer: number) => [...get(pointer), ...get(index), 0x6a];
  return [0x02, 0x40, 0x03, 0x40, ...get(index), ...get(bytes), 0x4f, 0x0d, 1, ...body(at), ...get(index), 0x41, 16, 0x6a, ...set(index), 0x0c, 0, 0x0b, 0x0b];
}

function adamBody(): number[] {
  const [p, g, m, v, l, pOut, mOut, vOut, bytes, c1, c2] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [index, c1s, c2s, gs, ms, vs] = [11, 12, 13, 14, 15, 16];
  const locals = vector([[1, I32], [5, V128]]);
  const code = [
    ...get(c1), ...simd(0x13), ...set(c1s),
    ...get(c2), ...simd(0x13), ...set(c2s),
    ...loop(index, bytes, (at) => [
      ...at(g), ...load, ...set(gs),
      ...at(m), ...load, ...splat(ADAM.beta1), ...mul, ...get(gs), ...splat(1 - ADAM.beta1), ...mul, ...add, ...set(ms),
      ...at(v), ...load, ...splat(ADAM.beta2), ...mul, ...get(gs), ...get(gs), ...mul, ...splat(1 - ADAM.beta2), ...mul, ...add, ...set(vs),
      ...at(mOut), ...get(ms), ...store,
      ...at(vOut), ...get(vs), ...store,
      ...at(pOut), ...at(p), ...load,
      ...get(ms), ...get(c1s), ...div,
      ...get(vs), ...get(c2s), ...div, ...sqrt, ...splat(ADAM.epsilon), ...add,
      ...div, ...at(l), ...load, ...mul, ...sub, ...store,
    ]),
    0x0b, // end of function
  ];
  return [...locals, ...code];
}

function reluDropoutGradientBody(): number[] {
  const [upstream, mask, activation, out, bytes, index, a] = [0, 1, 2, 3, 4, 5, 6];
  const locals = vector([[1, I32], [1, V128]]);
  // step(a): 1 where a > 0, NaN where a is NaN, else 0, as tf.step computes it.
  const code = loop(index, bytes, (at) => [
    ...at(out),
    ...at(upstream), ...load, ...at(mask), ...load, ...mul,
    ...at(activation), ...load, ...tee(a), ...splat(0), ...greater, ...splat(1), ...and,
    ...get(a), ...get(a), ...notEqual, ...splat(NaN), ...and, ...or,
    ...mul, ...store,
  ]);
  return [...locals, ...code, 0x0b];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const types = vector([
    [0x60, ...vector([...Array<number[]>(9).fill([I32]), [F32], [F32]]), 0],
    [0x60, ...vector(Array<number[]>(5).fill([I32])), 0],
  ]);
  const imports = vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0]]);
  const functions = vector([[0], [1]]);
  const exports = vector([[...name('adam'), 0x00, 0], [...name('reluDropoutGradient'), 0x00, 1]]);
  const bodies = vector([adamBody(), reluDropoutGradientBody()].map((body) => [...uleb(body.length), ...body]));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...section(1, types), ...section(2, imports), ...section(3, functions), ...section(7, exports), ...section(10, bodies)]);
}

/** The module instantiated over `memory`; null where this engine has no WASM SIMD or the memory is shared. */
export function instantiateSimd(memory: WebAssembly.Memory): SimdExports | null {
  if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) return null;
  const bytes = moduleBytes();
  if (!WebAssembly.validate(bytes)) return null;
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as SimdExports;
}
