import { useRegisterSW } from 'virtual:pwa-register/react';
import styles from './Banner.module.css';

/**
 * The service worker's news: the app is cached for offline use, or a newer build is waiting.
 * A waiting build takes over only when the user reloads through this banner, so a search in
 * progress is never cut off by an update; the old cache is removed once the new worker activates.
 */
export function AppUpdateBanner() {
  const {
    offlineReady: [offlineReady, setOfflineReady],
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // Without a service worker (blocked, or an insecure origin) the app still works online.
    onRegisterError: (error: unknown) => console.warn('Rung: offline use unavailable:', error),
  });
  if (!offlineReady && !needRefresh) return null;
  return (
    <div className={styles.band}>
      {needRefresh ? (
        <div className={`${styles.frame} ${styles.banner} ${styles.info}`} role="status" data-testid="update-banner">
          <p className={styles.text}>
            <strong>A new version of Rung is available.</strong>{' '}
            <span className="muted">Stored runs are kept; a search in progress can be resumed after the reload.</span>
          </p>
          <button type="button" className="small" onClick={() => void updateServiceWorker(true)}>
            Reload to update
          </button>
        </div>
      ) : (
        <div className={`${styles.frame} ${styles.banner} ${styles.quiet}`} role="status" data-testid="offline-ready-banner">
          <p className={styles.text}>Rung is cached: it now works offline and can be installed as an app.</p>
          <button type="button" className="small" onClick={() => setOfflineReady(false)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
