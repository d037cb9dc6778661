import type { FusedSpeed } from '../training/speedProbe.ts';
import type { BackendName } from '../engine/backendNames.ts';

export interface BenchPlan {
  backend: BackendName;
  fitSteps: number;
  /** Trials per fused group, with the steps to time for each. */
  fused: { trials: number; steps: number }[];
  largeMatmulSize?: number;
}

export type BenchRequest = { type: 'run'; plan: BenchPlan } | { type: 'check'; backend: BackendName; steps: number };

export interface BenchResult {
  backend: BackendName;
  strategy: string;
  fitMsPerStep: number | null;
  fused: Record<number, FusedSpeed>;
  largeMatmulGflops: number | null;
  largeMatmulSize: number | null;
  wasmThreads: number | null;
}

/** `unavailable`: the backend did not initialise here (no adapter, no WebGPU); `error`: it did, then failed. */
export type BenchEvent =
  | { type: 'result'; result: BenchResult }
  | { type: 'weights'; weights: Float32Array }
  | { type: 'unavailable'; reason: string }
  | { type: 'error'; message: string };

/** The cross-backend check's answer per backend: the largest weight difference from the CPU backend. */
export type CheckOutcome = { difference: number } | { unavailable: string } | { error: string };
