import { integerPow, pythonLog } from './pythonMath.ts';

/** Hyperband's schedule knobs, as KerasTuner's HyperbandOracle takes them. */
export interface ScheduleSettings {
  maxEpochs: number;
  factor: number;
  iterations: number;
}

export interface PlannedRound {
  iteration: number;
  bracket: number;
  round: number;
  trials: number;
  epochs: number;
  initialEpoch: number;
}

const MIN_EPOCHS = 1;

/** Counts divisions of max_epochs by factor while the result stays >= 1. */
export function bracketCount(maxEpochs: number, factor: number): number {
  let epochs = maxEpochs;
  let brackets = 0;
  while (epochs >= MIN_EPOCHS) {
    epochs = epochs / factor;
    brackets += 1;
  }
  return brackets;
}

/** Trials in round `round` of bracket `bracket`: ceil(ceil(1 + log_f(max)) / (b + 1) * f^(b - r)). */
export function roundSize(maxEpochs: number, factor: number, bracket: number, round: number): number {
  const lastBracketSize = Math.ceil(1 + pythonLog(maxEpochs, factor));
  return Math.ceil((lastBracketSize / (bracket + 1)) * integerPow(factor, bracket - round));
}

/** Epochs a trial of that round has trained when it ends: ceil(max / f^(b - r)). */
export function roundEpochs(maxEpochs: number, factor: number, bracket: number, round: number): number {
  return Math.ceil(maxEpochs / integerPow(factor, bracket - round));
}

/** Every round in run order, assuming no trial fails: brackets from the largest down, per iteration. */
export function hyperbandPlan({ maxEpochs, factor, iterations }: ScheduleSettings): PlannedRound[] {
  const rounds: PlannedRound[] = [];
  const brackets = bracketCount(maxEpochs, factor);
  for (let iteration = 0; iteration < iterations; iteration++) {
    for (let bracket = brackets - 1; bracket >= 0; bracket--) {
      for (let round = 0; round <= bracket; round++) {
        rounds.push({
          iteration,
          bracket,
          round,
          trials: roundSize(maxEpochs, factor, bracket, round),
          epochs: roundEpochs(maxEpochs, factor, bracket, round),
          initialEpoch: round === 0 ? 0 : roundEpochs(maxEpochs, factor, bracket, round - 1),
        });
      }
    }
  }
  return rounds;
}

export interface PlannedTotals {
  totalTrials: number;
  /** Epochs actually trained: a promoted trial trains only epochs - initialEpoch. */
  totalEpochs: number;
}

/** Trials and epochs of the whole schedule, assuming no trial fails. */
export function plannedTotals(settings: ScheduleSettings): PlannedTotals {
  return roundTotals(hyperbandPlan(settings));
}

/** The totals of rounds already planned, for a caller that shows the rounds too. */
export function roundTotals(rounds: readonly PlannedRound[]): PlannedTotals {
  return rounds.reduce(
    (sum, r) => ({ totalTrials: sum.totalTrials + r.trials, totalEpochs: sum.totalEpochs + r.trials * (r.epochs - r.initialEpoch) }),
    { totalTrials: 0, totalEpochs: 0 },
  );
}
