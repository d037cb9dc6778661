import { parseArgs } from 'node:util';
import { chooseNodeBackend } from '../training/nodeBackends.ts';
import { runBenchPlan } from '../training/benchRunner.ts';
import { benchInChromium } from './benchBrowser.ts';
import { fullSearchInChromium } from './fullSearch.ts';
import { formatTable, summarise, type BackendSummary } from './benchReport.ts';

/**
 * `npm run bench`: model.fit against the fused trainer at K = 1, 4 and 12, for the reference model at
 * batch 32, in Node (WASM, CPU) and in headless Chromium (WASM with its worker pool, WebGL, WebGPU),
 * with the projected wall time of the default search on each. `--json` prints one JSON object.
 * `--full-search [--backend B] [--retrains N] [--query Q]` instead runs a search in the app itself:
 * the default one, or the one the URL parameters Q set (`maxEpochs=9&trainLimit=3200`).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' }, quick: { type: 'boolean' }, 'no-browser': { type: 'boolean' }, 'no-build': { type: 'boolean' }, backends: { type: 'string' },
      'full-search': { type: 'boolean' }, backend: { type: 'string' }, retrains: { type: 'string' }, query: { type: 'string' },
    },
  });
  const json = values.json ?? false;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (values['full-search']) {
    const result = await fullSearchInChromium({ backend: values.backend ?? 'auto', retrains: Number(values.retrains ?? 3), query: values.query ?? '', build: !values['no-build'], log });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const wanted = (values.backends ?? 'node-wasm,node-cpu,wasm,webgl,webgpu').split(',');
  const quick = values.quick ?? false;
  const summaries: Record<string, BackendSummary> = {};
  for (const backend of ['wasm', 'cpu'] as const) {
    if (!wanted.includes(`node-${backend}`)) continue;
    const choice = await chooseNodeBackend(backend);
    if (choice.backend !== backend) {
      log(`node-${backend}: not available`);
      continue;
    }
    log(`node-${backend}: measuring…`);
    const scale = (quick ? 0.3 : 1) * (backend === 'cpu' ? 0.2 : 1);
    const steps = (n: number) => Math.max(4, Math.round(n * scale));
    const result = await runBenchPlan({ fitSteps: steps(100), fused: [{ trials: 1, steps: steps(100) }, { trials: 4, steps: steps(60) }, { trials: 12, steps: steps(40) }] });
    summaries[`node-${backend}`] = summarise(result.strategy, result);
  }
  const browserBackends = ['wasm', 'webgl', 'webgpu'].filter((b) => wanted.includes(b));
  let chromium: string | null = null;
  if (browserBackends.length && !values['no-browser']) {
    const { report, chromiumVersion } = await benchInChromium({ backends: browserBackends, quick, build: !values['no-build'], log });
    chromium = chromiumVersion;
    for (const result of report.results) {
      const pool = report.pool && report.pool.backend === result.backend ? { workers: report.pool.workers, ratio: report.pool.ratio } : undefined;
      summaries[`chromium-${result.backend}`] = summarise(result.strategy, { ...result, ...(pool ? { pool } : {}) });
    }
    report.errors.forEach((e) => log(`chromium-${e.backend}: ${e.message}`));
  }
  const output = { machine: { cores: (await import('node:os')).cpus().length, node: process.version, chromium }, backends: summaries };
  if (json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  else process.stdout.write(`\nReference model (68/78/59/18), batch 32; projected: the default search (30 trials, 120 epochs, full MNIST) plus one retrain.\n\n${formatTable(summaries)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`rung bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
