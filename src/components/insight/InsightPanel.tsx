import { useMemo } from 'react';
import { ParallelCoordinates } from '../../charts/ParallelCoordinates.tsx';
import { SlicePlots } from '../../charts/SlicePlots.tsx';
import { useAppStore } from '../../store/appStore.ts';
import { brushAxis, clearAxisBrush, clearBrushes } from '../../store/brushActions.ts';
import { describeBrush } from '../../store/selectors/axisScale.ts';
import { insightKey, parallelCoordinates } from '../../store/selectors/insight.ts';
import { slicePlots } from '../../store/selectors/slices.ts';
import { Panel } from '../Panel.tsx';
import { useChartRunKeyedBy } from '../useChartRun.ts';
import { useOnScreen } from '../useOnScreen.ts';
import { BrushFields } from './BrushFields.tsx';
import styles from './InsightPanel.module.css';

/** Why a configuration wins: parallel coordinates to brush, and the objective against each hyperparameter. */
export function InsightPanel() {
  const [panelRef, onScreen] = useOnScreen<HTMLElement>();
  const run = useChartRunKeyedBy(insightKey, onScreen);
  const brushes = useAppStore((s) => s.brushes);
  const { axes, lines } = useMemo(() => parallelCoordinates(run, brushes), [run, brushes]);
  const slices = useMemo(() => slicePlots(run, brushes), [run, brushes]);
  const chartAxes = useMemo(
    () => axes.map((axis) => ({ key: axis.key, label: axis.label, ticks: axis.ticks, brush: axis.brushFractions, brushText: axis.brush ? describeBrush(axis.brush) : null })),
    [axes],
  );
  const brushed = Object.keys(brushes).length > 0;
  const clear = (
    <button type="button" className="button" disabled={!brushed} onClick={clearBrushes}>
      Clear brushes
    </button>
  );
  const objective = run.settings?.objective ?? 'val_accuracy';
  return (
    <Panel title="Why it wins" actions={clear} testId="insight-panel" sectionRef={panelRef}>
      {lines.length === 0 ? (
        <p className="muted">Each trial appears here once it completes: its hyperparameters against its score.</p>
      ) : (
        <>
          <p className={`faint ${styles.summary}`} data-testid="insight-count">
            {lines.filter((l) => l.selected).length} of {lines.length} trials at their final budget kept{brushed ? ' by the brushes' : ''}
          </p>
          <ParallelCoordinates axes={chartAxes} lines={lines} onBrush={brushAxis} onClearBrush={clearAxisBrush} />
          <BrushFields axes={axes} />
          <h3 className={styles.subtitle}>{objective} against each hyperparameter</h3>
          <SlicePlots plots={slices} objective={objective} />
        </>
      )}
    </Panel>
  );
}
