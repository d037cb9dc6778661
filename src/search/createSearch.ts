import type { TestEvaluation } from '../engine/bestConfig.ts';
import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import { HyperbandOracle } from '../engine/oracle.ts';
import { oracleConfig, type OracleState } from '../engine/oracleState.ts';
import type { SearchSpace } from '../engine/searchSpace.ts';
import type { SearchSettings } from '../engine/settings.ts';
import type { EpochMetrics, OracleTrial, TrialRun } from '../engine/trial.ts';
import type { TrainerKind, TrialExecutor, WeightSnapshot } from './jobs.ts';
import { SEARCH_LOOP_DEFAULTS, SearchLoop, type SearchEnd, type SearchListener } from './searchLoop.ts';

/**
 * Where a search is written as it runs (persistence's RunRecorder). Each step is recorded before the
 * listener hears of it, so what the page shows is never ahead of what a reload finds.
 */
export interface SearchRecorder {
  trialsQueued(runs: TrialRun[]): void;
  trialStarted(run: TrialRun, attempt: number): void;
  epoch(trialId: string, metrics: EpochMetrics): void;
  trialEnd(trial: OracleTrial, durationMs: number): void;
  oracleChanged(oracle: HyperbandOracle, checkpoints: ReadonlyMap<string, WeightSnapshot>): Promise<void>;
  finish(status: SearchEnd['status'], endReason: string | null, oracle: HyperbandOracle): Promise<void>;
  saveTestEvaluation(evaluation: TestEvaluation): Promise<void>;
  /** Writes again what failed writes left (the space may have been freed). */
  retryUnwritten(): Promise<void>;
}

/** Trains a configuration from scratch and tests it (training's retrain, bound to the data); null if cancelled. */
export type RetrainBest = (hyperparameters: HyperparameterValues) => Promise<TestEvaluation | null>;

/** What a search is made of; the layers above search supply the executors, the storage and the retrain. */
export interface SearchSetup {
  settings: SearchSettings;
  space: SearchSpace;
  trainer: TrainerKind;
  executors: readonly TrialExecutor[];
  /** A stored run to go on with: its oracle state and the checkpoints it kept. Absent: a new search. */
  resumeFrom?: { oracle: OracleState; checkpoints: Map<string, WeightSnapshot> };
  /** Opens the search's storage once its oracle exists; absent or null: nothing is stored. */
  openRecorder?(oracle: HyperbandOracle): Promise<SearchRecorder | null>;
  retrain: RetrainBest;
  /** The oracle's changes reach the recorder only. */
  listener?: Omit<SearchListener, 'onOracleChange'>;
}

/** Builds a search: the oracle (new, or from a stored state), its storage, and the loop over the executors. */
export async function createSearch(setup: SearchSetup): Promise<Search> {
  const { settings, resumeFrom } = setup;
  const oracle = resumeFrom ? HyperbandOracle.fromState(resumeFrom.oracle) : new HyperbandOracle(oracleConfig(settings), setup.space);
  const recorder = (await setup.openRecorder?.(oracle)) ?? null;
  return new Search(oracle, recorder, setup);
}

/** One search, in the worker or the CLI: the loop until it ends, then the best configuration's retrain. */
export class Search {
  private readonly loop: SearchLoop;
  /** True once the search loop has ended (what may follow is the best model's retrain). */
  loopEnded = false;

  constructor(
    readonly oracle: HyperbandOracle,
    private readonly recorder: SearchRecorder | null,
    private readonly setup: SearchSetup,
  ) {
    const { settings, trainer, listener = {} } = setup;
    const options = { batchSize: settings.batchSize, objective: settings.objective, seed: settings.seed, trainer, ...SEARCH_LOOP_DEFAULTS };
    this.loop = new SearchLoop(oracle, setup.executors, options, {
      onTrialsQueued: (runs) => (recorder?.trialsQueued(runs), listener.onTrialsQueued?.(runs)),
      onTrialStart: (run, attempt, executor) => (recorder?.trialStarted(run, attempt), listener.onTrialStart?.(run, attempt, executor)),
      onBatchProgress: (progress) => listener.onBatchProgress?.(progress),
      onEpoch: (trialId, metrics, durationMs) => (recorder?.epoch(trialId, metrics), listener.onEpoch?.(trialId, metrics, durationMs)),
      onTrialEnd: (trial, durationMs) => (recorder?.trialEnd(trial, durationMs), listener.onTrialEnd?.(trial, durationMs)),
      onTrialRetry: (trialId, attempt, error) => listener.onTrialRetry?.(trialId, attempt, error),
      onOracleChange: (o, checkpoints) => recorder?.oracleChanged(o, checkpoints),
    }, setup.resumeFrom?.checkpoints ?? new Map());
  }

  /** Runs the search to its end and records how it ended. */
  async run(): Promise<SearchEnd> {
    const end = await this.loop.run();
    this.loopEnded = true;
    await this.recorder?.finish(end.status, end.status === 'done' ? end.reason : null, this.oracle);
    return end;
  }

  pause(): void {
    this.loop.pause();
  }

  /** Goes on training, and writes first what a failed write left. */
  resume(): void {
    void this.recorder?.retryUnwritten();
    this.loop.resume();
  }

  /** Ends the search after the current batches; every finished trial is kept. */
  stop(): void {
    this.loop.stop();
  }

  updateSpace(space: SearchSpace): number {
    return this.loop.updateSpace(space);
  }

  /** Retrains the best configuration and stores its test result; null without a best trial or if cancelled. */
  async retrainBest(): Promise<TestEvaluation | null> {
    const best = this.oracle.bestTrials()[0];
    if (!best) return null;
    const evaluation = await this.setup.retrain(best.hyperparameters);
    if (evaluation) await this.recorder?.saveTestEvaluation(evaluation);
    return evaluation;
  }
}
