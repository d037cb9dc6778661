import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTrainerPool } from '../../../src/cli/nodeTrainerPool.ts';
import { HyperbandOracle } from '../../../src/engine/oracle.ts';
import { oracleConfig } from '../../../src/engine/oracleState.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import type { TrialExecutor } from '../../../src/search/jobs.ts';
import { SearchLoop } from '../../../src/search/searchLoop.ts';
import { LocalExecutor } from '../../../src/training/localExecutor.ts';
import { chooseNodeBackend } from '../../../src/training/nodeBackends.ts';
import { TrainingData } from '../../../src/training/trainingData.ts';
import type { WorkerExecutor } from '../../../src/worker/workerExecutor.ts';
import { loadSmallMnist } from '../training/tfSetup.ts';

/** maxEpochs 3, factor 3: 6 trials in 3 rounds, on few images so that it takes seconds. */
const SETTINGS = { ...DEFAULT_SETTINGS, maxEpochs: 3, factor: 3, trainLimit: 640, valLimit: 200, testLimit: 200 };

let data: TrainingData;
let pool: WorkerExecutor[] = [];

beforeAll(async () => {
  const choice = await chooseNodeBackend('wasm');
  data = new TrainingData(await loadSmallMnist(640, 200, 200), choice.backend);
});
afterAll(() => {
  pool.forEach((member) => member.close());
  data.dispose();
});

async function search(executors: TrialExecutor[]): Promise<Record<string, number | null>> {
  const oracle = new HyperbandOracle(oracleConfig(SETTINGS), referenceSearchSpace());
  const loop = new SearchLoop(oracle, executors, { batchSize: 32, objective: 'val_accuracy', seed: 1, trainer: 'fused', maxRetries: 0, maxFusedTrials: 12 }, {});
  expect(await loop.run()).toEqual({ status: 'done', reason: null });
  return Object.fromEntries(oracle.trials.map((t) => [t.trialId, t.score]));
}

describe("the CLI's worker-thread trainer pool", () => {
  it('trains a search in two worker threads and gives every trial the score it gets on one thread', async () => {
    const problems: string[] = [];
    pool = await startNodeTrainerPool(tf.getBackend() as 'wasm' | 'cpu', data.dataset, 2, (problem) => problems.push(problem));
    expect(problems).toEqual([]);
    // Both trainers are worker threads: the main thread only runs the search.
    expect(pool).toHaveLength(2);
    const jobsByThread = new Map<string, number>();
    const counted = pool.map((member): TrialExecutor => ({
      name: member.name,
      run: (job, listener) => {
        jobsByThread.set(member.name, (jobsByThread.get(member.name) ?? 0) + 1);
        return member.run(job, listener);
      },
      pause: () => member.pause(),
      resume: () => member.resume(),
      cancel: () => member.cancel(),
    }));
    const twoThreads = await search(counted);
    expect([...jobsByThread.values()].every((jobs) => jobs > 0)).toBe(true);
    expect(jobsByThread.size).toBe(2);
    const oneThread = await search([new LocalExecutor('main', data)]);
    expect(Object.keys(twoThreads)).toHaveLength(6);
    expect(twoThreads).toEqual(oneThread);
  });

  it('starts no thread for one worker: the main thread trains', async () => {
    expect(await startNodeTrainerPool(tf.getBackend() as 'wasm' | 'cpu', data.dataset, 1, () => undefined)).toEqual([]);
  });
});
