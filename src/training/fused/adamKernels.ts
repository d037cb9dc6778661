import * as tf from '@tensorflow/tfjs';
import { webgpu_util } from '@tensorflow/tfjs-backend-webgpu';
import { ADAM } from '../mlpModel.ts';
import { RUNG_ADAM } from './adamUpdate.ts';

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

/** Registers the kernel on WebGL and WebGPU; elsewhere adamUpdate composes ordinary kernels. */
export function registerAdamKernels(): void {
  if (!tf.getKernel(RUNG_ADAM, 'webgl')) {
    tf.registerKernel({
      kernelName: RUNG_ADAM,
      backendName: 'webgl',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { p, g, m, v, l } = inputs as Record<string, tf.TensorInfo>;
        const gl = backend as unknown as GlBackend;
        const uniforms = [[attrs!.c1 as number], [attrs!.c2 as number]];
        const shape = p!.shape;
        const update = PARAMETER_UPDATE(FIRST, SECOND, 'vec4(c1)', 'vec4(c2)');
        return [
          gl.compileAndRun(glProgram(shape, ['P', 'G', 'M', 'V', 'L'], update), [p!, g!, m!, v!, l!], 'float32', uniforms),
          gl.compileAndRun(glProgram(shape, ['G', 'M'], FIRST), [g!, m!], 'float32', uniforms),
          gl.compileAndRun(glProgram(shape, ['G', 'V'], SECOND), [g!, v!], 'float32', uniforms),
        ];
      },
    });
  }
  if (!tf.getKernel(RUNG_ADAM, 'webgpu')) {
    tf.registerKernel({
      kernelName: RUNG_ADAM,
      backendName: 'webgpu',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { p, g, m, v, l } = inputs as Record<string, tf.TensorInfo>;
        const gpu = backend as unknown as GpuBackend;
        const uniforms = [{ type: 'float32', data: [attrs!.c1 as number] }, { type: 'float32', data: [attrs!.c2 as number] }];
        const shape = p!.shape;
        const update = PARAMETER_UPDATE(FIRST, SECOND, 'uniforms.c1', 'uniforms.c2');
        return [
          gpu.runWebGPUProgram(gpuProgram(shape, ['P', 'G', 'M', 'V', 'L'], update, 'p'), [p!, g!, m!, v!, l!], 'float32', uniforms),
          gpu.runWebGPUProgram(gpuProgram(shape, ['G', 'M'], FIRST, 'm'), [g!, m!], 'float32', uniforms),
          gpu.runWebGPUProgram(gpuProgram(shape, ['G', 'V'], SECOND, 'v'), [g!, v!], 'float32', uniforms),
        ];
      },
    });
  }
}
