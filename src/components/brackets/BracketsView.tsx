import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/appStore.ts';
import { runResults } from '../../store/runState.ts';
import { bracketsModel } from '../../store/selectors/brackets.ts';
import { Panel } from '../Panel.tsx';
import { BracketCard } from './BracketCard.tsx';
import styles from './BracketsView.module.css';

export function BracketsView() {
  const run = useAppStore(useShallow((s) => runResults(s.run)));
  const selectedTrialId = useAppStore((s) => s.selectedTrialId);
  const brackets = useMemo(() => bracketsModel(run), [run]);
  const showIteration = (run.settings?.iterations ?? 1) > 1;
  return (
    <Panel title="Brackets" testId="brackets-panel">
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
