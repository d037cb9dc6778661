import { useAppStore } from './appStore.ts';

const TICK_MS = 1000;

/**
 * Notices when the browser throttles this tab: it is hidden, or a 1 s timer fires over a second late.
 * Training runs in workers and goes on; only the page's own updates slow down.
 */
export function watchThrottling(): () => void {
  let lastMs = performance.now();
  const update = (late: boolean) => {
    const throttled = document.visibilityState === 'hidden' || late;
    if (useAppStore.getState().throttled !== throttled) useAppStore.setState({ throttled });
  };
  const timer = setInterval(() => {
    const nowMs = performance.now();
    update(nowMs - lastMs > 2 * TICK_MS);
    lastMs = nowMs;
  }, TICK_MS);
  const onVisibility = () => update(false);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
