import { writeFile } from 'node:fs/promises';
import { compileStepKernel, generatedModuleText, STEP_KERNEL_GENERATED } from './stepKernelCompile.ts';

/** `npm run build:kernel`: recompiles the whole-step WASM kernel and rewrites its generated module. */
const binary = await compileStepKernel();
await writeFile(STEP_KERNEL_GENERATED, generatedModuleText(binary));
process.stdout.write(`wrote ${STEP_KERNEL_GENERATED} (${binary.length} bytes of wasm)\n`);
