import * as tf from '@tensorflow/tfjs';
import { MNIST_INPUT_SIZE } from '../engine/mlpSpace.ts';
import { batchesPerEpoch, glorotUniformWeights, TrialStream } from './fused/trialRandomness.ts';
import { disposeBatch, trainingBatch } from './fused/fusedBatches.ts';
import { FusedModel } from './fused/fusedModel.ts';
import { REFERENCE_ARCHITECTURE, syntheticSplit } from './speedProbe.ts';
import { measureKernelSpeed } from './stepKernel/kernelSpeed.ts';
import { fusedPathFor, fusedStrategyFor, prepareBackend } from './trainingData.ts';
import { measureLargeMatmulGflops, measureMatmulGflops, trainingStepFlops } from './throughput.ts';
import { installWasmFusedKernels, uninstallWasmFusedKernels } from './wasmFusedKernels.ts';

const BATCH = 32;

type KernelTotals = Map<string, { ms: number; calls: number }>;

/** Wraps every kernel of the backend with a timer (WASM kernels are synchronous, so this is exact). */
function timeKernels(backend: string): { totals: KernelTotals; restore: () => void } {
  const totals: KernelTotals = new Map();
  const configs = tf.getKernelsForBackend(backend);
  const swap = (config: tf.KernelConfig) => {
    tf.unregisterKernel(config.kernelName, backend);
    tf.registerKernel(config);
  };
  for (const config of configs) {
    const inner = config.kernelFunc;
    swap({
      ...config,
      kernelFunc: (args) => {
        const startedMs = performance.now();
        const out = inner(args);
        const entry = totals.get(config.kernelName) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - startedMs;
        entry.calls += 1;
        totals.set(config.kernelName, entry);
        return out;
      },
    });
  }
  return { totals, restore: () => configs.forEach(swap) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Where a fused step of K reference models spends its time on the current backend, as report lines
 * (the tfjs path, op by op; where a search trains with the whole-step kernel, that path's step too):
 * the step against the backend's large-matmul GFLOP/s in the same run; the one-pass WASM kernels
 * against the tfjs chains they replace, in interleaved rounds (the machine's load drifts, the ratio
 * within a round much less); and the time inside each kernel.
 */
export async function profileFusedStep(trials: number, steps: number, rounds: number): Promise<string[]> {
  const backend = tf.getBackend();
  prepareBackend(backend);
  const specs = Array.from({ length: trials }, (_, k) => ({ trialId: String(k), ...REFERENCE_ARCHITECTURE }));
  const train = syntheticSplit(640);
  const model = FusedModel.create(specs, specs.map((s, k) => glorotUniformWeights(s.units, k + 1)), fusedStrategyFor(backend));
  const streams = specs.map((_, k) => new TrialStream(train.count, k + 1));
  const batches = batchesPerEpoch(train.count, BATCH);
  let step = 0;
  let batchMs = 0;
  /** Mean milliseconds per step over `count` steps. */
  const run = async (count: number): Promise<number> => {
    const startedMs = performance.now();
    for (let i = 0; i < count; i++, step++) {
      if (step % batches === 0) streams.forEach((s) => s.startEpoch());
      const batchStartedMs = performance.now();
      const batch = trainingBatch(model.layout, streams, train, step % batches, BATCH, { kind: 'upload' });
      batchMs += performance.now() - batchStartedMs;
      const sums = model.trainStep(batch);
      disposeBatch(batch);
      if (i === count - 1) await sums.lossSum.data();
      tf.dispose([sums.lossSum, sums.correct]);
    }
    return (performance.now() - startedMs) / count;
  };
  try {
    await run(10);
    const largeGflops = await measureLargeMatmulGflops();
    const smallGflops = await measureMatmulGflops(BATCH, MNIST_INPUT_SIZE, 68);
    batchMs = 0;
    const stepMs = await run(steps);
    const flops = trainingStepFlops(REFERENCE_ARCHITECTURE.units, BATCH) * trials;
    const path = fusedPathFor(backend);
    const lines = [
      `backend ${backend}, ${trials} trials, ${steps} steps; a search here trains with the ${path} path; matmul GFLOP/s: 1024^3 ${largeGflops.toFixed(1)}, [32,784]x[784,68] ${smallGflops.toFixed(1)}`,
      `tfjs path: step ${stepMs.toFixed(2)} ms (${(stepMs / trials).toFixed(3)} ms per trial), ${(flops / stepMs / 1e6).toFixed(1)} GFLOP/s = ${((100 * flops) / stepMs / 1e6 / largeGflops).toFixed(0)}% of 1024^3; building the batch ${(batchMs / steps).toFixed(2)} ms of it`,
    ];
    if (path === 'kernel') {
      const kernel = await measureKernelSpeed(trials, steps, 0);
      lines.push(`kernel path: step ${kernel.msPerStep.toFixed(2)} ms (${kernel.msPerStepPerTrial.toFixed(3)} ms per trial), ${kernel.gflops.toFixed(1)} GFLOP/s = ${((100 * kernel.gflops) / largeGflops).toFixed(0)}% of 1024^3; ${(stepMs / kernel.msPerStep).toFixed(2)}x the tfjs path`);
    }
    if (backend === 'wasm') {
      const fused: number[] = [];
      const chains: number[] = [];
      for (let round = 0; round < rounds; round++) {
        installWasmFusedKernels();
        fused.push(await run(steps));
        uninstallWasmFusedKernels();
        chains.push(await run(steps));
      }
      installWasmFusedKernels();
      const ratios = fused.map((ms, r) => chains[r]! / ms);
      lines.push(
        `one-pass kernels ${median(fused).toFixed(2)} ms per step, tfjs chains ${median(chains).toFixed(2)} ms (medians of ${rounds} interleaved rounds)`,
        `chains / one-pass per round: ${ratios.map((r) => r.toFixed(2)).join(' ')} (median ${median(ratios).toFixed(2)})`,
      );
    }
    const { totals, restore } = timeKernels(backend);
    const timedMs = await run(steps);
    restore();
    const kernelMs = [...totals.values()].reduce((a, e) => a + e.ms, 0) / steps;
    const calls = [...totals.values()].reduce((a, e) => a + e.calls, 0) / steps;
    lines.push(
      `timed step ${timedMs.toFixed(2)} ms, inside kernels ${kernelMs.toFixed(2)} ms, ${calls} kernel calls:`,
      ...[...totals.entries()]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([name, e]) => `  ${name.padEnd(24)} ${(e.ms / steps).toFixed(3).padStart(8)} ms ${(e.calls / steps).toFixed(0).padStart(5)} calls ${((100 * e.ms) / steps / kernelMs).toFixed(1).padStart(5)}%`),
    );
    return lines;
  } finally {
    model.dispose();
  }
}
