import '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from '../engine/backendNames.ts';
import { chooseBackend, type BackendChoice } from './backends.ts';

/** In Node: WASM where it loads, else the CPU backend. */
export const NODE_BACKEND_ORDER: readonly BackendName[] = ['wasm', 'cpu'];

export function chooseNodeBackend(request: 'wasm' | 'cpu' | null): Promise<BackendChoice> {
  return chooseBackend(request ?? 'auto', NODE_BACKEND_ORDER);
}
