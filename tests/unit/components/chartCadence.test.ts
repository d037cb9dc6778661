import { describe, expect, it } from 'vitest';
import { CHART_REFRESH_MAX_MS, CHART_REFRESH_MIN_MS, CHART_SHARE_OF_CORE, chartRefreshDelayMs } from '../../../src/components/chartCadence.ts';

describe('the charts\' refresh delay', () => {
  it('is the minimum until a redraw is timed, and for cheap or unusable timings', () => {
    for (const redrawMs of [null, 0, -5, Number.NaN, Number.POSITIVE_INFINITY, 10]) expect(chartRefreshDelayMs(redrawMs)).toBe(CHART_REFRESH_MIN_MS);
  });

  it('keeps redraws within their share of one core, up to the maximum', () => {
    expect(chartRefreshDelayMs(200)).toBeCloseTo(200 / CHART_SHARE_OF_CORE);
    const redrawMs = 150;
    const delayMs = chartRefreshDelayMs(redrawMs);
    expect(redrawMs / delayMs).toBeCloseTo(CHART_SHARE_OF_CORE);
    expect(chartRefreshDelayMs(5_000)).toBe(CHART_REFRESH_MAX_MS);
  });
});
