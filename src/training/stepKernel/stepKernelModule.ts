import { STEP_KERNEL_WASM_BASE64 } from './stepKernelWasm.ts';

/** What the AssemblyScript kernel exports (assembly/index.ts); every pointer is a byte address in `memory`. */
export interface StepKernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  /** Draws the step's dropout masks from `maskState` (a TrialStream's, see takeMaskDraws), then trains. */
  trainTrial(descriptor: number, oneMinusBeta1Power: number, oneMinusBeta2Power: number, maskState: number): void;
  evaluateTrial(descriptor: number): void;
  productNN(a: number, b: number, c: number, m: number, k: number, n: number): void;
  weightGradientAdam(x: number, ldx: number, dz: number, rows: number, inReal: number, n: number, nReal: number, w: number, m: number, v: number, rate: number, c1: number, c2: number): void;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let compiled: Promise<WebAssembly.Module> | null = null;

/** The kernel compiled once per worker (or Node process), asynchronously. */
function compiledKernel(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(decodeBase64(STEP_KERNEL_WASM_BASE64));
  return compiled;
}

/** A fresh instance with its own memory, grown to hold `bytes` from its heap base up; returns the first free address. */
export async function instantiateStepKernel(bytes: number): Promise<{ kernel: StepKernelExports; base: number }> {
  const instance = await WebAssembly.instantiate(await compiledKernel(), {});
  const kernel = instance.exports as unknown as StepKernelExports;
  const base = alignUp(kernel.heapBase(), 64);
  const needed = Math.ceil((base + bytes) / 65536) - kernel.memory.buffer.byteLength / 65536;
  if (needed > 0) kernel.memory.grow(needed);
  return { kernel, base };
}

let supported: boolean | null = null;

/** Whether this engine runs WebAssembly SIMD (the kernel needs it); asked once per worker. */
export function stepKernelSupported(): boolean {
  supported ??= typeof WebAssembly === 'object' && WebAssembly.validate(decodeBase64(STEP_KERNEL_WASM_BASE64));
  return supported;
}

export function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
