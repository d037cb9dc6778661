import { useEffect, useMemo } from 'react';
import { ImportanceBars } from '../charts/ImportanceBars.tsx';
import { useAppStore } from '../store/appStore.ts';
import { requestImportance } from '../store/importanceActions.ts';
import { importanceInput, selectImportance, type ImportanceAnswer, type ImportanceView } from '../store/selectors/importance.ts';
import { chooseImportanceBudget } from '../store/viewActions.ts';
import { insightKey } from '../store/selectors/insight.ts';
import { Panel } from './Panel.tsx';
import { useChartRunKeyedBy } from './useChartRun.ts';
import { useOnScreen } from './useOnScreen.ts';
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

function ImportanceAnswerView({ answer, objective }: { answer: ImportanceAnswer; objective: string }) {
  const { result, epochs } = answer;
  return (
    <>
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
    </>
  );
}

/** How much each hyperparameter explains the objective at one Hyperband budget (fANOVA, as Optuna estimates it). */
export function ImportancePanel() {
  // Importance reads completed trials only: the epochs of running ones change nothing here.
  const [panelRef, onScreen] = useOnScreen<HTMLElement>();
  const run = useChartRunKeyedBy(insightKey, onScreen);
  const runId = useAppStore((s) => s.run.runId);
  const chosenEpochs = useAppStore((s) => s.importanceEpochs);
  const analysis = useAppStore((s) => s.importanceAnalysis);
  const input = useMemo(() => importanceInput(run, runId, chosenEpochs), [run, runId, chosenEpochs]);
  // The forest is fitted in the analysis worker; asking again for the same trials costs a key comparison.
  const { question } = input;
  useEffect(() => {
    if (question) requestImportance(question);
  }, [question]);
  const view = selectImportance(input, analysis);
  const objective = run.settings?.objective ?? 'the objective';
  const { shown, epochs, computing } = view;
  // The status sits in the header, always rendered: a live region must exist before its text changes.
  const actions = (
    <>
      <span className={styles.status} aria-live="polite" data-testid="importance-status">
        {computing ? 'computing…' : ''}
      </span>
      <BudgetMenu view={view} />
    </>
  );
  return (
    <Panel title="Hyperparameter importance" actions={actions} testId="importance-panel" sectionRef={panelRef}>
      {epochs === null ? (
        <p className="muted">Importance appears once trials complete: how much each hyperparameter explains {objective}, per budget.</p>
      ) : (
        shown && (
          <div className={styles.body}>
            <ImportanceAnswerView answer={shown} objective={objective} />
          </div>
        )
      )}
    </Panel>
  );
}
