import * as tf from '@tensorflow/tfjs';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendRequest = BackendName | 'auto';

/** Fastest first on a machine with a GPU: the automatic choice tries them in this order. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

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

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    // Production mode skips per-op debug checks (and silences the CPU backend's advert for tfjs-node).
    tf.enableProdMode();
    if (!(name in tf.engine().registryFactory)) return 'not available here';
    const ok = await tf.setBackend(name);
    if (!ok) return 'failed to initialise';
    await tf.ready();
    return await selfCheck();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Sets the tfjs backend: the requested one, or the first of `order` that initialises and passes the
 * self-check. Falls back down the order when the requested one fails.
 */
export async function chooseBackend(request: BackendRequest, order: readonly BackendName[] = BACKEND_ORDER): Promise<BackendChoice> {
  const candidates = request === 'auto' ? order : [request, ...order.slice(order.indexOf(request) + 1)];
  const skipped: BackendAttempt[] = [];
  for (const backend of candidates) {
    const error = await tryBackend(backend);
    if (error === null) return { backend, skipped };
    skipped.push({ backend, error });
  }
  throw new Error(`no TensorFlow.js backend works here: ${skipped.map((s) => `${s.backend}: ${s.error}`).join('; ')}`);
}

export function currentBackend(): BackendName {
  return tf.getBackend() as BackendName;
}
