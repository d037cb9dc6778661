import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCpuFusedKernels, uninstallCpuFusedKernels } from '../../../../src/training/cpuFusedKernels.ts';
import { adamUpdate, nextCorrection, reluDropoutGradient } from '../../../../src/training/fused/onePassChains.ts';
import { perTrialStrategy } from '../../../../src/training/fused/perTrialStrategy.ts';
import { fusedWeightsAfterSteps } from '../../../../src/training/speedProbe.ts';
import { installWasmFastSlice } from '../../../../src/training/wasmFastSlice.ts';
import { installWasmFusedKernels, uninstallWasmFusedKernels } from '../../../../src/training/wasmFusedKernels.ts';

/**
 * The one-pass kernels against the tfjs kernel chains they replace, on the WASM and the CPU backend in
 * Node: the same float32 operations in the same order, so the results must agree bit for bit.
 */
const BACKENDS = [
  { backend: 'wasm', install: installWasmFusedKernels, uninstall: uninstallWasmFusedKernels, prepare: installWasmFastSlice },
  { backend: 'cpu', install: installCpuFusedKernels, uninstall: uninstallCpuFusedKernels, prepare: () => undefined },
];
afterAll(async () => {
  for (const { uninstall } of BACKENDS) uninstall();
  await tf.setBackend('cpu');
});

type Kernels = (typeof BACKENDS)[number];

/** Runs `compute` with the tfjs chains, then with the one-pass kernels; returns both results and the kernels each ran. */
async function bothWays({ install, uninstall }: Kernels, compute: () => tf.Tensor | tf.Tensor[]): Promise<{ chain: Float32Array[]; fused: Float32Array[]; fusedKernels: string[] }> {
  const read = async () => {
    const out = [compute()].flat();
    const values = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose(out);
    return values;
  };
  uninstall();
  const chain = await read();
  install();
  const profile = await tf.profile(async () => tf.dispose(compute()));
  const fused = await read();
  uninstall();
  return { chain, fused, fusedKernels: profile.kernelNames };
}

const values = (n: number, seed: number, scale = 1) => Float32Array.from({ length: n }, (_, i) => scale * Math.sin(seed * 1000 + i * 12.9898));

describe.each(BACKENDS)('one-pass kernels on $backend', (kernels) => {
  beforeAll(async () => {
    tf.enableProdMode();
    await tf.setBackend(kernels.backend);
    await tf.ready();
    kernels.prepare();
  });

  it('runs Adam in one kernel, bit for bit as the thirteen-kernel chain, padding (rate 0) unmoved', async () => {
    const n = 5003; // not a multiple of 4: on WASM the last 3 entries take the JavaScript path
    const rates = Float32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : i % 2 ? 0.001 : 0.01));
    const state = { parameters: tf.tensor1d(values(n, 1)), firstMoment: tf.tensor1d(values(n, 2, 1e-3)), secondMoment: tf.tensor1d(values(n, 3, 1e-6).map(Math.abs)) };
    const gradient = tf.tensor1d(values(n, 4, 0.1));
    const learningRates = tf.tensor1d(rates);
    let powers = { beta1Power: 1, beta2Power: 1 };
    for (let i = 0; i < 3; i++) powers = nextCorrection(powers.beta1Power, powers.beta2Power);
    const { correction } = nextCorrection(powers.beta1Power, powers.beta2Power);
    const { chain, fused, fusedKernels } = await bothWays(kernels, () => {
      const next = adamUpdate(state, gradient, learningRates, correction);
      return [next.parameters, next.firstMoment, next.secondMoment];
    });
    expect(fusedKernels).toEqual(['RungAdam']);
    fused.forEach((values, i) => expect(values).toEqual(chain[i]));
    const before = await state.parameters.data();
    expect(fused[0]!.filter((p, i) => rates[i] === 0 && p !== before[i]).length).toBe(0);
    expect(fused[0]!.filter((p, i) => p !== before[i]).length).toBeGreaterThan(n / 2);
    tf.dispose([state.parameters, state.firstMoment, state.secondMoment, gradient, learningRates]);
  });

  it('runs the ReLU-and-dropout gradient in one kernel, bit for bit as mul(mul(upstream, mask), step(activation))', async () => {
    const shape: [number, number] = [31, 49]; // 1519 entries: on WASM the last 3 take the JavaScript path
    const upstream = tf.tensor2d(values(1519, 5), shape);
    const mask = tf.tensor2d(values(1519, 6).map((x) => (x > 0 ? 1.25 : 0)), shape);
    const activation = tf.tensor2d(values(1519, 7).map((x) => Math.max(0, x)), shape);
    const { chain, fused, fusedKernels } = await bothWays(kernels, () => reluDropoutGradient(upstream, mask, activation));
    expect(fusedKernels).toEqual(['RungReluDropoutGradient']);
    expect(fused[0]).toEqual(chain[0]);
    expect(fused[0]!.filter((x) => x !== 0).length).toBeGreaterThan(300);
    tf.dispose([upstream, mask, activation]);
  });

  it('refuses inputs of different shapes, naming them, as the chains would, and allocates nothing', () => {
    kernels.install();
    const state = { parameters: tf.zeros([12]), firstMoment: tf.zeros([12]), secondMoment: tf.zeros([12]) };
    const [wrongGradient, rates] = [tf.zeros([2, 5]), tf.zeros([12])];
    const [upstream, mask, transposedActivation] = [tf.zeros([3, 4]), tf.zeros([3, 4]), tf.zeros([4, 3])];
    const before = tf.memory().numTensors;
    expect(() => adamUpdate(state, wrongGradient, rates, { oneMinusBeta1Power: 0.1, oneMinusBeta2Power: 0.001 })).toThrow('RungAdam: input g has shape [2, 5], input p [12]; they must match');
    expect(() => reluDropoutGradient(upstream, mask, transposedActivation)).toThrow(/input activation has shape \[4, 3\]/);
    expect(tf.memory().numTensors).toBe(before);
    kernels.uninstall();
    tf.dispose([state.parameters, state.firstMoment, state.secondMoment, wrongGradient, rates, upstream, mask, transposedActivation]);
  });

  it('leaves a short fused training run bit for bit as the tfjs chains train it', async () => {
    kernels.uninstall();
    const chain = await fusedWeightsAfterSteps(30, perTrialStrategy, () => ({ kind: 'upload' }));
    kernels.install();
    const fused = await fusedWeightsAfterSteps(30, perTrialStrategy, () => ({ kind: 'upload' }));
    kernels.uninstall();
    expect(fused).toEqual(chain);
  });
});
