import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/appStore.ts';
import { chooseBackend } from '../store/searchActions.ts';
import { selectBackendLock } from '../store/selectors/runActivity.ts';
import { BACKEND_OPTIONS } from '../store/settingsDraft.ts';
import type { BackendOption } from '../worker/protocol.ts';

const OPTION_LABELS: Record<BackendOption, string> = { auto: 'auto', webgpu: 'webgpu', webgl: 'webgl', wasm: 'wasm', cpu: 'cpu' };

export function BackendMenu() {
  const { choice, lock } = useAppStore(useShallow((s) => ({ choice: s.backendChoice, lock: selectBackendLock(s) })));
  return (
    <label className="inline-field" title={lock ?? 'auto tries WebGPU, WebGL, WASM, then CPU'}>
      <span>Backend</span>
      <select value={choice} disabled={lock !== null} onChange={(e) => chooseBackend(e.target.value as BackendOption)}>
        {BACKEND_OPTIONS.map((option) => (
          <option key={option} value={option}>
            {OPTION_LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
