import { describe, expect, it } from 'vitest';
import { summarise, type BackendFigures, type FusedFigures } from '../../../src/cli/benchReport.ts';
import { formatThroughput, formatTraffic } from '../../../src/cli/benchTable.ts';

const traffic = (dispatches: number) => ({ dispatches, uploads: 6, uniformWrites: dispatches, submits: 3, readbacks: 0.04 });

function fused(trials: number, msPerStep: number, gflops: number, withTraffic: boolean): FusedFigures {
  return { msPerStep, msPerStepPerTrial: msPerStep / trials, evalMsPerThousand: 2 * trials, gflops, trafficPerStep: withTraffic ? traffic(120) : null };
}

const figures = (withTraffic: boolean): BackendFigures => ({
  fitMsPerStep: 4,
  fused: { 1: fused(1, 1.2, 7.5, withTraffic), 4: fused(4, 4.4, 8.1, withTraffic), 12: fused(12, 13.2, 8.2, withTraffic) },
  largeMatmulGflops: 10,
  largeMatmulSize: 1024,
  wasmThreads: 1,
  pool: { workers: 2, ratio: 1.5 },
});

describe('bench summary', () => {
  it('reports the fused GFLOP/s at the largest K against the large product, and the pool efficiency', () => {
    const summary = summarise('perTrial', figures(false));
    expect(summary.gflopsAchieved).toBe(8.2);
    expect(summary.gflopsAtK).toBe(12);
    expect(summary.gflopsByK).toEqual({ 1: 7.5, 4: 8.1, 12: 8.2 });
    expect(summary.gflopsLargeMatmul).toBe(10);
    expect(summary.fusedToLargeMatmulRatio).toBeCloseTo(0.82, 12);
    expect(summary.poolEfficiency).toBe(0.75);
    expect(summary.gpuTraffic).toBeNull();
    expect(summary.measuredSearchSeconds).toBeNull();
  });

  it('keeps the earlier fields, and projects the search alone as well as with its retrain', () => {
    const summary = summarise('perTrial', figures(false));
    expect(summary.fusedMsPerStepPerTrial[12]).toBeCloseTo(1.1, 12);
    expect(summary.speedupK12).toBeCloseTo(4 / 1.1, 12);
    expect(summary.fitSecondsPerEpoch).toBe(6);
    expect(summary.projectedSearchOnlySeconds).toBeGreaterThan(0);
    expect(summary.projectedSearchSeconds).toBeGreaterThan(summary.projectedSearchOnlySeconds!);
  });

  it('divides the device work per step among the trials of the group', () => {
    const summary = summarise('batched', figures(true));
    expect(summary.gpuTraffic?.[4]?.perStep.dispatches).toBe(120);
    expect(summary.gpuTraffic?.[4]?.perStepPerTrial).toEqual({ dispatches: 30, uploads: 1.5, uniformWrites: 30, submits: 0.75, readbacks: 0.01 });
    expect(summary.gpuTraffic?.[12]?.perStepPerTrial.dispatches).toBe(10);
  });

  it('prints the per-core ratio against the 80% target, and the traffic only where it was counted', () => {
    const text = formatThroughput({ 'node-wasm': summarise('perTrial', figures(false)) });
    expect(text).toContain('node-wasm, per core (1 WASM thread): fused step 8.20 GFLOP/s, 1024³ product 10.00 GFLOP/s: 82% (target ≥ 80%: meets)');
    expect(formatTraffic({ 'node-wasm': summarise('perTrial', figures(false)) })).toBeNull();
    expect(formatTraffic({ 'chromium-webgpu': summarise('batched', figures(true)) })).toMatch(/chromium-webgpu\s+12\s+120\.0 \(10\.0\)/);
  });
});
