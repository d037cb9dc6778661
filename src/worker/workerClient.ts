/** The page's end of a worker's protocol: typed requests in, typed events out. */
export interface WorkerClient<Request, Event> {
  send(request: Request): void;
  subscribe(listener: (event: Event) => void): () => void;
  terminate(): void;
}

/** Wraps a started worker; its crash reaches the listeners as the event `crashed` makes of the error's message. */
export function workerClient<Request, Event>(worker: Worker, crashed: (message: string) => Event): WorkerClient<Request, Event> {
  const listeners = new Set<(event: Event) => void>();
  worker.onmessage = (message: MessageEvent<Event>) => listeners.forEach((listener) => listener(message.data));
  worker.onerror = (error) => {
    const event = crashed(error.message || 'unknown error');
    listeners.forEach((listener) => listener(event));
  };
  return {
    send: (request) => worker.postMessage(request),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    terminate: () => worker.terminate(),
  };
}
