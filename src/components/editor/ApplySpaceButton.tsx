import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/appStore.ts';
import { runSpaces } from '../../store/runState.ts';
import { applySpaceToRunningSearch } from '../../store/searchActions.ts';
import { isActiveStatus, selectReadOnlyBlocker } from '../../store/selectors/runActivity.ts';
import { selectDraftDiffersFromRunningSpace } from '../../store/selectors/spaceChanges.ts';
import styles from './ApplySpaceButton.module.css';

/** While a search runs, edited ranges can be sent to it; configurations sampled afterwards use them. */
export function ApplySpaceButton() {
  const { active, differs, version, readOnly } = useAppStore(
    useShallow((s) => ({
      active: isActiveStatus(s.run.status), differs: selectDraftDiffersFromRunningSpace(s), version: Math.max(0, runSpaces(s.run).length - 1), readOnly: selectReadOnlyBlocker(s),
    })),
  );
  if (!active) return null;
  return (
    <div className={styles.applySpace}>
      {differs ? (
        <>
          <button type="button" className="primary" onClick={applySpaceToRunningSearch} disabled={readOnly !== null} title={readOnly ?? undefined} aria-describedby={readOnly ? 'apply-space-reason' : undefined}>
            Apply to running search
          </button>
          {readOnly ? (
            <p className="faint" id="apply-space-reason">{readOnly}</p>
          ) : (
            <p className="faint">New configurations will be drawn from the edited ranges (space v{version + 1}).</p>
          )}
        </>
      ) : (
        <p className="faint">The running search samples from space v{version}. Edit ranges or choices to change it.</p>
      )}
    </div>
  );
}
