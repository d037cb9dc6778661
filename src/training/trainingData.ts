import type { MnistDataset } from '../data/mnist.ts';
import { isGpuBackend } from '../engine/backendNames.ts';
import { datasetTensors, type DatasetTensors } from './datasetTensors.ts';
import { batchedStrategy } from './fused/batchedStrategy.ts';
import type { ImageSource } from './fused/fusedBatches.ts';
import type { FusedStrategy } from './fused/fusedStrategy.ts';
import { perTrialStrategy } from './fused/perTrialStrategy.ts';
import { tfjsGroupFactory } from './fused/tfjsGroupModel.ts';
import type { TrainingPath, TrialGroupFactory } from './fused/trialGroupModel.ts';
import { kernelGroupFactory } from './stepKernel/kernelModel.ts';
import { stepKernelSupported } from './stepKernel/stepKernelModule.ts';
import { installCpuFusedKernels } from './cpuFusedKernels.ts';
import { installWasmFastSlice } from './wasmFastSlice.ts';
import { installWasmFusedKernels } from './wasmFusedKernels.ts';

/** Batched products on GPU backends (few kernels), per-trial 2-D products elsewhere (XNNPACK). */
export function fusedStrategyFor(backend: string): FusedStrategy {
  return isGpuBackend(backend) ? batchedStrategy : perTrialStrategy;
}

/**
 * The whole-step WASM SIMD kernel on the WASM backend (where tfjs's per-op cost dominates a step),
 * where the engine runs WASM SIMD; tfjs kernels on the GPU backends and the CPU backend.
 */
export function fusedPathFor(backend: string): TrainingPath {
  return backend === 'wasm' && stepKernelSupported() ? 'kernel' : 'tfjs';
}

/** How fused groups are created on `backend`: its path, with the tfjs path's strategy and image source. */
export function groupFactoryFor(backend: string, source: ImageSource): TrialGroupFactory {
  return fusedPathFor(backend) === 'kernel' ? kernelGroupFactory : tfjsGroupFactory(fusedStrategyFor(backend), source);
}

/** GPU backends pick each step's rows from the split on the device instead of uploading them. */
export function gathersOnDevice(backend: string): boolean {
  return isGpuBackend(backend);
}

/** What the fused path needs of a backend before it trains (WASM: slices that do not copy everything; WASM and CPU: one-pass element-wise kernels). */
export function prepareBackend(backend: string): void {
  if (backend === 'cpu') installCpuFusedKernels();
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

  /** How the fused trainer creates its groups on this backend (fusedPathFor). */
  fusedGroups(): TrialGroupFactory {
    return groupFactoryFor(this.backend, this.imageSource());
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
