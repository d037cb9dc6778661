/**
 * The TensorFlow.js backends Rung trains on, fastest first on a machine with a GPU: `auto` tries
 * them in this order. Every layer names a backend with these words.
 */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What a user may ask for: one backend, or `auto` (the first of BACKEND_NAMES that works). */
export type BackendRequest = BackendName | 'auto';
export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', ...BACKEND_NAMES];

export function isBackendRequest(value: string): value is BackendRequest {
  return (BACKEND_REQUESTS as readonly string[]).includes(value);
}

/** WebGL and WebGPU train on one shared device; WASM and CPU train on the CPU's cores. */
export function isGpuBackend(name: string): name is 'webgl' | 'webgpu' {
  return name === 'webgl' || name === 'webgpu';
}
