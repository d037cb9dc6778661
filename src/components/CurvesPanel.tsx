import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LearningCurves } from '../charts/LearningCurves.tsx';
import { useAppStore } from '../store/appStore.ts';
import { curveSeries } from '../store/selectors/curves.ts';
import { brushedTrialIds } from '../store/selectors/insight.ts';
import { selectTrial, toggleTrainingMetrics } from '../store/viewActions.ts';
import { Panel } from './Panel.tsx';
import { useChartRun } from './useChartRun.ts';
import { useOnScreen } from './useOnScreen.ts';

export function CurvesPanel() {
  const [panelRef, onScreen] = useOnScreen<HTMLElement>();
  const run = useChartRun(onScreen);
  const { selectedTrialId, showTraining } = useAppStore(useShallow((s) => ({ selectedTrialId: s.selectedTrialId, showTraining: s.showTrainingMetrics })));
  const brushes = useAppStore((s) => s.brushes);
  const series = useMemo(() => {
    const kept = brushedTrialIds(run, brushes);
    return kept ? curveSeries(run).filter((line) => kept.has(line.trialId)) : curveSeries(run);
  }, [run, brushes]);
  const toggle = (
    <label className="toggle">
      <input type="checkbox" checked={showTraining} onChange={toggleTrainingMetrics} />
      Show training accuracy and loss
    </label>
  );
  return (
    <Panel title="Learning curves" actions={toggle} testId="curves-panel" sectionRef={panelRef}>
      {run.settings === null ? (
        <p className="muted">Curves appear here as trials finish their epochs.</p>
      ) : (
        <LearningCurves series={series} maxEpochs={run.settings.maxEpochs} selectedTrialId={selectedTrialId} showTraining={showTraining} onSelect={selectTrial} />
      )}
    </Panel>
  );
}
