import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendRequest } from '../engine/backendNames.ts';
import { chooseBackend, type BackendChoice } from './backends.ts';
import { registerAdamKernels } from './fused/adamKernels.ts';

// Threads need cross-origin isolation, gain nothing on small models, and break in the minified
// build (the thread worker's code is mangled); single-threaded SIMD is the fast path here.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
registerAdamKernels();
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});

/** In the browser: WebGPU, then WebGL, then WASM, then CPU, each checked before it is used. */
export function chooseBrowserBackend(request: BackendRequest): Promise<BackendChoice> {
  return chooseBackend(request);
}
