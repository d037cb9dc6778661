import { useAppStore } from '../store/appStore.ts';
import { dismissNotice } from '../store/notices.ts';
import frame from './banners/Banner.module.css';
import styles from './Notices.module.css';

const LEVEL_LABELS = { info: 'Info', warning: 'Warning', error: 'Error' } as const;

/** Errors, warnings (a backend fallback, a retried trial) and infos from the worker, until dismissed. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className={styles.notices} aria-label="Notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`${frame.frame} ${frame[notice.level]}`} role={notice.level === 'error' ? 'alert' : 'status'}>
          <strong className={styles[notice.level]}>{LEVEL_LABELS[notice.level]}</strong>
          <span className={frame.text}>{notice.message}</span>
          <button type="button" className="small" onClick={() => dismissNotice(notice.id)} aria-label={`Dismiss: ${notice.message}`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
