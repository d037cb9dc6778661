import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ImportanceBars } from '../charts/ImportanceBars.tsx';
import { useAppStore } from '../store/appStore.ts';
import { runResults } from '../store/runState.ts';
import { selectImportance, type ImportanceView } from '../store/selectors/importance.ts';
import { chooseImportanceBudget } from '../store/viewActions.ts';
import { Panel } from './Panel.tsx';
import styles from './ImportancePanel.module.css';

const epochsText = (epochs: number) => `${epochs} epoch${epochs === 1 ? '' : 's'}`;
const trialsText = (count: number) => `${count} trial${count === 1 ? '' : 's'}`;

function BudgetMenu({ view }: { view: ImportanceView }) {
  if (view.budgets.length === 0 || view.epochs === null) return null;
  return (
    <label className="inline-field" title="Hyperband compares trials at the same epochs; so does importance">
      <span>Budget</span>
      <select value={view.epochs} onChange={(e) => chooseImportanceBudget(Number(e.target.value))} data-testid="importance-budget">
        {view.budgets.map((b) => (
          <option key={b.epochs} value={b.epochs}>
            {epochsText(b.epochs)} ({trialsText(b.trialCount)})
          </option>
        ))}
      </select>
    </label>
  );
}

/** How much each hyperparameter explains the objective at one Hyperband budget (fANOVA, as Optuna estimates it). */
export function ImportancePanel() {
  const run = useAppStore(useShallow((s) => runResults(s.run)));
  const chosenEpochs = useAppStore((s) => s.importanceEpochs);
  // The selector keeps its last forest: an epoch of a running trial costs a key comparison, not a refit.
  const view = useMemo(() => selectImportance(run, chosenEpochs), [run, chosenEpochs]);
  const objective = run.settings?.objective ?? 'the objective';
  const { result, epochs } = view;
  return (
    <Panel title="Hyperparameter importance" actions={<BudgetMenu view={view} />} testId="importance-panel">
      {result === null || epochs === null ? (
        <p className="muted">Importance appears once trials complete: how much each hyperparameter explains {objective}, per budget.</p>
      ) : (
        <div className={styles.body}>
          <p className="muted" data-testid="importance-basis">
            From <span className="num" data-testid="importance-trial-count">{result.trialCount}</span> completed {result.trialCount === 1 ? 'trial' : 'trials'} at {epochsText(epochs)}: the share of {objective}'s variance each hyperparameter explains alone (fANOVA).
          </p>
          {result.ok ? (
            <ImportanceBars importances={result.importances} caption={`Importance for ${objective} at ${epochsText(epochs)}`} />
          ) : (
            <p className={styles.note} role="note" data-testid="importance-note">{result.reason}</p>
          )}
          {result.unassessed.length > 0 && (
            <ul className={styles.unassessed} data-testid="importance-unassessed">
              {result.unassessed.map((u) => (
                <li key={u.name}>
                  <span className="mono">{u.name}</span> not assessed: {u.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Panel>
  );
}
