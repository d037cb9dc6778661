import * as tf from '@tensorflow/tfjs';
import { BACKEND_NAMES, type BackendName, type BackendRequest } from '../engine/backendNames.ts';

export interface BackendAttempt {
  backend: BackendName;
  error: string;
}

export interface BackendChoice {
  backend: BackendName;
  /** Backends tried before the chosen one, and why each was passed over. */
  skipped: BackendAttempt[];
}

/**
 * A tiny computation with a known answer: a matmul, a ReLU, a gradient, and a difference that
 * half-precision floats lose (1 + 1e-4). A backend that fails it is not used.
 */
export async function selfCheck(): Promise<string | null> {
  const [values, gradient] = tf.tidy(() => {
    const product = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[0.5], [0.25]]));
    const out = tf.relu(product.sub(1)).add(1e-4).reshape([2]);
    const grad = tf.grad((x: tf.Tensor) => x.square().sum())(tf.tensor1d([3]));
    return [out, grad];
  });
  try {
    const [got, slope] = await Promise.all([values.data(), gradient.data()]);
    const expected = [1e-4, 1.5001];
    const wrong = expected.findIndex((e, i) => !(Math.abs(got[i]! - e) <= 1e-6 * Math.max(1, Math.abs(e))));
    if (wrong !== -1) return `self-check computed ${got[wrong]} instead of ${expected[wrong]}`;
    if (Math.abs(slope[0]! - 6) > 1e-5) return `self-check gradient was ${slope[0]} instead of 6`;
    return null;
  } finally {
    tf.dispose([values, gradient]);
  }
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render driver/i;

/** Names the software rasteriser behind a GPU backend (SwiftShader, llvmpipe), or null for real hardware. */
export function softwareRenderer(name: BackendName): string | null {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext }; adapterInfo?: { vendor?: string; architecture?: string } };
  if (name === 'webgl' && backend.gpgpu?.gl) {
    const gl = backend.gpgpu.gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return SOFTWARE_RENDERERS.test(renderer) ? renderer : null;
  }
  if (name === 'webgpu' && backend.adapterInfo) {
    const description = `${backend.adapterInfo.vendor ?? ''} ${backend.adapterInfo.architecture ?? ''}`.trim();
    return SOFTWARE_RENDERERS.test(description) ? description : null;
  }
  return null;
}

/** Sets exactly this backend, without the self-check: null once it has initialised, else why it did not. */
export async function initialiseBackend(name: BackendName): Promise<string | null> {
  try {
    // Production mode skips per-op debug checks (and silences the CPU backend's advert for tfjs-node).
    tf.enableProdMode();
    if (!(name in tf.engine().registryFactory)) return 'not available here';
    if (name === 'webgpu' && !(globalThis.navigator as { gpu?: unknown } | undefined)?.gpu) return 'this browser does not offer WebGPU';
    const ok = await tf.setBackend(name);
    if (!ok) return 'failed to initialise';
    await tf.ready();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    return (await initialiseBackend(name)) ?? (await selfCheck());
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Sets the tfjs backend: the requested one, or the first of `order` that initialises and passes the
 * self-check. Falls back down the order when the requested one fails. `auto` also passes over a GPU
 * backend that a software rasteriser emulates: on the CPU, WASM is faster than an emulated GPU.
 */
export async function chooseBackend(request: BackendRequest, order: readonly BackendName[] = BACKEND_NAMES): Promise<BackendChoice> {
  const candidates = request === 'auto' ? order : [request, ...order.slice(order.indexOf(request) + 1)];
  const skipped: BackendAttempt[] = [];
  for (const [i, backend] of candidates.entries()) {
    const error = await tryBackend(backend);
    const emulated = error === null && request === 'auto' && i < candidates.length - 1 ? softwareRenderer(backend) : null;
    if (error === null && emulated === null) return { backend, skipped };
    skipped.push({ backend, error: error ?? `runs in software here (${emulated}), slower than the CPU backends` });
  }
  throw new Error(`no TensorFlow.js backend works here: ${skipped.map((s) => `${s.backend}: ${s.error}`).join('; ')}`);
}

export function currentBackend(): BackendName {
  return tf.getBackend() as BackendName;
}
