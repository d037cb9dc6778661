import type { MnistSplit } from '../../data/mnist.ts';
import { evaluateFused, type SplitScores } from './evaluateFused.ts';
import { disposeBatch, trainingBatch, type ImageSource } from './fusedBatches.ts';
import type { FusedTrialSpec } from './fusedLayout.ts';
import { FusedModel } from './fusedModel.ts';
import type { FusedStrategy } from './fusedStrategy.ts';
import type { GroupStepSums, StepInput, TrialGroupFactory, TrialGroupModel } from './trialGroupModel.ts';

/** The tfjs path: a FusedModel with its strategy, its batches built as tensors from `source`. */
class TfjsGroupModel implements TrialGroupModel {
  readonly path = 'tfjs';

  constructor(
    readonly model: FusedModel,
    private readonly source: ImageSource,
  ) {}

  get trials(): readonly FusedTrialSpec[] {
    return this.model.layout.trials;
  }

  trainStep({ streams, split, batch, batchSize }: StepInput): GroupStepSums {
    const built = trainingBatch(this.model.layout, streams, split, batch, batchSize, this.source);
    try {
      return this.model.trainStep(built);
    } finally {
      disposeBatch(built);
    }
  }

  evaluate(split: MnistSplit): Promise<SplitScores> {
    return evaluateFused(this.model, split);
  }

  trialWeights(trialIndices: readonly number[], sizes: readonly number[]): Promise<Float32Array[]> {
    return this.model.trialWeights(trialIndices, sizes);
  }

  async keepOnly(trialIndices: readonly number[], sizes: readonly number[]): Promise<TrialGroupModel> {
    return new TfjsGroupModel(await this.model.keepOnly(trialIndices, sizes), this.source);
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Groups on the tfjs path with the given strategy and image source. */
export function tfjsGroupFactory(strategy: FusedStrategy, source: ImageSource): TrialGroupFactory {
  return async (specs, initialWeights) => new TfjsGroupModel(FusedModel.create(specs, initialWeights, strategy), source);
}
