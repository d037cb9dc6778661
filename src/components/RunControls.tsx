import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/appStore.ts';
import { pauseSearch, resumeSearch, startSearch, stopSearch } from '../store/searchActions.ts';
import { selectReadOnlyBlocker, selectStartBlocker } from '../store/selectors/runActivity.ts';
import styles from './RunControls.module.css';

export function RunControls() {
  const { status, blocker, readOnly } = useAppStore(useShallow((s) => ({ status: s.run.status, blocker: selectStartBlocker(s), readOnly: selectReadOnlyBlocker(s) })));
  // A read-only tab shows the writer's search: its controls are that tab's, not this one's.
  const canStop = readOnly === null && (status === 'running' || status === 'paused');
  return (
    <div className={styles.controls} role="group" aria-label="Search controls">
      <button type="button" className="primary" onClick={startSearch} disabled={blocker !== null} title={blocker ?? 'Start the search'}>
        Start
      </button>
      {status === 'paused' ? (
        <button type="button" onClick={resumeSearch} disabled={readOnly !== null} title={readOnly ?? undefined}>Resume</button>
      ) : (
        <button type="button" onClick={pauseSearch} disabled={readOnly !== null || status !== 'running'} title={readOnly ?? undefined}>Pause</button>
      )}
      <button type="button" className="danger" onClick={stopSearch} disabled={!canStop} title={readOnly ?? undefined}>Stop</button>
      <span className={styles.pill} data-testid="run-status" data-status={status} aria-live="polite">
        {status}
      </span>
    </div>
  );
}
