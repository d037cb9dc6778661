import type { HyperparameterValues } from './hyperparameters.ts';
import { configurationKey, drawNewConfiguration } from './newConfigurations.ts';
import { roundEpochs, roundSize, bracketCount } from './schedule.ts';
import type { SearchSpace } from './searchSpace.ts';
import { isBetter } from './settings.ts';
import { compareForBest } from './bestTrial.ts';
import { objectiveHistory } from './objectiveHistory.ts';
import {
  formatTrialId,
  trialRunOf,
  type OracleDecision,
  type OracleTrial,
  type TrialOutcome,
  type TrialRun,
} from './trial.ts';
import { ORACLE_STATE_VERSION, cloneState, type BracketState, type OracleConfig, type OracleState } from './oracleState.ts';

/**
 * KerasTuner's HyperbandOracle, decision for decision, made safe for trials that run at once.
 *
 * Each decision is the one KerasTuner would take run sequentially, where every earlier trial has
 * ended. Whenever that decision depends on a trial still in flight (a promotion reads the whole
 * previous round's scores), the oracle answers `wait` instead of guessing. So any number of workers,
 * or a whole round trained as one fused job, yields the same trial ids, configurations and parents.
 */
export class HyperbandOracle {
  private state: OracleState;

  constructor(config: OracleConfig, space: SearchSpace) {
    const bracket = bracketCount(config.maxEpochs, config.factor) - 1;
    this.state = {
      version: ORACLE_STATE_VERSION,
      config: { ...config },
      spaces: [structuredClone(space)],
      seedState: config.seed,
      triedSoFar: [],
      currentBracket: bracket,
      currentIteration: 0,
      brackets: [newBracket(bracket)],
      trials: [],
      endOrder: [],
      stopReason: null,
    };
  }

  static fromState(state: OracleState): HyperbandOracle {
    const oracle = Object.create(HyperbandOracle.prototype) as HyperbandOracle;
    oracle.state = cloneState(state);
    // States stored before divergence was recorded have no such field: none of their trials diverged.
    for (const trial of oracle.state.trials) trial.divergence ??= null;
    oracle.state.endOrder = endOrderOf(state);
    return oracle;
  }

  /** A deep copy of the whole state, plain JSON. */
  getState(): OracleState {
    return cloneState(this.state);
  }

  get config(): OracleConfig {
    return this.state.config;
  }

  get trials(): readonly OracleTrial[] {
    return this.state.trials;
  }

  get spaceVersion(): number {
    return this.state.spaces.length - 1;
  }

  get space(): SearchSpace {
    return this.state.spaces[this.spaceVersion]!;
  }

  trial(trialId: string): OracleTrial | undefined {
    return this.state.trials.find((t) => t.trialId === trialId);
  }

  /** Runs that were handed out and have not ended: after a reload, these are to be run again. */
  runningTrials(): TrialRun[] {
    return this.state.trials.filter((t) => t.status === 'running').map(trialRunOf);
  }

  /** New configurations are drawn from this space from now on; returns its version number. */
  updateSpace(space: SearchSpace): number {
    this.state.spaces.push(structuredClone(space));
    return this.spaceVersion;
  }

  /** Every trial that can start now, in id order, then whether the search waits or is done. */
  takeRunnable(): { runs: TrialRun[]; next: Exclude<OracleDecision, { type: 'run' }> } {
    const runs: TrialRun[] = [];
    for (;;) {
      const decision = this.next();
      if (decision.type !== 'run') return { runs, next: decision };
      runs.push(decision.trial);
    }
  }

  /** One decision, as KerasTuner's populate_space, with `wait` where it would need an unfinished result. */
  next(): OracleDecision {
    if (this.state.stopReason !== null) return this.waitOrDone();
    this.removeCompletedBrackets();
    for (const bracket of this.state.brackets) {
      if (bracket.rounds[0]!.length < this.size(bracket.bracket, 0)) return this.randomTrial(bracket);
      for (let round = 1; round < bracket.rounds.length; round++) {
        const past = bracket.rounds[round - 1]!;
        if (past.some((entry) => this.trial(entry.id)?.status === 'running')) return { type: 'wait' };
        const promotion = this.promotion(bracket, round);
        if (promotion) return { type: 'run', trial: promotion };
      }
    }
    const { currentBracket, currentIteration } = this.state;
    if (currentBracket === 0 && currentIteration + 1 === this.state.config.iterations) return this.waitOrDone();
    this.incrementBracket();
    const bracket = newBracket(this.state.currentBracket);
    this.state.brackets.push(bracket);
    return this.randomTrial(bracket);
  }

  /**
   * Records how a trial ended. A completed trial's score is its best objective over its own epochs.
   * A diverged trial completes as KerasTuner completes it (its epochs from the divergence on score what
   * a NaN model scores): with val_accuracy always, with val_loss only if an epoch before it was finite;
   * otherwise its score would be NaN, which KerasTuner ends as failed.
   */
  report(trialId: string, outcome: TrialOutcome): OracleTrial {
    const trial = this.trial(trialId);
    if (!trial) throw new Error(`unknown trial ${trialId}`);
    if (trial.status !== 'running') throw new Error(`trial ${trialId} already ended (${trial.status})`);
    if (outcome.status === 'failed') return this.fail(trial, outcome.reason);
    const objective = this.state.config.objective;
    const divergence = outcome.divergence ?? null;
    trial.divergence = divergence;
    for (const { epoch, value } of objectiveHistory(objective, trial, outcome.epochs, divergence)) {
      if (isBetter(objective, value, trial.score)) {
        trial.score = value;
        trial.bestEpoch = epoch;
      }
    }
    if (trial.score === null) {
      const reason = divergence
        ? `diverged (non-finite loss at epoch ${divergence.epoch}, batch ${divergence.batch}) before any finite ${objective}`
        : `no finite ${objective} was reported`;
      return this.fail(trial, reason);
    }
    trial.status = 'completed';
    this.state.endOrder.push(trial.trialId);
    return trial;
  }

