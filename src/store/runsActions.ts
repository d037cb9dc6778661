import { formatFieldErrors } from '../engine/validation.ts';
import { buildRunArchive, parseRunArchive, runArchiveText } from '../persistence/runArchive.ts';
import { MAX_RUN_NAME, type RunRepository } from '../persistence/runRepository.ts';
import { useAppStore } from './appStore.ts';
import { bestSoFar } from './selectors/curves.ts';
import { addNotice } from './notices.ts';
import { selectWorkerBusy } from './selectors/runActivity.ts';
import { runStateFromStored } from './storedRun.ts';

/** The page's connection to the database, made once at start-up: a handle, not state (nothing renders it). */
let repository: Promise<RunRepository | null> = Promise.resolve(null);

/** True while this tab trains (a search, or the retrain after one); a read-only tab is never busy. */
const busy = () => {
  const state = useAppStore.getState();
  return state.access !== 'readOnly' && selectWorkerBusy(state);
};

/** Uses the page's view of the database (the worker writes; the page reads, renames and deletes). */
export function connectRepository(open: () => Promise<RunRepository>): void {
  repository = open().catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    addNotice('warning', `Runs cannot be saved in this browser: ${reason}`);
    useAppStore.setState((s) => ({ storage: { ...s.storage, available: false, unavailableReason: reason } }));
    return null;
  });
}

/** The trials of a stored run whose weights are kept; none without storage. */
export async function keptCheckpointIds(runId: string): Promise<string[]> {
  const repo = await repository;
  return repo ? repo.keptCheckpointIds(runId) : [];
}

/** Reloads the runs list and how much of the browser's storage it takes. */
export async function refreshRuns(): Promise<void> {
  const repo = await repository;
  if (!repo) return;
  const runs = await repo.listRuns();
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  const persisted = await navigator.storage?.persisted?.().catch(() => null);
  useAppStore.setState({ runs, storage: { available: true, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null, persisted: persisted ?? null, unavailableReason: null } });
}

const RUNS_REFRESH_WAIT_MS = 400;
/** The pending reload: a timer, not state (nothing renders it). */
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** Reloads the runs list once events stop coming for a moment (a search ends many trials a second). */
export function refreshRunsSoon(): void {
  if (refreshTimer !== null) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void refreshRuns();
  }, RUNS_REFRESH_WAIT_MS);
}

/** Asks the browser not to evict stored runs under storage pressure. */
export async function requestPersistentStorage(): Promise<void> {
  const granted = await navigator.storage?.persist?.().catch(() => false);
  useAppStore.setState((s) => ({ storage: { ...s.storage, persisted: granted ?? false } }));
}

/** Shows a stored run: its charts, leaderboard, brackets and export, as when it was saved. */
export async function openRun(runId: string, { quiet = false } = {}): Promise<boolean> {
  const repo = await repository;
  if (!repo || busy()) return false;
  const record = await repo.getRun(runId);
  if (!record) {
    if (!quiet) addNotice('error', `Run ${runId} is no longer stored.`);
    return false;
  }
  const run = runStateFromStored(record, await repo.trialsOf(runId));
  useAppStore.setState({ run, selectedTrialId: null, brushes: {} });
  return true;
}

export async function renameRun(runId: string, name: string): Promise<void> {
  const repo = await repository;
  const trimmed = name.trim();
  if (!repo || !trimmed) return;
  await repo.renameRun(runId, trimmed.slice(0, MAX_RUN_NAME));
  await refreshRuns();
}

export async function deleteRun(runId: string): Promise<void> {
  const repo = await repository;
  const state = useAppStore.getState();
  if (!repo) return;
  if (state.run.runId === runId && busy()) return addNotice('warning', 'Stop the search before deleting its run.');
  await repo.deleteRun(runId);
  useAppStore.setState((s) => ({ compare: { runIds: s.compare.runIds.filter((id) => id !== runId), curves: s.compare.curves } }));
  await refreshRuns();
}

/** Adds a run to (or removes it from) the best-so-far comparison; two at most, the oldest leaves. */
export async function toggleCompare(runId: string): Promise<void> {
  const repo = await repository;
  if (!repo) return;
  const { compare } = useAppStore.getState();
  if (compare.runIds.includes(runId)) {
    useAppStore.setState({ compare: { ...compare, runIds: compare.runIds.filter((id) => id !== runId) } });
    return;
  }
  const record = await repo.getRun(runId);
  if (!record) return;
  const curve = bestSoFar(runStateFromStored(record, await repo.trialsOf(runId)));
  useAppStore.setState((s) => ({ compare: { runIds: [...s.compare.runIds, runId].slice(-2), curves: { ...s.compare.curves, [runId]: curve } } }));
}

/** Empties the comparison. */
export function clearCompare(): void {
  useAppStore.setState({ compare: { runIds: [], curves: {} } });
}

/** The most recent run left `running` by a tab that is gone: shown, with Resume offered. */
export async function openInterruptedRun(): Promise<void> {
  await refreshRuns();
  const interrupted = useAppStore.getState().runs.filter((r) => r.status === 'running');
  // The run shown gets the interrupted banner with Resume; a notice only points at the others.
  if (interrupted[0] && (await openRun(interrupted[0].runId)) && interrupted.length > 1) {
    const more = interrupted.length - 1;
    addNotice('info', `${more} more interrupted run${more === 1 ? ' is' : 's are'} in the Runs list, where each can be resumed.`);
  }
}

/** A stored run as a run archive's text (with its checkpoints' weights when asked), or null if it is gone. */
export async function exportRunText(runId: string, includeWeights: boolean): Promise<string | null> {
  const repo = await repository;
  if (!repo) return null;
  const run = await repo.getRun(runId);
  if (!run) {
    addNotice('error', `Run ${runId} is no longer stored.`);
    return null;
  }
  const trials = await repo.trialsOf(runId);
  const checkpoints = includeWeights ? await repo.checkpointRecordsOf(runId) : [];
  return runArchiveText(buildRunArchive({ run, trials, checkpoints }, __RUNG_VERSION__));
}

/** Adds a run archive to the stored runs, or, for a bad or foreign file, changes nothing and says why. */
export async function importRunArchive(text: string, fileName: string): Promise<boolean> {
  const repo = await repository;
  if (!repo) {
    addNotice('error', `${fileName} was not imported: runs cannot be stored in this browser.`);
    return false;
  }
  const parsed = parseRunArchive(text, fileName);
  if (!parsed.ok) {
    addNotice('error', `${fileName} was not imported: ${formatFieldErrors(parsed.errors)}`);
    return false;
  }
  try {
    const stored = await repo.importRun(parsed.value);
    const { unfinished, resumable } = parsed.value;
    const resume = resumable ? '; it can be resumed' : unfinished ? '; unfinished, and without the weights its next rounds start from, so it cannot be resumed' : '';
    addNotice('info', `Imported "${stored.name}" with ${parsed.value.trials.length} trials${resume}.`);
  } catch (error: unknown) {
    addNotice('error', `${fileName} was not imported: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  await refreshRuns();
  return true;
}
