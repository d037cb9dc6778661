import type { SearchSpace } from '../../engine/searchSpace.ts';
import type { AppState } from '../appStore.ts';
import { runSpaces } from '../runState.ts';
import { selectDraftValidation } from './draftValidation.ts';
import { isActiveStatus } from './runActivity.ts';

/** Key order does not matter: a space that went through the worker may list keys differently. */
function canonical(space: SearchSpace): string {
  return JSON.stringify(space.hyperparameters.map((hp) => Object.entries(hp).sort(([a], [b]) => a.localeCompare(b))));
}

/** The last answer, for the same spaces: a memo of a pure function of the store, not state of its own. */
let cache: { draft: SearchSpace | null; running: SearchSpace | undefined; differs: boolean } | null = null;

/** The edited space is valid and differs from the one the running search now samples from. */
export function selectDraftDiffersFromRunningSpace(state: Pick<AppState, 'run' | 'spaceDraft' | 'settingsDraft'>): boolean {
  if (!isActiveStatus(state.run.status)) return false;
  const draft = selectDraftValidation(state).space;
  const running = runSpaces(state.run).at(-1);
  if (cache && cache.draft === draft && cache.running === running) return cache.differs;
  const differs = draft !== null && running !== undefined && canonical(draft) !== canonical(running);
  cache = { draft, running, differs };
  return differs;
}
