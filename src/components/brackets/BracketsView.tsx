import { useMemo } from 'react';
import { useAppStore } from '../../store/appStore.ts';
import { bracketsModel } from '../../store/selectors/brackets.ts';
import { Panel } from '../Panel.tsx';
import { useLiveResults } from '../useChartRun.ts';
import { useOnScreen } from '../useOnScreen.ts';
import { BracketCard } from './BracketCard.tsx';
import styles from './BracketsView.module.css';

export function BracketsView() {
  const [panelRef, onScreen] = useOnScreen<HTMLElement>();
  const run = useLiveResults(onScreen);
  const selectedTrialId = useAppStore((s) => s.selectedTrialId);
  const brackets = useMemo(() => bracketsModel(run), [run]);
  const showIteration = (run.settings?.iterations ?? 1) > 1;
  return (
    <Panel title="Brackets" testId="brackets-panel" sectionRef={panelRef}>
      {brackets.length === 0 ? (
        <p className="muted">Hyperband&apos;s brackets and rounds appear here when a search starts.</p>
      ) : (
        <div className={styles.brackets}>
          {brackets.map((b) => (
            <BracketCard key={`${b.iteration}-${b.bracket}`} bracket={b} showIteration={showIteration} selectedTrialId={selectedTrialId} />
          ))}
        </div>
      )}
    </Panel>
  );
}
