/**
 * Collects events and hands them over in one batch at most every `intervalMs`, so a worker posting
 * hundreds of progress events a second costs the page a few store updates, not hundreds of renders.
 * 1000 ms: the progress bars move every second, and each batch re-renders the progress panel (about
 * 10 ms of main thread at 1280×800 in headless Chromium here, mostly style, layout and paint: 2% of a
 * core at 500 ms).
 */
export function createEventBatcher<T>(flush: (events: T[]) => void, intervalMs = 1000): { push(event: T): void; flushNow(): void } {
  let queue: T[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flushNow = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    flush(events);
  };
  return {
    push(event: T) {
      queue.push(event);
      if (timer === null) timer = setTimeout(flushNow, intervalMs);
    },
    flushNow,
  };
}
