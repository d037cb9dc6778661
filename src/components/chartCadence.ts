/**
 * How often the charts redraw: as often as every CHART_REFRESH_MIN_MS, but no more often than keeps their
 * redraws within CHART_SHARE_OF_CORE of one core, so the training workers keep the cores. Every chart with
 * a change waiting redraws on the same tick of one clock, and a tick is timed from its state changes to a
 * task after the second frame that follows (React's render and commit, then recharts' own store, which
 * notifies its lines in the next animation frame, then style, layout and paint). On this 2-core machine
 * in headless Chromium, the learning curves and best-so-far chart of a default search took 70–130 ms a
 * tick, so they follow every 5 to 10 s; where a tick costs 30 ms or less (a faster machine, GPU raster)
 * they follow every 2 s. 1.5%: the page's whole main thread stayed within 5% of a core while a default
 * search ran (4.8% and 4.9% in two bench runs; 5.1–5.3% at 2%, 5.3–6.3% at 2.5%).
 */
export const CHART_REFRESH_MIN_MS = 2000;
export const CHART_REFRESH_MAX_MS = 10_000;
export const CHART_SHARE_OF_CORE = 0.015;

/** The wait after a redraw that took `redrawMs` (null: none timed yet) before the next may start. */
export function chartRefreshDelayMs(redrawMs: number | null): number {
  if (redrawMs === null || !Number.isFinite(redrawMs) || redrawMs <= 0) return CHART_REFRESH_MIN_MS;
  return Math.min(CHART_REFRESH_MAX_MS, Math.max(CHART_REFRESH_MIN_MS, redrawMs / CHART_SHARE_OF_CORE));
}

/** What the clock needs from its surroundings: the browser's timers and frames, or a test's. */
export interface ChartClockEnvironment {
  nowMs(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(timer: unknown): void;
  /** Calls `measured` with the milliseconds from now until the redraw started now has painted. */
  timeRedraw(measured: (redrawMs: number) => void): void;
}

export interface ChartClock {
  /**
   * Applies `apply` (a chart's state change) on the clock's next tick, with every other change waiting:
   * at once when `urgent` or when the last tick is a delay ago, else when the delay has passed. The
   * returned function withdraws it (a newer change replaces it, or the chart unmounts).
   */
  schedule(apply: () => void, urgent: boolean): () => void;
  lastRedrawMs(): number | null;
}

export function createChartClock(environment: ChartClockEnvironment): ChartClock {
  const waiting = new Set<() => void>();
  let timer: unknown = null;
  let lastTickMs = Number.NEGATIVE_INFINITY;
  let lastRedrawMs: number | null = null;
  const tick = () => {
    if (timer !== null) environment.clearTimer(timer);
    timer = null;
    if (waiting.size === 0) return;
    const applying = [...waiting];
    waiting.clear();
    lastTickMs = environment.nowMs();
    environment.timeRedraw((redrawMs) => {
      lastRedrawMs = redrawMs;
    });
    for (const apply of applying) apply();
  };
  return {
    schedule(apply, urgent) {
      const entry = () => apply();
      waiting.add(entry);
      const waitMs = lastTickMs + chartRefreshDelayMs(lastRedrawMs) - environment.nowMs();
      if (urgent || waitMs <= 0) tick();
      else timer ??= environment.setTimer(tick, waitMs);
      return () => {
        waiting.delete(entry);
      };
    },
    lastRedrawMs: () => lastRedrawMs,
  };
}

/**
 * From now to a task after the second animation frame: recharts' store notifies in the frame after a
 * commit, and its lines render then. A hidden tab paints nothing, so it times nothing and keeps the last figure.
 */
function timeRedrawInBrowser(measured: (redrawMs: number) => void): void {
  if (typeof requestAnimationFrame === 'undefined') return;
  const startedMs = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => measured(performance.now() - startedMs), 0)));
}

/** The page's one chart clock. */
export const chartClock = createChartClock({
  nowMs: () => performance.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  timeRedraw: timeRedrawInBrowser,
});
