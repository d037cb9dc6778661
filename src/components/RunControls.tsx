import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/appStore.ts';
import { pauseSearch, resumeSearch, startSearch, stopSearch } from '../store/searchActions.ts';
import { selectStartBlocker } from '../store/selectors/runActivity.ts';

export function RunControls() {
  const { status, blocker } = useAppStore(useShallow((s) => ({ status: s.run.status, blocker: selectStartBlocker(s) })));
  const canStop = status === 'running' || status === 'paused';
  return (
    <div className="run-controls" role="group" aria-label="Search controls">
      <button type="button" className="primary" onClick={startSearch} disabled={blocker !== null} title={blocker ?? 'Start the search'}>
        Start
      </button>
      {status === 'paused' ? (
        <button type="button" onClick={resumeSearch}>Resume</button>
      ) : (
        <button type="button" onClick={pauseSearch} disabled={status !== 'running'}>Pause</button>
      )}
      <button type="button" className="danger" onClick={stopSearch} disabled={!canStop}>Stop</button>
      <span className={`status-pill status-pill--${status}`} data-testid="run-status" data-status={status} aria-live="polite">
        {status}
      </span>
    </div>
  );
}
