import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/appStore.ts';
import { runResults, type RunResults } from '../store/runState.ts';
import { chartClock } from './chartCadence.ts';

/**
 * The run's results for a view that is on screen. Off screen during a search it keeps what it last
 * showed and does not render at all (its selector gives null, which never changes); on screen again,
 * or once the search pauses or ends, it is current at once. Views below the fold were a third of the
 * page's main-thread time in a default search (CDP, 1280×800).
 */
export function useLiveResults(onScreen: boolean): RunResults {
  const latest = useAppStore(useShallow((s) => (onScreen || s.run.status !== 'running' ? runResults(s.run) : null)));
  // Set during render, React's pattern for state derived from props; on screen from the first render, so never null.
  const [kept, setKept] = useState(() => latest ?? runResults(useAppStore.getState().run));
  if (latest && latest !== kept) setKept(latest);
  return latest ?? kept;
}

/**
 * The run's results as the charts see them: useLiveResults's, on the ticks of the page's chart clock
 * (chartCadence.ts), so that every chart with a change redraws in the same tick. The first change after a
 * quiet spell shows at once, and so does every change once the search is no longer running (paused,
 * stopped, done): a finished run's charts are complete at its end. Redrawing every chart at every store
 * batch kept the page's main thread busy for over half of a search.
 */
export function useChartRun(onScreen: boolean): RunResults {
  const latest = useLiveResults(onScreen);
  const [shown, setShown] = useState(latest);
  useEffect(() => {
    if (latest === shown) return;
    return chartClock.schedule(() => setShown(latest), latest.status !== 'running');
  }, [latest, shown]);
  return shown;
}

/**
 * The charts' run, kept as it was while `keyOf` gives the same key (set during render, React's pattern for
 * state derived from props): a chart that reads only part of a run redraws only when that part changes.
 */
export function useChartRunKeyedBy(keyOf: (run: RunResults) => string, onScreen: boolean): RunResults {
  const run = useChartRun(onScreen);
  const key = keyOf(run);
  const [kept, setKept] = useState({ key, run });
  if (kept.key === key) return kept.run;
  setKept({ key, run });
  return run;
}
