import { describe, expect, it } from 'vitest';
import { compileStepKernel } from '../../../../src/build/stepKernelCompile.ts';
import { STEP_KERNEL_WASM_BASE64 } from '../../../../src/training/stepKernel/stepKernelWasm.ts';

describe('the committed whole-step kernel', () => {
  it('is what its AssemblyScript source compiles to (if not: npm run build:kernel, then commit src/training/stepKernel/stepKernelWasm.ts)', async () => {
    const binary = await compileStepKernel();
    expect(Buffer.from(binary).toString('base64') === STEP_KERNEL_WASM_BASE64, 'stale: run `npm run build:kernel`').toBe(true);
  });
});
