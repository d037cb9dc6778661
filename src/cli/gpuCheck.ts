import { chooseBackend } from '../training/backends.ts';
import { runBenchPlan, trainBriefly } from '../training/benchRunner.ts';
import { installNodeWebGpu, type WebGpuAdapterReport } from '../training/nodeWebgpu.ts';
import { summarise, type BackendSummary } from './benchReport.ts';

export interface GpuCheckReport {
  adapter: WebGpuAdapterReport;
  /** One line: NVIDIA hardware, other hardware, or software (and then no figure here is a GPU's). */
  verdict: string;
  equivalence: { steps: number; maxDifference: number; tolerance: number; passed: boolean };
  backend: BackendSummary;
}

/** Same tolerance as the browser test of the GPU kernels: float32 on a GPU rounds differently. */
const EQUIVALENCE_TOLERANCE = 1e-3;
const EQUIVALENCE_STEPS = 20;
const BASE_STEPS: Record<number, number> = { 1: 100, 4: 60, 12: 40, 30: 30 };

function verdictFor(adapter: WebGpuAdapterReport): string {
  const name = [adapter.vendor, adapter.architecture, adapter.device, adapter.description].filter(Boolean).join(' / ');
  if (adapter.software) return `SOFTWARE adapter (${adapter.software}: ${name}): the CPU emulates the GPU, so no figure below is a GPU's`;
  if (adapter.nvidia) return `NVIDIA hardware adapter: ${name}`;
  return `hardware adapter, but not NVIDIA: ${name}`;
}

async function useBackend(name: 'cpu' | 'webgpu'): Promise<void> {
  const choice = await chooseBackend(name, [name]);
  if (choice.backend !== name) throw new Error(`${name} backend unavailable: ${choice.skipped.map((s) => s.error).join('; ')}`);
}

/**
 * `npm run bench -- --gpu`: tfjs's WebGPU backend in Node on Dawn. Reports the adapter, checks a short
 * fused run against the CPU backend, then times `fit` and the fused trainer at each K (with the device
 * work per step) and projects the default search. Software adapters get a twentieth of the steps.
 */
export async function gpuCheck(options: { ks: number[]; quick: boolean; dawnFlags: string[]; log: (line: string) => void }): Promise<GpuCheckReport> {
  const adapter = await installNodeWebGpu(options.dawnFlags);
  if (!adapter) {
    throw new Error('Dawn found no WebGPU adapter: is the Vulkan loader (libvulkan.so.1) on LD_LIBRARY_PATH, and a Vulkan driver (ICD) installed? VK_ICD_FILENAMES names one explicitly.');
  }
  const verdict = verdictFor(adapter);
  options.log(`adapter: ${verdict}`);

  await useBackend('cpu');
  const reference = await trainBriefly(EQUIVALENCE_STEPS);
  await useBackend('webgpu');
  const weights = await trainBriefly(EQUIVALENCE_STEPS);
  const maxDifference = weights.reduce((worst, w, i) => Math.max(worst, Math.abs(w - reference[i]!)), 0);
  const equivalence = { steps: EQUIVALENCE_STEPS, maxDifference, tolerance: EQUIVALENCE_TOLERANCE, passed: maxDifference <= EQUIVALENCE_TOLERANCE };
  options.log(`fused run against the CPU backend after ${EQUIVALENCE_STEPS} steps: largest weight difference ${maxDifference.toExponential(2)} (${equivalence.passed ? 'within' : 'OVER'} ${EQUIVALENCE_TOLERANCE})`);

  // An emulated GPU runs a step a hundred times slower: fewer steps and a 256³ product keep it short.
  const scale = (adapter.software ? 0.05 : 1) * (options.quick ? 0.5 : 1);
  const steps = (n: number) => Math.max(5, Math.round(n * scale));
  options.log(`timing fit and the fused trainer at K = ${options.ks.join(', ')}…`);
  const result = await runBenchPlan({ fitSteps: steps(100), fused: options.ks.map((trials) => ({ trials, steps: steps(BASE_STEPS[trials] ?? 40) })), largeMatmulSize: adapter.software ? 256 : 1024 });
  return { adapter, verdict, equivalence, backend: summarise(result.strategy, result) };
}
