import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/appStore.ts';
import { READ_ONLY_REASON } from '../../store/selectors/runActivity.ts';
import styles from './Banner.module.css';

/** Page-wide conditions under the header: this tab only watches, or the browser slows it down. */
export function StatusBanners() {
  const { readOnly, throttled } = useAppStore(useShallow((s) => ({ readOnly: s.access === 'readOnly', throttled: s.throttled })));
  if (!readOnly && !throttled) return null;
  return (
    <div className={styles.band}>
      {readOnly && (
        <div className={`${styles.frame} ${styles.banner} ${styles.info}`} role="status" data-testid="read-only-banner">
          <p className={styles.text}>
            <strong>{READ_ONLY_REASON}.</strong> <span className="muted">It follows that tab&rsquo;s search live; close that tab and this one takes over.</span>
          </p>
        </div>
      )}
      {throttled && (
        <div className={`${styles.frame} ${styles.banner} ${styles.quiet}`} role="status" data-testid="throttle-banner">
          <p className={styles.text}>
            This tab is in the background: the browser slows its timers. <span className="muted">Training continues in the workers; the charts catch up when you return.</span>
          </p>
        </div>
      )}
    </div>
  );
}
