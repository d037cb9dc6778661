import { useShallow } from 'zustand/react/shallow';
import { BACKEND_REQUESTS } from '../engine/backendNames.ts';
import { useAppStore } from '../store/appStore.ts';
import { chooseBackend } from '../store/searchActions.ts';
import { selectBackendLock } from '../store/selectors/runActivity.ts';

export function BackendMenu() {
  const { choice, lock } = useAppStore(useShallow((s) => ({ choice: s.backendChoice, lock: selectBackendLock(s) })));
  return (
    <label className="inline-field" title={lock ?? 'auto tries WebGPU, WebGL, WASM, then CPU'}>
      <span>Backend</span>
      <select value={choice} disabled={lock !== null} onChange={(e) => chooseBackend(e.target.value)}>
        {BACKEND_REQUESTS.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}
