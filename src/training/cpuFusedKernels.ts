import * as tf from '@tensorflow/tfjs';
import { adamElements, reluDropoutGradientElements } from './elementLoops.ts';
import { requireSameShapes, RUNG_ADAM, RUNG_RELU_DROPOUT_GRADIENT } from './fused/onePassChains.ts';

/**
 * The fused trainer's one-pass element-wise kernels on tfjs's CPU backend, the last fallback: one loop
 * per chain instead of a kernel per operation, each allocating its output and walking memory again
 * (Adam alone was 30% of a fused CPU search in a Node profile). Same float32 results bit for bit.
 */
interface CpuBackend {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: tf.backend_util.BackendValues): tf.TensorInfo;
}

type KernelArgs = { inputs: Record<string, tf.TensorInfo>; attrs: Record<string, unknown>; backend: unknown };

function floats(cpu: CpuBackend, info: tf.TensorInfo): Float32Array {
  const values = cpu.readSync(info.dataId);
  if (!(values instanceof Float32Array)) throw new Error(`a one-pass CPU kernel got a ${info.dtype} tensor; it works on float32`);
  return values;
}

function adam({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo[] {
  const cpu = backend as CpuBackend;
  requireSameShapes(RUNG_ADAM, inputs);
  const { p, g, m, v, l } = inputs as Record<'p' | 'g' | 'm' | 'v' | 'l', tf.TensorInfo>;
  const parameters = floats(cpu, p);
  const n = parameters.length;
  const arrays = {
    parameters, gradient: floats(cpu, g), firstMoment: floats(cpu, m), secondMoment: floats(cpu, v), learningRates: floats(cpu, l),
    nextParameters: new Float32Array(n), nextFirstMoment: new Float32Array(n), nextSecondMoment: new Float32Array(n),
  };
  adamElements(arrays, Math.fround(attrs.c1 as number), Math.fround(attrs.c2 as number), 0, n);
  return [arrays.nextParameters, arrays.nextFirstMoment, arrays.nextSecondMoment].map((values) => cpu.makeTensorInfo(p.shape, 'float32', values));
}

function reluDropoutGradient({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const cpu = backend as CpuBackend;
  requireSameShapes(RUNG_RELU_DROPOUT_GRADIENT, inputs);
  const { upstream, mask, activation } = inputs as Record<'upstream' | 'mask' | 'activation', tf.TensorInfo>;
  const out = new Float32Array(upstream.shape.reduce((a, b) => a * b, 1));
  reluDropoutGradientElements(floats(cpu, upstream), floats(cpu, mask), floats(cpu, activation), out, 0, out.length);
  return cpu.makeTensorInfo(upstream.shape, 'float32', out);
}

const KERNELS: [string, (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]][] = [
  [RUNG_ADAM, adam],
  [RUNG_RELU_DROPOUT_GRADIENT, reluDropoutGradient],
];

/** Registers them for the CPU backend, once. */
export function installCpuFusedKernels(): void {
  for (const [kernelName, kernelFunc] of KERNELS) if (!tf.getKernel(kernelName, 'cpu')) tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc: kernelFunc as tf.KernelFunc });
}

/** Removes them again, so that the tfjs chains run (tests compare the two). */
export function uninstallCpuFusedKernels(): void {
  for (const [kernelName] of KERNELS) if (tf.getKernel(kernelName, 'cpu')) tf.unregisterKernel(kernelName, 'cpu');
}
