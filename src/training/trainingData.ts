import type { MnistDataset } from '../data/mnist.ts';
import { datasetTensors, type DatasetTensors } from './datasetTensors.ts';
import { batchedStrategy } from './fused/batchedStrategy.ts';
import type { ImageSource } from './fused/fusedBatches.ts';
import type { FusedStrategy } from './fused/fusedStrategy.ts';
import { perTrialStrategy } from './fused/perTrialStrategy.ts';
import { installWasmFastSlice } from './wasmFastSlice.ts';

const GPU_BACKENDS = new Set(['webgl', 'webgpu']);

/**
 * The splits in JavaScript memory, and on the backend only when a path needs them there (model.fit,
 * or the GPU fused path's on-device gather), so the WASM fused path keeps one copy of the data.
 */
export class TrainingData {
  private uploaded: DatasetTensors | null = null;
  private backendName: string;

  constructor(
    readonly dataset: MnistDataset,
    backend: string,
  ) {
    this.backendName = backend;
    if (backend === 'wasm') installWasmFastSlice();
  }

  get backend(): string {
    return this.backendName;
  }

  tensors(): DatasetTensors {
    this.uploaded ??= datasetTensors(this.dataset);
    return this.uploaded;
  }

  /** Batched products on GPU backends (few kernels), per-trial 2-D products elsewhere (XNNPACK). */
  fusedStrategy(): FusedStrategy {
    return GPU_BACKENDS.has(this.backend) ? batchedStrategy : perTrialStrategy;
  }

  imageSource(): ImageSource {
    return GPU_BACKENDS.has(this.backend) ? { kind: 'gather', images: this.tensors().train.images } : { kind: 'upload' };
  }

  /** After the backend was replaced: tensors on the old one are gone, upload again when needed. */
  moveTo(backend: string): void {
    try {
      this.uploaded?.dispose();
    } catch {
      // They belonged to a backend that no longer exists; nothing is left to free.
    }
    this.uploaded = null;
    this.backendName = backend;
    if (backend === 'wasm') installWasmFastSlice();
  }

  dispose(): void {
    this.uploaded?.dispose();
    this.uploaded = null;
  }
}
