import { describe, expect, it } from 'vitest';
import { EventListeners } from '../../../src/worker/eventListeners.ts';
import type { TrainerEvent } from '../../../src/worker/trainerProtocol.ts';
import { WarmTrainers } from '../../../src/worker/warmTrainers.ts';
import type { TrainerChannel } from '../../../src/worker/workerExecutor.ts';

function fakeChannel() {
  const listeners = new EventListeners<TrainerEvent>();
  const state = { terminated: false };
  const channel: TrainerChannel = { post: () => undefined, onEvent: (listener) => listeners.add(listener), terminate: () => void (state.terminated = true) };
  return { channel, state, emit: (event: TrainerEvent) => listeners.emit(event) };
}

describe('warm trainer workers', () => {
  it('hands out only workers started on the backend asked for, each once', () => {
    const warm = new WarmTrainers(4);
    const [a, b, c] = [fakeChannel(), fakeChannel(), fakeChannel()];
    warm.keep('wasm', a.channel);
    warm.keep('cpu', b.channel);
    warm.keep('wasm', c.channel);
    expect(warm.take('wasm', 1)).toEqual([a.channel]);
    expect(warm.take('wasm', 5)).toEqual([c.channel]);
    expect(warm.take('wasm', 5)).toEqual([]);
    expect(warm.size).toBe(1);
    expect([a, b, c].some((x) => x.state.terminated)).toBe(false);
  });

  it('drops and ends a kept worker that crashes, and no longer watches one it has handed out', () => {
    const warm = new WarmTrainers(4);
    const [crashing, handed] = [fakeChannel(), fakeChannel()];
    warm.keep('wasm', crashing.channel);
    warm.keep('wasm', handed.channel);
    crashing.emit({ type: 'crashed', error: 'out of memory' });
    expect(crashing.state.terminated).toBe(true);
    expect(warm.size).toBe(1);
    expect(warm.take('wasm', 2)).toEqual([handed.channel]);
    // A crash after the hand-over is the new owner's to handle (it retries the job elsewhere).
    handed.emit({ type: 'crashed', error: 'later' });
    expect(handed.state.terminated).toBe(false);
  });

  it('ends the workers beyond its limit, and every worker on clear', () => {
    const warm = new WarmTrainers(1);
    const [kept, extra] = [fakeChannel(), fakeChannel()];
    warm.keep('wasm', kept.channel);
    warm.keep('wasm', extra.channel);
    expect(extra.state.terminated).toBe(true);
    warm.clear();
    expect(kept.state.terminated).toBe(true);
    expect(warm.take('wasm', 1)).toEqual([]);
  });
});

describe('channel listeners', () => {
  it('lets a listener remove itself while an event is delivered, without skipping the next one', () => {
    const listeners = new EventListeners<number>();
    const seen: string[] = [];
    const removeFirst = listeners.add((n) => {
      seen.push(`first ${n}`);
      removeFirst();
    });
    listeners.add((n) => seen.push(`second ${n}`));
    listeners.emit(1);
    listeners.emit(2);
    expect(seen).toEqual(['first 1', 'second 1', 'second 2']);
  });
});
