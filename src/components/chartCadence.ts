/**
 * How often the charts redraw: as often as every CHART_REFRESH_MIN_MS, but no more often than keeps their
 * redraws within CHART_SHARE_OF_CORE of one core, so the training workers keep the cores. A redraw is timed
 * from its state change to after the frame that painted it (render, commit, style, layout, paint), the
 * charts that redrew together counted as one. Where redraws are cheap (a fast machine with GPU raster)
 * the charts follow every 2 s; on this 2-core machine in headless Chromium two learning-curve charts of
 * 30 trials took about 200 ms a redraw, so they follow about every 5 s.
 */
export const CHART_REFRESH_MIN_MS = 2000;
export const CHART_REFRESH_MAX_MS = 10_000;
export const CHART_SHARE_OF_CORE = 0.04;

/** The wait after a redraw that took `redrawMs` (null: none timed yet) before the next may start. */
export function chartRefreshDelayMs(redrawMs: number | null): number {
  if (redrawMs === null || !Number.isFinite(redrawMs) || redrawMs <= 0) return CHART_REFRESH_MIN_MS;
  return Math.min(CHART_REFRESH_MAX_MS, Math.max(CHART_REFRESH_MIN_MS, redrawMs / CHART_SHARE_OF_CORE));
}

/** The last timed chart redraw, shared by every chart: they redraw on the same changes, so together. */
let lastRedrawMs: number | null = null;

export function chartRefreshDelayNowMs(): number {
  return chartRefreshDelayMs(lastRedrawMs);
}

/**
 * Times a redraw that starts now: from here to a task after the next animation frame, which runs once
 * that frame has painted. A hidden tab paints nothing, so it times nothing and keeps the last figure.
 */
export function timeRedrawFromNow(): void {
  if (typeof requestAnimationFrame === 'undefined') return;
  const startedMs = performance.now();
  requestAnimationFrame(() => setTimeout(() => {
    lastRedrawMs = performance.now() - startedMs;
  }, 0));
}
