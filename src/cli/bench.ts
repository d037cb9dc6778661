import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { chooseNodeBackend } from '../training/nodeBackends.ts';
import { runBenchPlan } from '../training/benchRunner.ts';
import { UsageError } from './args.ts';
import { summarise, type BackendSummary } from './benchReport.ts';
import { formatPaths, formatTable, formatThroughput, formatTraffic, minutes } from './benchTable.ts';

/**
 * `npm run bench`: model.fit against the fused trainer at K = 1, 4 and 12, for the reference model at
 * batch 32, in Node (WASM, CPU) and in headless Chromium (WASM with its worker pool, WebGL, WebGPU),
 * with the projected wall time of the default search on each. `--json` prints one JSON object.
 * `--full-search [--backend B] [--retrains N] [--query Q]` instead runs a search in the app itself:
 * the default one, or the one the URL parameters Q set (`maxEpochs=9&trainLimit=3200`);
 * `--gpu [--ks 1,4,12,30]` checks and times tfjs's WebGPU backend in Node on Dawn (gpuCheck.ts).
 * The browser parts are imported only when used, so the `--gpu` bundle needs no Playwright.
 */
const FLAGS = {
  json: { type: 'boolean' }, quick: { type: 'boolean' }, 'no-browser': { type: 'boolean' }, 'no-build': { type: 'boolean' }, backends: { type: 'string' },
  'full-search': { type: 'boolean' }, backend: { type: 'string' }, retrains: { type: 'string' }, port: { type: 'string' }, query: { type: 'string' },
  gpu: { type: 'boolean' }, ks: { type: 'string' }, dawn: { type: 'string', multiple: true },
} as const;

const log = (line: string) => process.stderr.write(`${line}\n`);

function positiveIntegers(flag: string, text: string, max: number): number[] {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (!values.length || values.some((v) => !Number.isInteger(v) || v < 1 || v > max)) throw new UsageError(`--${flag} must be whole numbers from 1 to ${max}, comma-separated; got "${text}"`);
  return values;
}

async function measureNode(backends: string[], quick: boolean, summaries: Record<string, BackendSummary>): Promise<void> {
  for (const backend of ['wasm', 'cpu'] as const) {
    if (!backends.includes(`node-${backend}`)) continue;
    const choice = await chooseNodeBackend(backend);
    if (choice.backend !== backend) {
      log(`node-${backend}: not available`);
      continue;
    }
    log(`node-${backend}: measuring…`);
    const scale = (quick ? 0.3 : 1) * (backend === 'cpu' ? 0.2 : 1);
    const steps = (n: number) => Math.max(4, Math.round(n * scale));
    const fused = [{ trials: 1, steps: steps(100) }, { trials: 4, steps: steps(60) }, { trials: 12, steps: steps(40) }];
    const result = await runBenchPlan({ fitSteps: steps(100), fused, largeMatmulSize: 1024, compareTfjsPath: true });
    summaries[`node-${backend}`] = summarise(result.strategy, result);
  }
}

async function measureChromium(options: { backends: string[]; quick: boolean; build: boolean; port?: number }, summaries: Record<string, BackendSummary>): Promise<string> {
  const { benchInChromium } = await import('./benchBrowser.ts');
  const { report, chromiumVersion } = await benchInChromium({ ...options, log });
  for (const result of report.results) {
    const pool = report.pool && report.pool.backend === result.backend ? { workers: report.pool.workers, ratio: report.pool.ratio } : undefined;
    summaries[`chromium-${result.backend}`] = summarise(result.strategy, { ...result, ...(pool ? { pool } : {}) });
  }
  report.errors.forEach((e) => log(`chromium-${e.backend}: ${e.message}`));
  return chromiumVersion;
}

function printTables(summaries: Record<string, BackendSummary>): void {
  const traffic = formatTraffic(summaries);
  const paths = formatPaths(summaries);
  const pathNames = Object.entries(summaries).map(([name, s]) => `${name} ${s.path}`).join(', ');
  process.stdout.write(
    `\nReference model (68/78/59/18), batch 32; fused columns in ms per step per trial, on each backend's path (${pathNames}); projected: the default search (30 trials, 120 epochs, full MNIST) plus one retrain.\n\n${formatTable(summaries)}\n\n${formatThroughput(summaries)}\n` +
      (paths ? `\nThe whole-step WASM kernel against the tfjs path, same run:\n${paths}\n` : '') +
      (traffic ? `\nDevice work per fused step (per trial in brackets); the loss is read every 25 steps, as in training, and after the last timed step:\n${traffic}\n` : ''),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: FLAGS });
  const json = values.json ?? false;
  const quick = values.quick ?? false;
  const port = values.port === undefined ? undefined : positiveIntegers('port', values.port, 65535)[0];
  if (values.gpu) {
    const { gpuCheck } = await import('./gpuCheck.ts');
    const report = await gpuCheck({ ks: positiveIntegers('ks', values.ks ?? '1,4,12,30', 64), quick, dawnFlags: values.dawn ?? [], log });
    if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      process.stdout.write(`\nAdapter: ${report.verdict}\nFused run vs the CPU backend: largest weight difference ${report.equivalence.maxDifference.toExponential(2)} after ${report.equivalence.steps} steps (${report.equivalence.passed ? 'passed' : 'FAILED'}, tolerance ${report.equivalence.tolerance})\n`);
      printTables({ 'node-webgpu': report.backend });
      process.stdout.write(`\nProjected default search on this adapter: ${minutes(report.backend.projectedSearchOnlySeconds)} (with one retrain: ${minutes(report.backend.projectedSearchSeconds)})\n`);
    }
    return;
  }
  if (values['full-search']) {
    const { fullSearchInChromium } = await import('./fullSearch.ts');
    const result = await fullSearchInChromium({ backend: values.backend ?? 'auto', retrains: positiveIntegers('retrains', values.retrains ?? '3', 100)[0]!, query: values.query ?? '', build: !values['no-build'], port, log });
    log(`Measuring ${result.backend} in Chromium for the projection…`);
    const summaries: Record<string, BackendSummary> = {};
    // The next port: the first server may still hold its own for a moment after being stopped.
    await measureChromium({ backends: [result.backend], quick, build: false, port: port === undefined ? undefined : port + 1 }, summaries);
    for (const summary of Object.values(summaries)) summary.measuredSearchSeconds = result.searchSeconds;
    process.stdout.write(`${JSON.stringify({ ...result, backends: summaries }, null, 2)}\n`);
    return;
  }
  const wanted = (values.backends ?? 'node-wasm,node-cpu,wasm,webgl,webgpu').split(',');
  const summaries: Record<string, BackendSummary> = {};
  await measureNode(wanted, quick, summaries);
  const browserBackends = ['wasm', 'webgl', 'webgpu'].filter((b) => wanted.includes(b));
  const chromium = browserBackends.length && !values['no-browser'] ? await measureChromium({ backends: browserBackends, quick, build: !values['no-build'], port }, summaries) : null;
  const output = { machine: { cores: cpus().length, node: process.version, chromium }, backends: summaries };
  if (json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  else printTables(summaries);
}

main().catch((error: unknown) => {
  process.stderr.write(`rung bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
});
