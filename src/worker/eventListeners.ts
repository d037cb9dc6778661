/**
 * The listeners of one channel. Copy on write: a listener may add or remove listeners (its own
 * included) while an event is being delivered, and that delivery still reaches exactly the
 * listeners present when it began.
 */
export class EventListeners<Event> {
  private listeners: readonly ((event: Event) => void)[] = [];

  /** Adds a listener; the function returned removes it. */
  add(listener: (event: Event) => void): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  emit(event: Event): void {
    for (const listener of this.listeners) listener(event);
  }
}
