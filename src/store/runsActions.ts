import type { RunRepository } from '../persistence/runRepository.ts';
import type { SearchEvent } from '../worker/protocol.ts';
import { useAppStore } from './appStore.ts';
import { bestSoFar } from './selectors/curves.ts';
import { addNotice, applyRunEvents, sendResumeRun } from './searchActions.ts';
import { runStateFromStored } from './storedRun.ts';

let repository: Promise<RunRepository | null> = Promise.resolve(null);

/** True while this tab trains; a read-only tab is never busy. */
const busy = () => useAppStore.getState().access !== 'readOnly' && ['starting', 'running', 'paused', 'stopping'].includes(useAppStore.getState().run.status);

/** Uses the page's view of the database (the worker writes; the page reads, renames and deletes). */
export function connectRepository(open: () => Promise<RunRepository>): void {
  repository = open().catch((error: unknown) => {
    addNotice('warning', `Runs cannot be saved in this browser: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
}

/** Reloads the runs list and how much of the browser's storage it takes. */
export async function refreshRuns(): Promise<void> {
  const repo = await repository;
  if (!repo) return;
  const runs = await repo.listRuns();
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  const persisted = await navigator.storage?.persisted?.().catch(() => null);
  useAppStore.setState({ runs, storage: { available: true, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null, persisted: persisted ?? null } });
}

/** Asks the browser not to evict stored runs under storage pressure. */
export async function requestPersistentStorage(): Promise<void> {
  const granted = await navigator.storage?.persist?.().catch(() => false);
  useAppStore.setState((s) => ({ storage: { ...s.storage, persisted: granted ?? false } }));
}

/** Shows a stored run: its charts, leaderboard, brackets and export, as when it was saved. */
export async function openRun(runId: string): Promise<boolean> {
  const repo = await repository;
  if (!repo || busy()) return false;
  const record = await repo.getRun(runId);
  if (!record) {
    addNotice('error', `Run ${runId} is no longer stored.`);
    return false;
  }
  const run = runStateFromStored(record, await repo.trialsOf(runId));
  useAppStore.setState({ run, selectedTrialId: null });
  return true;
}

/** Opens an interrupted run and continues it: finished trials are kept, interrupted ones rerun. */
export async function resumeRun(runId: string): Promise<void> {
  if (useAppStore.getState().access !== 'writer') return addNotice('warning', 'Another tab is running searches: this one only watches.');
  if (!(await openRun(runId))) return;
  useAppStore.setState((s) => ({ run: { ...s.run, status: 'starting' } }));
  sendResumeRun(runId);
}

export async function renameRun(runId: string, name: string): Promise<void> {
  const repo = await repository;
  const trimmed = name.trim();
  if (!repo || !trimmed) return;
  await repo.renameRun(runId, trimmed.slice(0, 120));
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

/** The most recent run left `running` by a tab that is gone: shown, with Resume offered. */
export async function openInterruptedRun(): Promise<void> {
  await refreshRuns();
  const interrupted = useAppStore.getState().runs.find((r) => r.status === 'running');
  if (interrupted && (await openRun(interrupted.runId))) {
    addNotice('warning', `"${interrupted.name}" was interrupted (${interrupted.trialsEnded} of ${interrupted.trialsPlanned} trials ended). Resume continues it.`);
  }
}

/** In a read-only tab: show the run the writer tab is training, live. */
export async function watchWriterTab(): Promise<void> {
  await refreshRuns();
  const live = useAppStore.getState().runs.find((r) => r.status === 'running');
  if (live && (await openRun(live.runId))) useAppStore.setState((s) => ({ run: { ...s.run, status: 'running' } }));
}

/** A batch of the writer tab's events: applied to the run shown, after loading it if it is another. */
export async function applyWriterEvents(runId: string, events: SearchEvent[]): Promise<void> {
  if (useAppStore.getState().run.runId !== runId) {
    await refreshRuns();
    if (!(await openRun(runId))) return;
    useAppStore.setState((s) => ({ run: { ...s.run, status: 'running' } }));
  }
  applyRunEvents(events);
}
