import type { BackendName } from '../engine/backendNames.ts';
import type { BenchEvent, BenchPlan, BenchRequest, BenchResult, CheckOutcome } from './benchProtocol.ts';

/** What the page measured: per backend, and for the worker pool on WASM. */
export interface BrowserBenchReport {
  hardwareConcurrency: number;
  results: BenchResult[];
  errors: { backend: BackendName; message: string }[];
  pool: { backend: BackendName; workers: number; trialsPerWorker: number; singleTrialStepsPerSecond: number; poolTrialStepsPerSecond: number; ratio: number } | null;
}

const params = new URLSearchParams(location.search);
const backends = (params.get('backends') ?? 'wasm,webgl,webgpu').split(',') as BackendName[];
const quick = params.has('quick');
const log = (line: string) => (document.getElementById('log')!.textContent += `${line}\n`);

function askWorker(request: BenchRequest): Promise<BenchEvent> {
  const worker = new Worker(new URL('./benchWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<BenchEvent>((resolve, reject) => {
    worker.onmessage = (message: MessageEvent<BenchEvent>) => {
      worker.terminate();
      if (message.data.type === 'error') reject(new Error(message.data.message));
      else resolve(message.data);
    };
    worker.onerror = (error) => {
      worker.terminate();
      reject(new Error(error.message || 'the benchmark worker crashed'));
    };
    worker.postMessage(request);
  });
}

async function runInWorker(plan: BenchPlan): Promise<BenchResult> {
  const event = await askWorker({ type: 'run', plan });
  if (event.type !== 'result') throw new Error('the benchmark worker answered out of turn');
  return event.result;
}

/** The same short fused run on the CPU backend and on each backend asked for: the largest weight difference. */
async function checkAgainstCpu(): Promise<Record<string, CheckOutcome>> {
  const steps = Number(params.get('steps') ?? 20);
  const weightsOn = async (backend: BackendName): Promise<Float32Array | { unavailable: string }> => {
    const event = await askWorker({ type: 'check', backend, steps });
    if (event.type === 'unavailable') return { unavailable: event.reason };
    if (event.type !== 'weights') throw new Error('the benchmark worker answered out of turn');
    return event.weights;
  };
  const reference = await weightsOn('cpu');
  if (!(reference instanceof Float32Array)) throw new Error(`the CPU backend did not start: ${reference.unavailable}`);
  const outcomes: Record<string, CheckOutcome> = {};
  for (const backend of backends) {
    try {
      const weights = await weightsOn(backend);
      if (!(weights instanceof Float32Array)) outcomes[backend] = weights;
      else if (weights.length !== reference.length) outcomes[backend] = { error: `${weights.length} weights where the CPU backend has ${reference.length}` };
      // NaN propagates through Math.max, so a backend that computes NaN reports NaN, never a small number.
      else outcomes[backend] = { difference: weights.reduce((worst, w, i) => Math.max(worst, Math.abs(w - reference[i]!)), 0) };
    } catch (error) {
      outcomes[backend] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  return outcomes;
}

/** GPU backends in software are slow per kernel; fewer steps keep the whole run to a few minutes. */
function planFor(backend: BackendName): BenchPlan {
  const scale = (quick ? 0.25 : 1) * (backend === 'wasm' ? 1 : backend === 'webgl' ? 0.4 : 0.25);
  const steps = (n: number) => Math.max(5, Math.round(n * scale));
  return { backend, fitSteps: steps(100), fused: [{ trials: 1, steps: steps(100) }, { trials: 4, steps: steps(60) }, { trials: 12, steps: steps(40) }], largeMatmulSize: 1024 };
}

async function measurePool(backend: BackendName, single: BenchResult): Promise<BrowserBenchReport['pool']> {
  const workers = Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 4));
  const twelve = single.fused[12];
  if (workers < 2 || !twelve) return null;
  const trialsPerWorker = Math.ceil(12 / workers);
  const steps = quick ? 10 : 30;
  const results = await Promise.all(Array.from({ length: workers }, () => runInWorker({ backend, fitSteps: 0, fused: [{ trials: trialsPerWorker, steps }] })));
  const poolTrialStepsPerSecond = results.reduce((sum, r) => sum + (trialsPerWorker * 1000) / r.fused[trialsPerWorker]!.msPerStep, 0);
  const singleTrialStepsPerSecond = (12 * 1000) / twelve.msPerStep;
  return { backend, workers, trialsPerWorker, singleTrialStepsPerSecond, poolTrialStepsPerSecond, ratio: poolTrialStepsPerSecond / singleTrialStepsPerSecond };
}

async function main(): Promise<void> {
  const report: BrowserBenchReport = { hardwareConcurrency: navigator.hardwareConcurrency || 1, results: [], errors: [], pool: null };
  for (const backend of backends) {
    log(`${backend}: measuring…`);
    try {
      const result = await runInWorker(planFor(backend));
      report.results.push(result);
      log(`${backend}: fit ${result.fitMsPerStep?.toFixed(2)} ms/step; fused K=12 ${result.fused[12]?.msPerStepPerTrial.toFixed(2)} ms/step/trial`);
      if (backend === 'wasm' && !params.has('noPool')) report.pool = await measurePool(backend, result);
    } catch (error) {
      report.errors.push({ backend, message: error instanceof Error ? error.message : String(error) });
      log(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  document.getElementById('results')!.textContent = JSON.stringify(report, null, 2);
  (window as unknown as { rungBench: BrowserBenchReport }).rungBench = report;
}

if (params.has('check')) {
  void checkAgainstCpu()
    .catch((error: unknown) => ({ cpu: { error: error instanceof Error ? error.message : String(error) } }) as Record<string, CheckOutcome>)
    .then((outcomes) => {
      document.getElementById('results')!.textContent = JSON.stringify(outcomes, null, 2);
      (window as unknown as { rungCheck: unknown }).rungCheck = outcomes;
    });
} else void main();
