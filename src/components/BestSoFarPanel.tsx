import { useMemo } from 'react';
import { BestSoFar } from '../charts/BestSoFar.tsx';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/appStore.ts';
import { runResults } from '../store/runState.ts';
import { bestSoFar } from '../store/selectors/curves.ts';
import { plannedTrialCount } from '../store/selectors/schedulePreview.ts';
import { Panel } from './Panel.tsx';

export function BestSoFarPanel() {
  const run = useAppStore(useShallow((s) => runResults(s.run)));
  const points = useMemo(() => bestSoFar(run), [run]);
  const totalTrials = useMemo(() => plannedTrialCount(run.settings), [run.settings]);
  return (
    <Panel title="Best so far" testId="best-so-far-panel">
      {points.length === 0 ? (
        <p className="muted">The best {run.settings?.objective ?? 'objective'} appears once a trial completes.</p>
      ) : (
        <BestSoFar points={points} objective={run.settings?.objective ?? 'val_accuracy'} totalTrials={totalTrials} />
      )}
    </Panel>
  );
}