  /** Completed trials, best first: trials that never diverged before those that did, then by score (ties to the older trial). */
  bestTrials(): OracleTrial[] {
    const objective = this.state.config.objective;
    return this.state.trials.filter((t) => t.status === 'completed').sort((a, b) => compareForBest(objective, a, b));
  }

  get stopReason(): string | null {
    return this.state.stopReason;
  }

  private fail(trial: OracleTrial, reason: string): OracleTrial {
    trial.status = 'failed';
    trial.failureReason = reason;
    trial.score = null;
    trial.bestEpoch = null;
    this.state.endOrder.push(trial.trialId);
    this.checkConsecutiveFailures();
    return trial;
  }

  /** KerasTuner stops after max_consecutive_failed_trials failures in a row (here: in trial id order). */
  private checkConsecutiveFailures(): void {
    const limit = this.state.config.maxConsecutiveFailedTrials;
    let run: OracleTrial[] = [];
    for (const trial of this.state.trials) {
      run = trial.status === 'failed' ? [...run, trial] : [];
      if (run.length >= limit) {
        const ids = run.map((t) => t.trialId).join(', ');
        this.state.stopReason = `${limit} consecutive trials failed (${ids}); last error: ${trial.failureReason}`;
        return;
      }
    }
  }

  private waitOrDone(): OracleDecision {
    const running = this.state.trials.some((t) => t.status === 'running');
    return running ? { type: 'wait' } : { type: 'done', reason: this.state.stopReason };
  }

  private size(bracket: number, round: number): number {
    return roundSize(this.state.config.maxEpochs, this.state.config.factor, bracket, round);
  }

  private epochs(bracket: number, round: number): number {
    return roundEpochs(this.state.config.maxEpochs, this.state.config.factor, bracket, round);
  }

  private removeCompletedBrackets(): void {
    this.state.brackets = this.state.brackets.filter((b) => {
      const last = b.rounds.length - 1;
      return b.rounds[last]!.length !== this.size(b.bracket, last);
    });
  }

  private incrementBracket(): void {
    this.state.currentBracket -= 1;
    if (this.state.currentBracket < 0) {
      this.state.currentBracket = bracketCount(this.state.config.maxEpochs, this.state.config.factor) - 1;
      this.state.currentIteration += 1;
    }
  }

  /** The best unpromoted trial of the previous round, if more are ready than the round discards. */
  private promotion(bracket: BracketState, round: number): TrialRun | null {
    const current = bracket.rounds[round]!;
    const selected = new Set(current.map((entry) => entry.parentId));
    const candidates = bracket.rounds[round - 1]!
      .map((entry) => this.trial(entry.id)!)
      .filter((t) => !selected.has(t.trialId) && t.status === 'completed');
    if (candidates.length <= this.size(bracket.bracket, round - 1) - this.size(bracket.bracket, round)) return null;
    const best = this.pickBest(candidates);
    const id = formatTrialId(this.state.trials.length);
    current.push({ parentId: best.trialId, id });
    return this.addTrial({
      trialId: id,
      hyperparameters: { ...best.hyperparameters },
      iteration: this.state.currentIteration,
      bracket: bracket.bracket,
      round,
      initialEpoch: this.epochs(bracket.bracket, round - 1),
      epochs: this.epochs(bracket.bracket, round),
      parentId: best.trialId,
      spaceVersion: best.spaceVersion,
    });
  }

  /** Python's stable sort: the first candidate in round order wins a tie. */
  private pickBest(candidates: OracleTrial[]): OracleTrial {
    const objective = this.state.config.objective;
    return candidates.reduce((best, t) => (isBetter(objective, t.score!, best.score) ? t : best));
  }

  private randomTrial(bracket: BracketState): OracleDecision {
    const values = this.randomValues();
    if (values === null) {
      this.state.stopReason = `the search space is exhausted: ${this.state.config.maxCollisions + 1} samples in a row were configurations already tried`;
      return this.waitOrDone();
    }
    const id = formatTrialId(this.state.trials.length);
    bracket.rounds[0]!.push({ parentId: null, id });
    const trial = this.addTrial({
      trialId: id,
      hyperparameters: values,
      iteration: this.state.currentIteration,
      bracket: bracket.bracket,
      round: 0,
      initialEpoch: 0,
      epochs: this.epochs(bracket.bracket, 0),
      parentId: null,
      spaceVersion: this.spaceVersion,
    });
    return { type: 'run', trial };
  }

  private randomValues(): HyperparameterValues | null {
    const { values, seedState } = drawNewConfiguration(this.space, this.state.seedState, new Set(this.state.triedSoFar), this.state.config.maxCollisions);
    this.state.seedState = seedState;
    if (values) this.state.triedSoFar.push(configurationKey(values));
    return values;
  }

  private addTrial(run: TrialRun): TrialRun {
    this.state.trials.push({ ...run, status: 'running', score: null, bestEpoch: null, failureReason: null, divergence: null });
    return run;
  }
}

function newBracket(bracket: number): BracketState {
  return { bracket, rounds: Array.from({ length: bracket + 1 }, () => []) };
}

/**
 * The order the state's trials ended in. States stored before it was kept have none: their ended
 * trials in id order then (a stored run's page view orders them by their records' end times instead).
 */
export function endOrderOf(state: OracleState): string[] {
  const kept = (state as Partial<OracleState>).endOrder;
  return kept ? [...kept] : state.trials.filter((t) => t.status === 'completed' || t.status === 'failed').map((t) => t.trialId);
}
