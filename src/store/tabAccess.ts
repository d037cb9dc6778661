import type { SearchEvent } from '../worker/protocol.ts';
import { useAppStore } from './appStore.ts';

const WRITER_LOCK = 'rung-writer';
const EVENTS_CHANNEL = 'rung-search-events';

interface Broadcast {
  runId: string;
  events: SearchEvent[];
}

/** The tabs' channel, a connection rather than state (nothing renders it); undefined until first used. */
let channel: BroadcastChannel | null | undefined;

/** The tabs' shared channel, opened on first use (listening may be set up before access is claimed). */
function eventsChannel(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(EVENTS_CHANNEL);
  return channel;
}

/**
 * One tab at a time runs searches and writes them (it holds a Web Lock); the others watch read-only
 * through the events the writer broadcasts, and the next in line takes over when the writer closes.
 */
export function claimWriterAccess(onWriter: () => void, onReadOnly: () => void): void {
  eventsChannel();
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  const becomeWriter = () => {
    useAppStore.setState({ access: 'writer' });
    onWriter();
    return new Promise<never>(() => undefined);
  };
  if (!locks) return void becomeWriter();
  void locks.request(WRITER_LOCK, { ifAvailable: true }, (lock) => {
    if (lock) return becomeWriter();
    useAppStore.setState({ access: 'readOnly' });
    onReadOnly();
    void locks.request(WRITER_LOCK, () => becomeWriter());
    return undefined;
  });
}

export function broadcastEvents(runId: string | null, events: SearchEvent[]): void {
  if (runId && events.length && useAppStore.getState().access === 'writer') eventsChannel()?.postMessage({ runId, events } satisfies Broadcast);
}

/** In a read-only tab: hands over each batch of events the writer tab broadcasts. */
export function onBroadcastEvents(handler: (runId: string, events: SearchEvent[]) => void): void {
  eventsChannel()?.addEventListener('message', (message: MessageEvent<Broadcast>) => {
    if (useAppStore.getState().access === 'readOnly') handler(message.data.runId, message.data.events);
  });
}
