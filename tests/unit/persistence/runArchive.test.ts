import 'fake-indexeddb/auto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkpointsToKeep } from '../../../src/engine/checkpointPolicy.ts';
import { mlpArchitecture, parameterCount } from '../../../src/engine/mlpSpace.ts';
import { DEFAULT_SETTINGS } from '../../../src/engine/referenceDefaults.ts';
import { trialRunOf } from '../../../src/engine/trial.ts';
import type { HyperbandOracle } from '../../../src/engine/oracle.ts';
import { openRungDatabase } from '../../../src/persistence/database.ts';
import type { CheckpointRecord, RunRecord, TrialRecord } from '../../../src/persistence/records.ts';
import { buildRunArchive, parseRunArchive, runArchiveText } from '../../../src/persistence/runArchive.ts';
import { RunRepository } from '../../../src/persistence/runRepository.ts';
import { useAppStore } from '../../../src/store/appStore.ts';
import { connectRepository, importRunArchive } from '../../../src/store/runsActions.ts';
import { fakeEpochs, hashedScore, newOracle, runSequential } from '../engine/oracleHelpers.ts';

const SETTINGS = { ...DEFAULT_SETTINGS, seed: 7 };

/** The records a search leaves: a finished one, or one interrupted after `ended` trials (the next one running). */
function searchRecords(runId: string, ended: number | null): { run: RunRecord; trials: TrialRecord[]; checkpoints: CheckpointRecord[] } {
  const oracle: HyperbandOracle = newOracle();
  if (ended === null) runSequential(oracle);
  else {
    for (let i = 0; i < ended; i++) {
      const decision = oracle.next();
      if (decision.type !== 'run') throw new Error('the search ended early');
      oracle.report(decision.trial.trialId, { status: 'completed', epochs: fakeEpochs(decision.trial, hashedScore) });
    }
    oracle.next();
  }
  const state = oracle.getState();
  const now = '2026-12-01T10:00:00.000Z';
  const run: RunRecord = {
    runId, name: `seed 7 · ${runId}`, createdAt: now, updatedAt: now, status: ended === null ? 'done' : 'running', settings: SETTINGS, trainer: 'fused', retrains: 1,
    backend: 'wasm', oracle: state, testEvaluation: ended === null ? { accuracy: 0.97, loss: 0.1, epochs: 10, runs: [{ accuracy: 0.97, loss: 0.1 }] } : null, endReason: null,
  };
  const trials: TrialRecord[] = state.trials.map((trial, i) => {
    const epochs = trial.status === 'completed' ? fakeEpochs(trial, hashedScore) : [];
    // A diverged epoch's loss is not finite: the archive must carry it through JSON.
    if (i === 1) epochs[0] = { ...epochs[0]!, loss: NaN, valLoss: Infinity };
    return {
      runId, trialId: trial.trialId, run: trialRunOf(trial), status: trial.status, attempt: 1, epochs,
      score: trial.score, bestEpoch: trial.bestEpoch, failureReason: null, divergence: null, durationMs: 12.5, endedAt: trial.status === 'completed' ? now : null,
    };
  });
  const checkpoints = [...checkpointsToKeep(state)].map((trialId) => {
    const units = mlpArchitecture(state.trials.find((t) => t.trialId === trialId)!.hyperparameters).units;
    const data = Float32Array.from({ length: parameterCount(units) }, (_, k) => Math.sin(k + Number(trialId)));
    return { runId, trialId, epoch: 2, units, data };
  });
  return { run, trials, checkpoints };
}

async function store(records: ReturnType<typeof searchRecords>): Promise<void> {
  const repository = await RunRepository.open();
  await repository.createRun(records.run);
  await repository.saveTrialEnd(records.run, records.trials, records.checkpoints, []);
  repository.close();
}

async function exported(runId: string, includeWeights: boolean): Promise<string> {
  const repository = await RunRepository.open();
  const run = (await repository.getRun(runId))!;
  const records = { run, trials: await repository.trialsOf(runId), checkpoints: includeWeights ? await repository.checkpointRecordsOf(runId) : [] };
  repository.close();
  return runArchiveText(buildRunArchive(records, '1.0.0'));
}

/** What the database holds (the checkpoints by key: an import only adds), to see that a refused import changed nothing. */
async function everything(): Promise<unknown> {
  const db = await openRungDatabase();
  const contents = [await db.getAll('runs'), await db.getAll('trials'), await db.getAllKeys('checkpoints')];
  db.close();
  return contents;
}

const lastNotice = () => useAppStore.getState().notices.at(-1);

beforeAll(async () => {
  vi.stubGlobal('navigator', {});
  connectRepository(() => RunRepository.open());
  await store(searchRecords('finished', null));
  await store(searchRecords('interrupted', 4));
});

beforeEach(() => useAppStore.setState({ notices: [] }));

