import { useAppStore } from '../store/appStore.ts';
import { dismissNotice } from '../store/notices.ts';

const LEVEL_LABELS = { info: 'Info', warning: 'Warning', error: 'Error' } as const;

/** Errors, warnings (a backend fallback, a retried trial) and infos from the worker, until dismissed. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-label="Notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice--${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
          <strong className="notice-level">{LEVEL_LABELS[notice.level]}</strong>
          <span className="notice-message">{notice.message}</span>
          <button type="button" className="small" onClick={() => dismissNotice(notice.id)} aria-label={`Dismiss: ${notice.message}`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
