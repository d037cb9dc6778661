import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/python-reference.json';
import { PythonRandom, pythonRandomFirst } from '../../../src/engine/pythonRandom.ts';
import { pythonFloorDiv, pythonLog } from '../../../src/engine/pythonMath.ts';
import { correctlyRoundedLog, correctlyRoundedPow } from '../../../src/engine/doubleDouble.ts';
import { roundSize } from '../../../src/engine/schedule.ts';

// Every expected number here was printed by CPython (tests/fixtures/make_python_fixtures.py). The
// configurations KerasTuner samples with them are pinned by kerasTunerOracle.test.ts.
describe('CPython random parity', () => {
  it('matches the values quoted in the brief', () => {
    expect(pythonRandomFirst(42)).toBe(0.6394267984578837);
    expect(pythonRandomFirst(1)).toBe(0.13436424411240122);
  });

  it.each(Object.entries(fixture.randomFirst))('random.Random(%s).random()', (seed, expected) => {
    expect(pythonRandomFirst(Number(seed))).toBe(expected);
  });

  it.each(Object.entries(fixture.randomSequence))('700 draws from seed %s, past the first twist', (seed, every50th) => {
    const rng = new PythonRandom(Number(seed));
    const draws = Array.from({ length: 700 }, () => rng.random());
    expect(draws.filter((_, i) => i % 50 === 0)).toEqual(every50th);
  });

  it('rejects seeds Python would treat differently', () => {
    expect(() => new PythonRandom(-1)).toThrow(/non-negative/);
    expect(() => new PythonRandom(1.5)).toThrow(/non-negative/);
  });
});

describe('Python float arithmetic', () => {
  it.each(fixture.floorDiv)('%s // %s == %s', (a, b, expected) => {
    expect(pythonFloorDiv(a!, b!)).toBe(expected);
  });

  it('computes ceil(1 + log_f(max_epochs)) as CPython does for 2700 settings', () => {
    const mismatches = fixture.logCeil.filter(([maxEpochs, factor, expected]) => roundSize(maxEpochs!, factor!, 0, 0) !== expected);
    expect(mismatches).toEqual([]);
  });
});

describe('glibc-equal log and pow', () => {
  it('math.log for 612 values, from subnormal to huge', () => {
    const mismatches = fixture.logValues.filter(([x, expected]) => correctlyRoundedLog(x!) !== expected);
    expect(mismatches).toEqual([]);
  });

  it('math.pow for 603 pairs', () => {
    const mismatches = fixture.powValues.filter(([x, y, expected]) => correctlyRoundedPow(x!, y!) !== expected);
    expect(mismatches).toEqual([]);
  });

  it('math.log(9, 3) is exactly 2, as KerasTuner needs for max_epochs=9, factor=3', () => {
    expect(pythonLog(9, 3)).toBe(2);
  });
});