describe('a run archive', () => {
  it('imports as a new run equal to the stored one: the run, every trial with every epoch, every checkpoint', async () => {
    const text = await exported('finished', true);
    expect(text).toContain('"valLoss":"Infinity"');
    expect(await importRunArchive(text, 'finished.json')).toBe(true);
    expect(lastNotice()).toMatchObject({ level: 'info', message: expect.stringMatching(/^Imported "seed 7 · finished \(imported\)" with \d+ trials\.$/) as string });

    const repository = await RunRepository.open();
    const copy = useAppStore.getState().runs.find((r) => r.name === 'seed 7 · finished (imported)')!;
    expect(copy.runId).not.toBe('finished');
    const [original, imported] = [(await repository.getRun('finished'))!, (await repository.getRun(copy.runId))!];
    expect(imported).toEqual({ ...original, runId: copy.runId, name: 'seed 7 · finished (imported)' });
    const originalTrials = await repository.trialsOf('finished');
    expect(originalTrials.length).toBe(original.oracle.trials.length);
    expect(Number.isNaN(originalTrials[1]!.epochs[0]!.loss)).toBe(true);
    expect(await repository.trialsOf(copy.runId)).toEqual(originalTrials.map((t) => ({ ...t, runId: copy.runId })));
    const checkpoints = await repository.checkpointRecordsOf('finished');
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(await repository.checkpointRecordsOf(copy.runId)).toEqual(checkpoints.map((c) => ({ ...c, runId: copy.runId })));
    repository.close();
  });

  it('keeps an unfinished run resumable with its weights, and stores it stopped without them', async () => {
    const withWeights = parseRunArchive(await exported('interrupted', true), 'a.json');
    expect(withWeights.ok && withWeights.value).toMatchObject({ unfinished: true, resumable: true, run: { status: 'running' } });
    const without = parseRunArchive(await exported('interrupted', false), 'b.json');
    expect(without.ok && without.value).toMatchObject({ unfinished: true, resumable: false, run: { status: 'stopped' }, checkpoints: [] });

    const before = useAppStore.getState().runs.length;
    expect(await importRunArchive(await exported('interrupted', true), 'a.json')).toBe(true);
    expect(lastNotice()?.message).toMatch(/; it can be resumed\.$/);
    const copy = useAppStore.getState().runs.find((r) => r.name === 'seed 7 · interrupted (imported)')!;
    expect(copy.status).toBe('running');
    expect(useAppStore.getState().runs.length).toBe(before + 1);
  });

  it('writes all or nothing: a clash in the trials store leaves no run behind', async () => {
    const records = searchRecords('clashing', null);
    const repository = await RunRepository.open();
    await repository.saveTrials([records.trials[3]!]);
    await expect(repository.importRun(records)).rejects.toThrow();
    expect(await repository.getRun('clashing')).toBeUndefined();
    expect(await repository.checkpointRecordsOf('clashing')).toEqual([]);
    repository.close();
  });
});

type Archive = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a test edits the JSON freely

const BAD_FILES: [string, (archive: Archive, text: string) => string, RegExp][] = [
  ['not JSON', (_a, text) => text.slice(0, 200), /^bad\.json was not imported: bad\.json is not valid JSON/],
  ['a best-config file', () => JSON.stringify({ format: 'rung.best-config', version: 1 }), /format: expected "rung-run", got "rung\.best-config": bad\.json is not a Rung run archive/],
  ['a future version', (a) => JSON.stringify({ ...a, version: 2 }), /version: version 2 is newer than this Rung reads \(1\)/],
  ['a missing field', (a) => JSON.stringify({ ...a, run: { ...a.run, oracle: { ...a.run.oracle, seedState: undefined } } }), /run\.oracle\.seedState: expected a number, got nothing/],
  ['a mistyped epoch', (a) => { a.trials[2].epochs[0].valAccuracy = 'high'; return JSON.stringify(a); }, /trials\[2\]\.epochs\[0\]\.valAccuracy/],
  ['bad settings', (a) => { a.run.settings.factor = 1; return JSON.stringify(a); }, /run\.settings\.factor: must be at least 2/],
  ['a trial the oracle does not know', (a) => { a.trials[5].trialId = '0999'; a.trials[5].run.trialId = '0999'; return JSON.stringify(a); }, /trials\[5\]\.trialId: trial "0999" is not in the run's oracle state/],
  ['a checkpoint of an unknown trial', (a) => { a.checkpoints[0].trialId = '0777'; return JSON.stringify(a); }, /checkpoints\[0\]\.trialId: trial "0777" is not in the run's oracle state/],
  ['a checkpoint shorter than its layers', (a) => { a.checkpoints[0].data = a.checkpoints[0].data.slice(8); return JSON.stringify(a); }, /checkpoints\[0\]\.data: trial "\d{4}": \d+ bytes, but layers \[[\d, ]+\] take \d+/],
  ['a checkpoint that is not base64', (a) => { a.checkpoints[0].data = '***'; return JSON.stringify(a); }, /checkpoints\[0\]\.data: trial "\d{4}": not base64/],
];

describe('a bad or foreign file', () => {
  let text = '';
  let before: unknown = null;
  beforeAll(async () => {
    text = await exported('finished', true);
    before = await everything();
  });

  it.each(BAD_FILES)('is refused (%s), naming why, and the database is unchanged', async (_what, corrupt, message) => {
    expect(await importRunArchive(corrupt(JSON.parse(text) as Archive, text), 'bad.json')).toBe(false);
    expect(lastNotice()).toMatchObject({ level: 'error', message: expect.stringMatching(message) as string });
    expect(await everything()).toEqual(before);
  });
});
