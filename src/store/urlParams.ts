import { formatFieldErrors, type FieldError } from '../engine/validation.ts';
import { BACKEND_REQUESTS, isBackendRequest, type BackendRequest } from '../engine/backendNames.ts';
import { useAppStore, type AppState } from './appStore.ts';
import { settingsFromDraft, type NumericSetting } from './settingsDraft.ts';

const SETTING_PARAMS: readonly NumericSetting[] = ['seed', 'maxEpochs', 'factor', 'iterations', 'batchSize', 'trainLimit', 'valLimit', 'testLimit'];
export const URL_PARAMS = [...SETTING_PARAMS, 'backend'] as const;
/** Known keys that are not settings: `debug=1` exposes test hooks (window.rung). Never shared. */
export const NON_SETTING_PARAMS = ['debug'] as const;

/** `?debug=1`: the page exposes `window.rung.injectFault` for fault-injection tests. */
export function debugEnabled(search: string): boolean {
  return new URLSearchParams(search).get('debug') === '1';
}

/**
 * Pre-fills the settings from `?seed=…&maxEpochs=…&backend=…`. All or nothing: an unknown key or a
 * bad value changes nothing and says which parameter is wrong.
 */
export function applyUrlParams(search: string): boolean {
  const params = new URLSearchParams(search);
  if ([...params.keys()].length === 0) return true;
  const errors: FieldError[] = [];
  const state = useAppStore.getState();
  const draft = { ...state.settingsDraft };
  let backend: BackendRequest = state.backendChoice;
  for (const [key, value] of params) {
    if ((SETTING_PARAMS as readonly string[]).includes(key)) draft[key as NumericSetting] = value;
    else if ((NON_SETTING_PARAMS as readonly string[]).includes(key)) continue;
    else if (key === 'backend') {
      if (isBackendRequest(value)) backend = value;
      else errors.push({ field: 'backend', message: `must be one of ${BACKEND_REQUESTS.join(', ')}, got "${value}"` });
    } else errors.push({ field: key, message: `unknown URL parameter (known: ${[...URL_PARAMS, ...NON_SETTING_PARAMS].join(', ')})` });
  }
  const settings = settingsFromDraft(draft);
  if (!settings.ok) errors.push(...settings.errors);
  if (errors.length) {
    useAppStore.setState({ importError: `URL parameters ignored: ${formatFieldErrors(errors)}` });
    return false;
  }
  useAppStore.setState({ settingsDraft: draft, backendChoice: backend });
  return true;
}

/** A link that opens Rung with the current settings and backend. */
export function shareUrl(state: Pick<AppState, 'settingsDraft' | 'backendChoice'>, pageHref: string): string {
  const url = new URL(pageHref);
  url.search = '';
  for (const key of SETTING_PARAMS) {
    const value = state.settingsDraft[key].trim();
    if (value !== '') url.searchParams.set(key, value);
  }
  url.searchParams.set('backend', state.backendChoice);
  return url.href;
}
