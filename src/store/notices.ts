import type { SearchEvent } from '../worker/protocol.ts';
import { useAppStore, type Notice } from './appStore.ts';

/** The page shows the latest few notices; an older one leaves as a new one comes. */
const SHOWN_NOTICES = 5;

type NoticeText = Omit<Notice, 'id'>;

/**
 * The notices with one more at the end. Ids grow along the list, so a new id is never one still
 * shown (a dismissed notice's id may come back, on a different message).
 */
export function withNotice(notices: readonly Notice[], { level, message }: NoticeText): Notice[] {
  const id = (notices.at(-1)?.id ?? 0) + 1;
  return [...notices.slice(-(SHOWN_NOTICES - 1)), { id, level, message }];
}

export function addNotice(level: Notice['level'], message: string): void {
  useAppStore.setState((s) => ({ notices: withNotice(s.notices, { level, message }) }));
}

export function dismissNotice(id: number): void {
  useAppStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** What the page tells the user about one event of its own search worker (most events say nothing). */
export function noticesOf(event: SearchEvent): NoticeText[] {
  switch (event.type) {
    case 'error':
      return [{ level: 'error', message: event.message }];
    case 'notice':
      return [{ level: event.level, message: event.message }];
    case 'ready':
      return event.info.skipped.map((s) => ({ level: 'info', message: `${s.backend} is not used: ${s.error}` }));
    case 'trialRetry':
      return [{ level: 'warning', message: `Trial ${event.trialId} threw (attempt ${event.attempt}); retrying: ${event.error}` }];
    case 'searchDone':
      return event.end.status === 'done' && event.end.reason ? [{ level: 'warning', message: `Search stopped: ${event.end.reason}` }] : [];
    case 'storageProblem':
      return [{ level: 'error', message: event.storageFull ? `Search paused: ${event.message}. Everything saved so far is intact.` : `Could not save progress: ${event.message}` }];
    default:
      return [];
  }
}
