import * as tf from '@tensorflow/tfjs';
import { webgpu_util } from '@tensorflow/tfjs-backend-webgpu';
import { ADAM } from '../mlpModel.ts';
import { RUNG_ADAM } from './onePassChains.ts';

/**
 * Adam as three GPU programs instead of thirteen element-wise kernels: the new first moment, the new
 * second moment, and the new parameters (each program has one output). On a GPU that runs shaders in
 * software, every element-wise pass over a large fused model costs milliseconds; this saves ten.
 * Inputs: parameters, gradient, first and second moments, per-entry learning rates; outputs in that
 * order: parameters, first moment, second moment. The arithmetic is tf.train.adam's.
 */

const FIRST = `m * ${ADAM.beta1} + g * ${1 - ADAM.beta1}`;
const SECOND = `v * ${ADAM.beta2} + g * g * ${1 - ADAM.beta2}`;

interface GlBackend {
  compileAndRun(program: object, inputs: tf.TensorInfo[], dtype?: tf.DataType, uniforms?: number[][]): tf.TensorInfo;
}

interface GpuBackend {
  runWebGPUProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: { type: string; data: number[] }[]): tf.TensorInfo;
}

function glProgram(shape: number[], names: string[], value: string) {
  const reads = names.map((n) => `vec4 ${n.toLowerCase()} = get${n}AtOutCoords();`).join('\n');
  return {
    variableNames: names,
    packedInputs: true,
    packedOutput: true,
    outputShape: shape,
    customUniforms: [{ name: 'c1', type: 'float' }, { name: 'c2', type: 'float' }],
    userCode: `void main() { ${reads} setOutput(${value}); }`,
  };
}

function gpuProgram(shape: number[], names: string[], value: string, key: string) {
  const workgroupSize: [number, number, number] = [64, 1, 1];
  const dispatchLayout = webgpu_util.flatDispatchLayout(shape);
  const reads = names.map((n) => `let ${n.toLowerCase()} = get${n}ByOutputIndex(index);`).join('\n');
  return {
    variableNames: names,
    outputShape: shape,
    shaderKey: `rungAdam_${key}`,
    dispatchLayout,
    dispatch: webgpu_util.computeDispatch(dispatchLayout, shape, workgroupSize),
    workgroupSize,
    size: true,
    uniforms: 'c1 : f32, c2 : f32,',
    getUserCode: () => `fn main(index : i32) { if (index < uniforms.size) { ${reads} setOutputAtIndex(index, ${value}); } }`,
  };
}

const PARAMETER_UPDATE = (m: string, v: string, c1: string, c2: string) => `p - ((${m}) / ${c1}) / (sqrt((${v}) / ${c2}) + ${ADAM.epsilon}) * l`;

/** Runs one element-wise program with the inputs named, on a given backend. */
type RunProgram = (backend: unknown, names: string[], value: string, key: string, inputs: tf.TensorInfo[], c1: number, c2: number) => tf.TensorInfo;

const RUNNERS: Record<'webgl' | 'webgpu', { run: RunProgram; c1: string; c2: string }> = {
  webgl: {
    run: (backend, names, value, _key, inputs, c1, c2) =>
      (backend as GlBackend).compileAndRun(glProgram(inputs[0]!.shape, names, value), inputs, 'float32', [[c1], [c2]]),
    c1: 'vec4(c1)',
    c2: 'vec4(c2)',
  },
  webgpu: {
    run: (backend, names, value, key, inputs, c1, c2) =>
      (backend as GpuBackend).runWebGPUProgram(gpuProgram(inputs[0]!.shape, names, value, key), inputs, 'float32', [
        { type: 'float32', data: [c1] },
        { type: 'float32', data: [c2] },
      ]),
    c1: 'uniforms.c1',
    c2: 'uniforms.c2',
  },
};

/** Registers the kernel on WebGL and WebGPU; elsewhere adamUpdate composes ordinary kernels. */
export function registerAdamKernels(): void {
  for (const [backendName, { run, c1: c1Name, c2: c2Name }] of Object.entries(RUNNERS)) {
    if (tf.getKernel(RUNG_ADAM, backendName)) continue;
    const update = PARAMETER_UPDATE(FIRST, SECOND, c1Name, c2Name);
    tf.registerKernel({
      kernelName: RUNG_ADAM,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { p, g, m, v, l } = inputs as Record<string, tf.TensorInfo>;
        const c1 = attrs!.c1 as number;
        const c2 = attrs!.c2 as number;
        return [
          run(backend, ['P', 'G', 'M', 'V', 'L'], update, 'p', [p!, g!, m!, v!, l!], c1, c2),
          run(backend, ['G', 'M'], FIRST, 'm', [g!, m!], c1, c2),
          run(backend, ['G', 'V'], SECOND, 'v', [g!, v!], c1, c2),
        ];
      },
    });
  }
}
