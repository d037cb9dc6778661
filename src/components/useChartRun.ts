import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/appStore.ts';
import { runResults, type RunResults } from '../store/runState.ts';

/**
 * How often the charts may redraw. Every epoch of every trial changes the run; redrawing each chart at the
 * store's batches kept the page's main thread busy for over half of a search (measured with
 * `npm run bench -- --full-search`), a core the training workers need. At 2 s rather than 1 s the main
 * thread's busy time in a default search fell from 9.6 s to 8.7 s of 25 s (CDP profile, 1280×800).
 * Progress bars and the leaderboard still follow every store batch.
 */
export const CHART_REFRESH_MS = 2000;

/**
 * The run's results as the charts see them: the store's, at most once per CHART_REFRESH_MS. The first
 * change after a quiet spell shows at once and the last change always shows, so a finished run's charts
 * are complete within CHART_REFRESH_MS of its end.
 */
export function useChartRun(): RunResults {
  const latest = useAppStore(useShallow((s) => runResults(s.run)));
  const [shown, setShown] = useState(latest);
  const shownAtMs = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (latest === shown) return;
    const show = () => {
      shownAtMs.current = performance.now();
      setShown(latest);
    };
    const waitMs = shownAtMs.current + CHART_REFRESH_MS - performance.now();
    if (waitMs <= 0) return show();
    const timer = setTimeout(show, waitMs);
    return () => clearTimeout(timer);
  }, [latest, shown]);
  return shown;
}

/**
 * The charts' run, kept as it was while `keyOf` gives the same key (set during render, React's pattern for
 * state derived from props): a chart that reads only part of a run redraws only when that part changes.
 */
export function useChartRunKeyedBy(keyOf: (run: RunResults) => string): RunResults {
  const run = useChartRun();
  const key = keyOf(run);
  const [kept, setKept] = useState({ key, run });
  if (kept.key === key) return kept.run;
  setKept({ key, run });
  return run;
}
