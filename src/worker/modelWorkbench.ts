import type { HyperparameterValues } from '../engine/hyperparameters.ts';
import { loadMnist, mnistLimits, type MnistSplit, type ReadMnistFile } from '../data/mnist.ts';
import type { RunRepository } from '../persistence/runRepository.ts';
import type { WeightSnapshot } from '../search/jobs.ts';
import { TrainedModel } from '../training/trainedModel.ts';
import type { ModelFileFormat, ModelSource, SearchEvent, SearchRequest } from './protocol.ts';

/** The retrained best model of the worker's last search, with the run it belongs to and its test split. */
export interface KeptBestModel {
  runId: string;
  hyperparameters: HyperparameterValues;
  weights: WeightSnapshot;
  testSplit: MnistSplit;
}

export interface WorkbenchContext {
  post(event: SearchEvent): void;
  bestModel(): KeptBestModel | null;
  repository(): Promise<RunRepository | null>;
  read(): ReadMnistFile | null;
}

export type ModelRequest = Extract<SearchRequest, { type: 'exportModel' | 'evaluateModel' | 'predictDigit' }>;

interface Loaded {
  name: string;
  fileStem: string;
  model: TrainedModel;
  testSplit: () => Promise<MnistSplit>;
}

/**
 * What the page asks of a trained model: its files, its mistakes on the test split, a drawing's
 * probabilities. The last model asked for stays built, so a drawing is answered without rebuilding it.
 */
export class ModelWorkbench {
  private current: { key: string; loaded: Promise<Loaded> } | null = null;
  private testSplits = new Map<string, Promise<MnistSplit>>();

  constructor(private readonly context: WorkbenchContext) {}

  async handle(request: ModelRequest): Promise<void> {
    const loaded = await this.load(request.source);
    const { post } = this.context;
    if (request.type === 'predictDigit') {
      post({ type: 'digitPrediction', probabilities: [...(await loaded.model.predict(request.pixels))] });
    } else if (request.type === 'evaluateModel') {
      post({ type: 'modelEvaluation', evaluation: await loaded.model.evaluate(await loaded.testSplit(), loaded.name) });
    } else {
      post({ type: 'modelFile', fileName: `${loaded.fileStem}${fileSuffix(request.format)}`, bytes: await this.file(loaded.model, request.format) });
    }
  }

  private file(model: TrainedModel, format: ModelFileFormat): Promise<Uint8Array> {
    return format === 'keras' ? model.kerasFile() : model.tfjsZip();
  }

  /** The model for a source: the one built last if it is the same, else a new one (the last is then freed). */
  private load(source: ModelSource): Promise<Loaded> {
    const best = this.context.bestModel();
    if (source.kind === 'best' && !best) return Promise.reject(new Error('there is no retrained best model in this tab: run a search to its end with Retrains of 1 or more'));
    const key = source.kind === 'trial' ? `trial:${source.runId}:${source.trialId}` : `best:${best!.runId}:${identity(best!.weights)}`;
    if (this.current?.key === key) return this.current.loaded;
    const loaded = source.kind === 'trial' ? this.loadTrial(source) : this.loadBest(best!);
    const previous = this.current;
    // Concurrent requests for one model share its build.
    this.current = { key, loaded };
    loaded.catch(() => {
      if (this.current?.key === key) this.current = null;
    });
    void previous?.loaded.then((old) => old.model.dispose(), () => undefined);
    return loaded;
  }

  private async loadBest(best: KeptBestModel): Promise<Loaded> {
    const model = TrainedModel.restore(best.hyperparameters, best.weights);
    return { name: 'Retrained best model', fileStem: `rung-best-model-${best.runId}`, model, testSplit: () => Promise.resolve(best.testSplit) };
  }

  private async loadTrial(source: Extract<ModelSource, { kind: 'trial' }>): Promise<Loaded> {
    const repository = await this.context.repository();
    if (!repository) throw new Error('browser storage is not available: no trial weights are kept');
    const weights = await repository.checkpoint(source.runId, source.trialId);
    if (!weights) throw new Error(`trial ${source.trialId} has no kept weights: only the checkpoints a promotion or the best model may need are kept`);
    return {
      name: `Trial ${source.trialId} (epoch ${weights.epoch})`, fileStem: `rung-trial-${source.trialId}-${source.runId}`,
      model: TrainedModel.restore(source.hyperparameters, weights), testSplit: () => this.storedTestSplit(repository, source.runId),
    };
  }

  /** A stored run's test split, read with the run's own limits. */
  private storedTestSplit(repository: RunRepository, runId: string): Promise<MnistSplit> {
    let split = this.testSplits.get(runId);
    if (!split) {
      split = (async () => {
        const read = this.context.read();
        const record = await repository.getRun(runId);
        if (!read || !record) throw new Error(`run ${runId} is not stored, or the worker is not initialised`);
        return (await loadMnist(read, mnistLimits(record.settings))).test;
      })();
      split.catch(() => this.testSplits.delete(runId));
      this.testSplits.set(runId, split);
    }
    return split;
  }
}

const identities = new WeakMap<WeightSnapshot, number>();
let nextIdentity = 0;

/** A number per weights object: a new retrain's weights rebuild the model. */
function identity(weights: WeightSnapshot): number {
  if (!identities.has(weights)) identities.set(weights, ++nextIdentity);
  return identities.get(weights)!;
}

function fileSuffix(format: ModelFileFormat): string {
  return format === 'keras' ? '.keras' : '-tfjs.zip';
}
