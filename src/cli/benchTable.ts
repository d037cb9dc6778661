import type { BackendSummary } from './benchReport.ts';

const cell = (value: number | null | undefined, digits = 2, suffix = '') => (value === null || value === undefined ? '–' : `${value.toFixed(digits)}${suffix}`);
/** Wall time as docs/results.md quotes it: minutes and seconds, or hours past 90 minutes. */
export function minutes(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds >= 5400) return `${(seconds / 3600).toFixed(1)} h`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Every K measured on any backend, ascending: the fused columns. */
function measuredKs(summaries: Record<string, BackendSummary>): number[] {
  return [...new Set(Object.values(summaries).flatMap((s) => Object.keys(s.fusedMsPerStepPerTrial).map(Number)))].sort((a, b) => a - b);
}

/** Speed per backend: fit against fused at each K, the pool, and the projected default search. */
export function formatTable(summaries: Record<string, BackendSummary>): string {
  const ks = measuredKs(summaries);
  const header = ['backend', 'fit ms/step', 'fit s/epoch', ...ks.map((k) => `fused K=${k}`), 'K=12 speed-up', 'pool (efficiency)', 'projected search: fused', 'fit', 'measured search'];
  const rows = Object.entries(summaries).map(([name, s]) => [
    name,
    cell(s.fitMsPerStep),
    cell(s.fitSecondsPerEpoch, 1),
    ...ks.map((k) => cell(s.fusedMsPerStepPerTrial[k])),
    cell(s.speedupK12, 2, 'x'),
    s.pool ? `${s.pool.workers} workers ${s.pool.ratio.toFixed(2)}x (${Math.round(s.poolEfficiency! * 100)}%)` : '–',
    minutes(s.projectedSearchSeconds),
    minutes(s.projectedFitSearchSeconds),
    minutes(s.measuredSearchSeconds),
  ]);
  return table(header, rows);
}

/** The fused step's GFLOP/s against a large product's on the same backend, and the WASM per-core line the target is set on. */
export function formatThroughput(summaries: Record<string, BackendSummary>): string {
  const header = ['backend', 'fused GFLOP/s (at K)', 'large product GFLOP/s (size³)', 'fused / product'];
  const rows = Object.entries(summaries).map(([name, s]) => [
    name,
    s.gflopsAchieved === null ? '–' : `${s.gflopsAchieved.toFixed(2)} (K=${s.gflopsAtK})`,
    s.gflopsLargeMatmul === null ? '–' : `${s.gflopsLargeMatmul.toFixed(2)} (${s.largeMatmulSize}³)`,
    s.fusedToLargeMatmulRatio === null ? '–' : `${Math.round(s.fusedToLargeMatmulRatio * 100)}%`,
  ]);
  const lines = [table(header, rows)];
  for (const [name, s] of Object.entries(summaries)) {
    if (s.wasmThreads === null || s.fusedToLargeMatmulRatio === null) continue;
    const verdict = s.fusedToLargeMatmulRatio >= 0.8 ? 'meets' : 'below';
    lines.push(`${name}, per core (${s.wasmThreads} WASM thread${s.wasmThreads === 1 ? '' : 's'}): fused step ${cell(s.gflopsAchieved)} GFLOP/s, ${s.largeMatmulSize}³ product ${cell(s.gflopsLargeMatmul)} GFLOP/s: ${Math.round(s.fusedToLargeMatmulRatio * 100)}% (target ≥ 80%: ${verdict})`);
  }
  return lines.join('\n');
}

/**
 * Where the whole-step kernel trains: its ms per step per trial and GFLOP/s at each K beside the tfjs
 * path's, measured in the same run, and the ratio (how many times faster the kernel is).
 */
export function formatPaths(summaries: Record<string, BackendSummary>): string | null {
  const compared = Object.entries(summaries).filter(([, s]) => s.tfjsPathMsPerStepPerTrial);
  if (!compared.length) return null;
  const ks = measuredKs(Object.fromEntries(compared));
  const large = (s: BackendSummary, gflops: number | undefined) => (gflops === undefined || !s.gflopsLargeMatmul ? '' : ` ${Math.round((100 * gflops) / s.gflopsLargeMatmul)}%`);
  const rows = compared.flatMap(([name, s]) => [
    [name, `kernel`, ...ks.map((k) => `${cell(s.fusedMsPerStepPerTrial[k], 3)} (${cell(s.gflopsByK[k], 1)} GFLOP/s${large(s, s.gflopsByK[k])})`)],
    [name, `tfjs`, ...ks.map((k) => `${cell(s.tfjsPathMsPerStepPerTrial![k], 3)} (${cell(s.tfjsPathGflopsByK![k], 1)} GFLOP/s${large(s, s.tfjsPathGflopsByK![k])})`)],
    [name, 'tfjs / kernel', ...ks.map((k) => cell(s.tfjsPathMsPerStepPerTrial![k]! / s.fusedMsPerStepPerTrial[k]!, 2, 'x'))],
  ]);
  const header = ['backend', 'path', ...ks.map((k) => `K=${k} ms/step/trial (GFLOP/s, % of ${compared[0]![1].largeMatmulSize ?? '–'}³)`)];
  const products = compared.map(([name, s]) => `${name}: ${s.largeMatmulSize}³ product ${cell(s.gflopsLargeMatmul, 1)} GFLOP/s in the same run`);
  return [table(header, rows), ...products].join('\n');
}

/** What each fused step asks of a GPU, per trial: independent of how fast the GPU is. */
export function formatTraffic(summaries: Record<string, BackendSummary>): string | null {
  const rows = Object.entries(summaries).flatMap(([name, s]) =>
    Object.entries(s.gpuTraffic ?? {}).map(([k, t]) => [
      name,
      k,
      `${t.perStep.dispatches.toFixed(1)} (${t.perStepPerTrial.dispatches.toFixed(1)})`,
      `${t.perStep.uploads.toFixed(2)} (${t.perStepPerTrial.uploads.toFixed(2)})`,
      `${t.perStep.uniformWrites.toFixed(1)} (${t.perStepPerTrial.uniformWrites.toFixed(1)})`,
      `${t.perStep.submits.toFixed(2)}`,
      `${t.perStep.readbacks.toFixed(3)}`,
    ]),
  );
  if (!rows.length) return null;
  return table(['backend', 'K', 'dispatches/step (per trial)', 'uploads/step (per trial)', 'uniform writes/step (per trial)', 'submits/step', 'readbacks/step'], rows);
}
