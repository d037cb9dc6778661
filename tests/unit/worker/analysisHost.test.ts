import { describe, expect, it } from 'vitest';
import { fanovaImportance } from '../../../src/engine/importance/fanova.ts';
import type { AnalysisEvent, AnalysisRequest } from '../../../src/worker/analysisProtocol.ts';
import { scoredConfigurations, space, trialsAt } from '../store/importanceTrials.ts';
import { inProcessAnalysisClient } from './inProcessWorkers.ts';

const question = (requestId: number, count: number, seed: number): AnalysisRequest => ({
  type: 'importance',
  requestId,
  hyperparameters: space.hyperparameters,
  trials: scoredConfigurations(trialsAt([[2, count]], seed)),
});

/** Resolves with the next event the client delivers. */
const nextEvent = (client: ReturnType<typeof inProcessAnalysisClient>['client']) =>
  new Promise<AnalysisEvent>((resolve) => {
    const unsubscribe = client.subscribe((event) => {
      unsubscribe();
      resolve(event);
    });
  });

describe('the analysis worker host', () => {
  it('answers a request with what the engine computes for the same trials', async () => {
    const { client } = inProcessAnalysisClient();
    const request = question(1, 30, 30);
    const answered = nextEvent(client);
    client.send(request);
    const event = await answered;
    expect(event).toEqual({ type: 'importance', requestId: 1, result: fanovaImportance(space.hyperparameters, request.trials) });
    if (event.type !== 'importance' || !event.result.ok) throw new Error('expected importances');
    expect(event.result.importances[0]!.name).toBe('learning_rate');
  });

  it('of two requests received before it gets to work, computes and answers only the latest', async () => {
    const { client, posted } = inProcessAnalysisClient();
    const answered = nextEvent(client);
    client.send(question(1, 12, 1));
    client.send(question(2, 13, 2));
    const event = await answered;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted).toHaveLength(1);
    expect(event).toMatchObject({ type: 'importance', requestId: 2, result: { ok: true, trialCount: 13 } });
  });

  it('answers a failure of the analysis with a note naming it, and goes on answering', async () => {
    const { client } = inProcessAnalysisClient();
    const broken = { ...question(1, 12, 1), hyperparameters: null } as unknown as AnalysisRequest;
    const failed = nextEvent(client);
    client.send(broken);
    expect(await failed).toMatchObject({ type: 'importance', requestId: 1, result: { ok: false, trialCount: 12, reason: expect.stringMatching(/^Importance could not be computed: /) } });
    const answered = nextEvent(client);
    client.send(question(2, 12, 1));
    expect(await answered).toMatchObject({ requestId: 2, result: { ok: true } });
  });
});
