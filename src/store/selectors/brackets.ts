import { hyperbandPlan } from '../../engine/schedule.ts';
import type { RunResults, TrialView } from '../runState.ts';

export interface RoundModel {
  round: number;
  epochs: number;
  initialEpoch: number;
  /** Planned slots, filled in id order; null where the oracle has not created the trial yet. */
  slots: (TrialView | null)[];
}

export interface BracketModel {
  iteration: number;
  bracket: number;
  rounds: RoundModel[];
}

/** Every bracket and round as Hyperband plans it, with the trials that fill each round. */
export function bracketsModel(run: RunResults): BracketModel[] {
  if (!run.settings) return [];
  const trials = Object.values(run.trials).sort((a, b) => a.trialId.localeCompare(b.trialId));
  const brackets: BracketModel[] = [];
  for (const planned of hyperbandPlan(run.settings)) {
    let bracket = brackets.find((b) => b.iteration === planned.iteration && b.bracket === planned.bracket);
    if (!bracket) {
      bracket = { iteration: planned.iteration, bracket: planned.bracket, rounds: [] };
      brackets.push(bracket);
    }
    const members = trials.filter((t) => t.run.iteration === planned.iteration && t.run.bracket === planned.bracket && t.run.round === planned.round);
    const slots: (TrialView | null)[] = [...members, ...Array(Math.max(0, planned.trials - members.length)).fill(null)];
    bracket.rounds.push({ round: planned.round, epochs: planned.epochs, initialEpoch: planned.initialEpoch, slots });
  }
  return brackets;
}
