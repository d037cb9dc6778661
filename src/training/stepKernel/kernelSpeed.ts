import { MNIST_INPUT_SIZE } from '../../engine/mlpSpace.ts';
import { batchesPerEpoch, glorotUniformWeights, TrialStream } from '../fused/trialRandomness.ts';
import { REFERENCE_ARCHITECTURE, syntheticSplit, type FusedSpeed } from '../speedProbe.ts';
import { trainingStepFlops } from '../throughput.ts';
import { KernelModel } from './kernelModel.ts';
import { instantiateStepKernel } from './stepKernelModule.ts';

const BATCH = 32;

/** Calls `work` until at least `minimumMs` have passed (after one warm-up call); milliseconds per call. */
function timePerCall(work: () => void, minimumMs: number): number {
  work();
  let calls = 0;
  const startedMs = performance.now();
  let elapsedMs = 0;
  while (elapsedMs < minimumMs) {
    work();
    calls++;
    elapsedMs = performance.now() - startedMs;
  }
  return elapsedMs / calls;
}

export interface KernelProductSpeed {
  /** GFLOP/s of the kernel's X[32, 784] . W[784, units]. */
  forwardGflops: number;
  /** GFLOP/s of its X^T . dZ ([784, 32] . [32, units]), with the Adam update of W fused in. */
  weightGradientGflops: number;
}

/** The kernel's two products that dominate a step, on random numbers, for a first layer `units` wide (a multiple of 4). */
export async function measureKernelProducts(units: number, minimumMs = 500): Promise<KernelProductSpeed> {
  const floats = { x: BATCH * MNIST_INPUT_SIZE, w: MNIST_INPUT_SIZE * units, z: BATCH * units };
  const { kernel, base } = await instantiateStepKernel(4 * (floats.x + 3 * floats.w + floats.z) + 256);
  const [x, w, m, v, z] = [base, base + 4 * floats.x, base + 4 * (floats.x + floats.w), base + 4 * (floats.x + 2 * floats.w), base + 4 * (floats.x + 3 * floats.w)];
  const memory = new Float32Array(kernel.memory.buffer);
  for (let i = base / 4; i < memory.length; i++) memory[i] = Math.sin(i) * 0.01;
  const flops = 2 * BATCH * MNIST_INPUT_SIZE * units;
  const forwardMs = timePerCall(() => kernel.productNN(x, w, z, BATCH, MNIST_INPUT_SIZE, units), minimumMs);
  memory.fill(0, m / 4, z / 4);
  const gradientMs = timePerCall(() => kernel.weightGradientAdam(x, MNIST_INPUT_SIZE, z, BATCH, MNIST_INPUT_SIZE, units, units, w, m, v, 1e-6, 0.1, 0.001), minimumMs);
  return { forwardGflops: flops / forwardMs / 1e6, weightGradientGflops: flops / gradientMs / 1e6 };
}

/**
 * The whole-step kernel training K copies of the reference model (own seeds, masks and batches) on
 * synthetic data, as measureFusedSpeed times the tfjs path: the same figures, GFLOP/s counted alike
 * (trainingStepFlops), validation timed on `evalSamples` samples (0: not timed).
 */
export async function measureKernelSpeed(trials: number, steps: number, evalSamples = 1000): Promise<FusedSpeed> {
  const specs = Array.from({ length: trials }, (_, k) => ({ trialId: String(k), ...REFERENCE_ARCHITECTURE }));
  const split = syntheticSplit(640);
  const model = await KernelModel.create(specs, specs.map((s, k) => glorotUniformWeights(s.units, k + 1)), BATCH);
  const streams = specs.map((_, k) => new TrialStream(split.count, k + 1));
  const batches = batchesPerEpoch(split.count, BATCH);
  let step = 0;
  const train = (count: number) => {
    for (let i = 0; i < count; i++, step++) {
      if (step % batches === 0) streams.forEach((s) => s.startEpoch());
      model.trainStep({ streams, split, batch: step % batches, batchSize: BATCH });
    }
  };
  try {
    train(Math.min(10, steps));
    const startedMs = performance.now();
    train(steps);
    const msPerStep = (performance.now() - startedMs) / steps;
    const trained = { msPerStep, msPerStepPerTrial: msPerStep / trials, gflops: (trials * trainingStepFlops(REFERENCE_ARCHITECTURE.units, BATCH)) / msPerStep / 1e6, trafficPerStep: null };
    if (evalSamples === 0) return { ...trained, evalMsPerThousand: Number.NaN };
    const validation = syntheticSplit(evalSamples, 7);
    await model.evaluate(validation);
    const evalStartedMs = performance.now();
    await model.evaluate(validation);
    return { ...trained, evalMsPerThousand: ((performance.now() - evalStartedMs) * 1000) / evalSamples };
  } finally {
    model.dispose();
  }
}
