import { useMemo } from 'react';
import { BestSoFar } from '../charts/BestSoFar.tsx';
import { plannedTotals } from '../engine/schedule.ts';
import { useAppStore } from '../store/appStore.ts';
import { bestSoFar } from '../store/selectors/curves.ts';
import { selectSettledRun } from '../store/selectors/settledRun.ts';
import { Panel } from './Panel.tsx';

export function BestSoFarPanel() {
  const run = useAppStore(selectSettledRun);
  const points = useMemo(() => bestSoFar(run), [run]);
  const totalTrials = useMemo(() => (run.settings ? plannedTotals(run.settings).totalTrials : 0), [run.settings]);
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
