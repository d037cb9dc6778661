import type { MnistDataset } from '../data/mnist.ts';
import { isGpuBackend } from '../engine/backendNames.ts';
import { datasetTensors, type DatasetTensors } from './datasetTensors.ts';
import { batchedStrategy } from './fused/batchedStrategy.ts';
import type { ImageSource } from './fused/fusedBatches.ts';
import type { FusedStrategy } from './fused/fusedStrategy.ts';
import { perTrialStrategy } from './fused/perTrialStrategy.ts';
import { installWasmFastSlice } from './wasmFastSlice.ts';
import { installWasmFusedKernels } from './wasmFusedKernels.ts';

/** Batched products on GPU backends (few kernels), per-trial 2-D products elsewhere (XNNPACK). */
export function fusedStrategyFor(backend: string): FusedStrategy {
  return isGpuBackend(backend) ? batchedStrategy : perTrialStrategy;
}

/** GPU backends pick each step's rows from the split on the device instead of uploading them. */
export function gathersOnDevice(backend: string): boolean {
  return isGpuBackend(backend);
}

/** What the fused path needs of a backend before it trains (WASM: slices that do not copy everything, one-pass element-wise kernels). */
export function prepareBackend(backend: string): void {
  if (backend !== 'wasm') return;
  installWasmFastSlice();
  installWasmFusedKernels();
}

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
    prepareBackend(backend);
  }

  get backend(): string {
    return this.backendName;
  }

  tensors(): DatasetTensors {
    this.uploaded ??= datasetTensors(this.dataset);
    return this.uploaded;
  }

  fusedStrategy(): FusedStrategy {
    return fusedStrategyFor(this.backend);
  }

  imageSource(): ImageSource {
    return gathersOnDevice(this.backend) ? { kind: 'gather', images: this.tensors().train.images } : { kind: 'upload' };
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
    prepareBackend(backend);
  }

  dispose(): void {
    this.uploaded?.dispose();
    this.uploaded = null;
  }
}
