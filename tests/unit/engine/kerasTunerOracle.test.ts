import { describe, expect, it } from 'vitest';
import { dryRunSearch } from '../../../src/engine/dryRun.ts';
import { serializeSearchSpace } from '../../../src/engine/searchSpace.ts';
import { DEFAULT_SETTINGS, referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';
import { asKerasTuner, fixture, runRung, spaceOf } from './kerasTunerFixture.ts';

describe(`Rung's oracle against KerasTuner's HyperbandOracle (commit ${fixture.kerasTuner.commit.slice(0, 12)})`, () => {
  it('covers promotions, ties, both objectives, every sampling rule, failures and an exhausted space', () => {
    const all = fixture.scenarios;
    expect(all.some((s) => s.settings.objective === 'val_loss') && all.some((s) => s.score === 'tied')).toBe(true);
    expect(all.flatMap((s) => s.trials).filter((t) => t['tuner/trial_id'] !== null).length).toBeGreaterThan(100);
    expect(all.filter((s) => s.trials.length < 10)).not.toHaveLength(0);
    expect(all.flatMap((s) => s.trials).filter((t) => t.status === 'FAILED')).not.toHaveLength(0);
    expect(all.filter((s) => s.stoppedBy !== null)).not.toHaveLength(0);
  });

  it("uses Rung's default space for the reference scenarios", () => {
    const reference = fixture.scenarios.filter((s) => s.name.startsWith('reference'));
    expect(reference).not.toHaveLength(0);
    for (const scenario of reference) expect(scenario.space).toEqual(serializeSearchSpace(referenceSearchSpace()));
  });

  // New configurations never depend on scores, so the plan (run with constant scores) must list
  // KerasTuner's round-0 trials; only failures in a row, which stop the search early, change that.
  it.each(fixture.scenarios.filter((s) => s.failBelow === null).map((s) => [s.name, s] as const))('%s: the plan lists the new configurations', (_name, scenario) => {
    const plan = dryRunSearch({ ...DEFAULT_SETTINGS, ...scenario.settings }, spaceOf(scenario));
    expect(plan.configurations).toEqual(scenario.trials.filter((t) => t['tuner/round'] === 0).map((t) => t.values));
  });

  it.each(fixture.scenarios.map((s) => [s.name, s] as const))('%s: every trial as KerasTuner created it', (_name, scenario) => {
    const { trials, oracle } = runRung(scenario);
    expect(trials.map(asKerasTuner)).toEqual(scenario.trials);
    const best = oracle.bestTrials()[0]!;
    expect({ id: best.trialId, score: best.score }).toEqual(scenario.best);
    expect(/consecutive trials failed/.test(oracle.stopReason ?? '')).toBe(scenario.stoppedBy !== null);
  });
});
