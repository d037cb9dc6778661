import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/appStore.ts';
import { BACKEND_LABELS } from './format.ts';
import styles from './BackendBadge.module.css';

/** The backend training runs on, always visible; "initialising…" while the worker sets one up. */
export function BackendBadge() {
  const { backend, status } = useAppStore(useShallow((s) => ({ backend: s.backend?.backend ?? null, status: s.backendStatus })));
  const text = status === 'initialising' ? 'initialising…' : status === 'error' ? 'no backend' : backend ? BACKEND_LABELS[backend] : '—';
  return (
    <span className={`${styles.badge} ${styles[status]}`} data-testid="backend-badge" title="TensorFlow.js backend in use">
      <span className="visually-hidden">Backend: </span>
      {text}
    </span>
  );
}
