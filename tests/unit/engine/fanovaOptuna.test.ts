import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Hyperparameter } from '../../../src/engine/hyperparameters.ts';
import { fanovaImportance } from '../../../src/engine/importance/fanova.ts';
import type { ScoredConfiguration } from '../../../src/engine/importance/encoding.ts';

/** Written by tests/fixtures/fanova/generate.py, which runs Optuna's evaluator under ten forest seeds. */
interface OptunaFixture {
  optunaVersion: string;
  seeds: number;
  space: Hyperparameter[];
  cases: { name: string; trials: ScoredConfiguration[]; optuna: Record<string, { mean: number; min: number; max: number }> }[];
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/fanova/optuna-fanova.json', import.meta.url), 'utf8')) as OptunaFixture;

/**
 * Rung's forest is not scikit-learn's (another bootstrap generator, ml-cart's split search), so it is
 * one more forest fitted to the same trials: it may differ from Optuna's mean as much as Optuna's own
 * seeds differ from each other (max − min), plus 0.02 for the other implementation.
 */
const IMPLEMENTATION_SLACK = 0.02;

describe(`fANOVA against Optuna ${fixture.optunaVersion}'s FanovaImportanceEvaluator`, () => {
  for (const testCase of fixture.cases) {
    it(`agrees on ${testCase.name}`, () => {
      const result = fanovaImportance(fixture.space, testCase.trials);
      if (!result.ok) throw new Error(result.reason);
      const ours = new Map(result.importances.map((i) => [i.name, i.importance]));
      expect([...ours.keys()].sort()).toEqual(Object.keys(testCase.optuna).sort());
      for (const [name, optuna] of Object.entries(testCase.optuna)) {
        const tolerance = optuna.max - optuna.min + IMPLEMENTATION_SLACK;
        expect(Math.abs(ours.get(name)! - optuna.mean), `${name}: Rung ${ours.get(name)}, Optuna ${optuna.mean}`).toBeLessThanOrEqual(tolerance);
      }
      const optunaFirst = Object.entries(testCase.optuna).sort((a, b) => b[1].mean - a[1].mean)[0]![0];
      expect(result.importances[0]!.name).toBe(optunaFirst);
    });
  }
});
