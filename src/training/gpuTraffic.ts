import * as tf from '@tensorflow/tfjs';
import { isGpuBackend } from '../engine/backendNames.ts';

/** What a GPU backend asked of the device while it was watched. */
export interface GpuTraffic {
  /** Shader runs: WebGPU compute dispatches, WebGL draw calls. */
  dispatches: number;
  /** Tensor data copied from JavaScript memory to the device. */
  uploads: number;
  /** Small per-dispatch parameter writes (WebGPU uniform buffers; WebGL sets uniforms without a copy). */
  uniformWrites: number;
  /** Command buffers submitted to the queue (WebGPU; WebGL has no such count). */
  submits: number;
  /** Copies from the device back to JavaScript memory. */
  readbacks: number;
}

export interface TrafficWatch {
  read(): GpuTraffic;
  /** Puts every wrapped method back. */
  stop(): void;
}

type Method = (...args: never[]) => unknown;

/** Replaces `target[name]` with `make(original)`; returns the undo. */
function replace(target: object, name: string, make: (original: Method) => Method): () => void {
  const holder = target as Record<string, Method>;
  const original = holder[name];
  if (typeof original !== 'function') throw new Error(`cannot count GPU traffic: the backend has no ${name}`);
  const had = Object.prototype.hasOwnProperty.call(target, name);
  holder[name] = make(original);
  return () => {
    if (had) holder[name] = original;
    else delete holder[name];
  };
}

/** Replaces `target[name]` with a version that calls `count` first. */
function wrap(target: object, name: string, count: (...args: unknown[]) => void): () => void {
  return replace(target, name, (original) =>
    function (this: unknown, ...args: never[]) {
      count(...args);
      return original.apply(this, args);
    },
  );
}

const hasData = (value: unknown) => ArrayBuffer.isView(value) || value instanceof ArrayBuffer;

type Count = (kind: keyof GpuTraffic) => void;

interface WebGlBackendParts {
  gpgpu: { gl: WebGL2RenderingContext };
}

interface WebGpuBackendParts {
  device: object;
  queue: object;
  tensorMap: { get(dataId: unknown): { resource?: unknown; values?: unknown } | undefined };
}

function watchWebGl(backend: WebGlBackendParts, count: Count): (() => void)[] {
  const gl = backend.gpgpu.gl;
  const draw = () => count('dispatches');
  // The pixel data is the last argument of every texImage2D/texSubImage2D form; null only allocates.
  const upload = (...args: unknown[]) => hasData(args[args.length - 1]) && count('uploads');
  return [
    wrap(gl, 'drawElements', draw),
    wrap(gl, 'drawArrays', draw),
    wrap(gl, 'texSubImage2D', upload),
    wrap(gl, 'texImage2D', upload),
    wrap(gl, 'bufferSubData', upload),
    // A float readback is readPixels into a pixel-pack buffer, then getBufferSubData: one copy.
    wrap(gl, 'readPixels', () => count('readbacks')),
  ];
}

interface CountedPass {
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
}

interface CountedEncoder {
  beginComputePass(descriptor?: unknown): CountedPass;
}

function watchWebGpu(backend: WebGpuBackendParts, count: Count): (() => void)[] {
  return [
    // Dispatches are counted on each pass the backend opens: wrap encoders as the device makes them.
    replace(backend.device, 'createCommandEncoder', (original) =>
      function (this: unknown, ...args: never[]) {
        const encoder = original.apply(this, args) as CountedEncoder;
        replace(encoder, 'beginComputePass', (begin) => (...passArgs: never[]) => {
          const pass = begin.apply(encoder, passArgs) as CountedPass;
          wrap(pass, 'dispatchWorkgroups', () => count('dispatches'));
          return pass;
        });
        return encoder;
      },
    ),
    wrap(backend.queue, 'writeBuffer', () => count('uniformWrites')),
    wrap(backend.queue, 'submit', () => count('submits')),
    wrap(backend, 'uploadToGPU', (dataId) => {
      const data = backend.tensorMap.get(dataId);
      if (data && data.resource == null && data.values != null) count('uploads');
    }),
    wrap(backend, 'getBufferData', () => count('readbacks')),
  ];
}

/**
 * Counts the device work of everything run on the current backend from now until `stop()`, by
 * wrapping the backend's own calls (WebGL: the GL context; WebGPU: the device, queue and backend).
 * Null on backends without a device (WASM, CPU).
 */
export function watchGpuTraffic(): TrafficWatch | null {
  const name = tf.getBackend();
  if (!isGpuBackend(name)) return null;
  const traffic: GpuTraffic = { dispatches: 0, uploads: 0, uniformWrites: 0, submits: 0, readbacks: 0 };
  let watching = true;
  // An encoder wrapped while watching may outlive the watch: it counts only until stop().
  const count: Count = (kind) => {
    if (watching) traffic[kind]++;
  };
  const backend = tf.backend() as unknown;
  const undo = name === 'webgl' ? watchWebGl(backend as WebGlBackendParts, count) : watchWebGpu(backend as WebGpuBackendParts, count);
  return {
    read: () => ({ ...traffic }),
    stop: () => {
      watching = false;
      undo.reverse().forEach((restore) => restore());
    },
  };
}
