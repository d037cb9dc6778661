import { useMemo } from 'react';
import { BestSoFar } from '../charts/BestSoFar.tsx';
import { bestSoFar } from '../store/selectors/curves.ts';
import { plannedTrialCount } from '../store/selectors/schedulePreview.ts';
import { Panel } from './Panel.tsx';
import { useChartRun } from './useChartRun.ts';
import { useOnScreen } from './useOnScreen.ts';

export function BestSoFarPanel() {
  const [panelRef, onScreen] = useOnScreen<HTMLElement>();
  const run = useChartRun(onScreen);
  const points = useMemo(() => bestSoFar(run), [run]);
  const totalTrials = useMemo(() => plannedTrialCount(run.settings), [run.settings]);
  return (
    <Panel title="Best so far" testId="best-so-far-panel" sectionRef={panelRef}>
      {points.length === 0 ? (
        <p className="muted">The best {run.settings?.objective ?? 'objective'} appears once a trial completes.</p>
      ) : (
        <BestSoFar points={points} objective={run.settings?.objective ?? 'val_accuracy'} totalTrials={totalTrials} />
      )}
    </Panel>
  );
}
