import { describe, expect, it } from 'vitest';
import { CHART_REFRESH_MAX_MS, CHART_REFRESH_MIN_MS, CHART_SHARE_OF_CORE, chartRefreshDelayMs, createChartClock } from '../../../src/components/chartCadence.ts';

describe('the charts\' refresh delay', () => {
  it('is the minimum until a redraw is timed, and for cheap or unusable timings', () => {
    for (const redrawMs of [null, 0, -5, Number.NaN, Number.POSITIVE_INFINITY, 10]) expect(chartRefreshDelayMs(redrawMs)).toBe(CHART_REFRESH_MIN_MS);
  });

  it('keeps redraws within their share of one core, up to the maximum', () => {
    // Redraws whose share-keeping delays (5 s, 7 s) lie between the minimum and the maximum.
    expect(chartRefreshDelayMs(5000 * CHART_SHARE_OF_CORE)).toBeCloseTo(5000);
    const redrawMs = 7000 * CHART_SHARE_OF_CORE;
    const delayMs = chartRefreshDelayMs(redrawMs);
    expect(redrawMs / delayMs).toBeCloseTo(CHART_SHARE_OF_CORE);
    expect(chartRefreshDelayMs(5_000)).toBe(CHART_REFRESH_MAX_MS);
  });
});

/** A clock on a fake timeline: timers fire when `advance` passes them; each tick's redraw "takes" redrawMs. */
function fakeClock(redrawMs: number) {
  let nowMs = 0;
  const timers = new Map<number, { atMs: number; callback: () => void }>();
  let nextId = 1;
  const measurements: Array<() => void> = [];
  const clock = createChartClock({
    nowMs: () => nowMs,
    setTimer: (callback, delayMs) => {
      timers.set(nextId, { atMs: nowMs + delayMs, callback });
      return nextId++;
    },
    clearTimer: (timer) => timers.delete(timer as number),
    timeRedraw: (measured) => measurements.push(() => measured(redrawMs)),
  });
  return {
    clock,
    /** The redraws started so far finish painting. */
    paint: () => measurements.splice(0).forEach((finish) => finish()),
    advance(ms: number) {
      nowMs += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.atMs > nowMs) continue;
        timers.delete(id);
        timer.callback();
      }
    },
  };
}

describe('the chart clock', () => {
  it('applies the first change at once, then every change of the next delay together in one tick', () => {
    const { clock, paint, advance } = fakeClock(200);
    const applied: string[] = [];
    clock.schedule(() => applied.push('curves 1'), false);
    expect(applied).toEqual(['curves 1']);
    paint();
    expect(clock.lastRedrawMs()).toBe(200);
    const delayMs = chartRefreshDelayMs(200);
    advance(1000);
    clock.schedule(() => applied.push('curves 2'), false);
    advance(500);
    clock.schedule(() => applied.push('best so far 2'), false);
    advance(delayMs - 1500 - 1);
    expect(applied).toEqual(['curves 1']);
    advance(1);
    expect(applied).toEqual(['curves 1', 'curves 2', 'best so far 2']);
  });

  it('applies an urgent change at once, with every change waiting, and never a withdrawn one', () => {
    const { clock, paint, advance } = fakeClock(300);
    const applied: string[] = [];
    clock.schedule(() => applied.push('first'), false);
    paint();
    advance(100);
    const withdraw = clock.schedule(() => applied.push('replaced'), false);
    withdraw();
    clock.schedule(() => applied.push('waiting'), false);
    clock.schedule(() => applied.push('search ended'), true);
    expect(applied).toEqual(['first', 'waiting', 'search ended']);
    // The urgent tick cleared the timer: nothing is left to fire.
    advance(CHART_REFRESH_MAX_MS);
    expect(applied).toEqual(['first', 'waiting', 'search ended']);
  });
});
