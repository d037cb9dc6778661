import type { RunSummary } from '../../persistence/records.ts';
import type { AppState } from '../appStore.ts';
import type { RunState } from '../runState.ts';
import { isActiveStatus, READ_ONLY_REASON, selectRetrainRunning, selectResumeRunBlocker } from './runActivity.ts';

/** What the runs list says of a stored run. `interrupted`: saved as running, but no tab trains it. */
export type RunListStatus = 'done' | 'stopped' | 'interrupted' | 'running';

export interface RunListRow {
  summary: RunSummary;
  status: RunListStatus;
  /** The run is the one shown in the dashboard. */
  shown: boolean;
  compared: boolean;
  /** Why each action cannot be used now, or null when it can; Resume is only offered for interrupted runs. */
  openBlocker: string | null;
  resumeBlocker: string | null;
  renameBlocker: string | null;
  deleteBlocker: string | null;
}

/** The run shown matters only by id, status and retrain: batch progress does not change the list. */
export type RunsListState = Pick<AppState, 'runs' | 'access' | 'compare' | 'backendStatus'> & { run: Pick<RunState, 'runId' | 'status' | 'retrain'> };

/**
 * A run stored as `running` is live only where a tab trains it: the run shown here while a search is
 * active (this tab's own, or in a read-only tab the writer's it follows). Any other is interrupted.
 */
export function runListStatus(summary: RunSummary, state: { run: Pick<RunState, 'runId' | 'status'> }): RunListStatus {
  if (summary.status !== 'running') return summary.status;
  return state.run.runId === summary.runId && isActiveStatus(state.run.status) ? 'running' : 'interrupted';
}

export function runsListRows(state: RunsListState): RunListRow[] {
  const trainingHere = state.access !== 'readOnly' && (isActiveStatus(state.run.status) || selectRetrainRunning(state));
  const followingWriter = state.access === 'readOnly' && isActiveStatus(state.run.status);
  return state.runs.map((summary) => {
    const status = runListStatus(summary, state);
    const live = status === 'running';
    const openBlocker = trainingHere
      ? 'Another run can be opened once this search (and its retrain) has ended.'
      : followingWriter
        ? `${READ_ONLY_REASON}, and follows its search.`
        : null;
    // The writer rewrites a live run's record at each trial end: a rename or delete would be undone.
    const liveBlocker = live ? 'Not while the run is training: stop it first.' : null;
    return {
      summary,
      status,
      shown: state.run.runId === summary.runId,
      compared: state.compare.runIds.includes(summary.runId),
      openBlocker,
      resumeBlocker: status === 'interrupted' ? selectResumeRunBlocker(state) : 'Only an interrupted run can be resumed.',
      renameBlocker: liveBlocker,
      deleteBlocker: liveBlocker ?? (trainingHere && state.run.runId === summary.runId ? 'Not while the run is retraining.' : null),
    };
  });
}
