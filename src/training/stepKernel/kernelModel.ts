import type { MnistSplit } from '../../data/mnist.ts';
import { MNIST_INPUT_SIZE } from '../../engine/mlpSpace.ts';
import type { SplitScores } from '../fused/evaluateFused.ts';
import type { FusedTrialSpec } from '../fused/fusedLayout.ts';
import { nextCorrection } from '../fused/onePassChains.ts';
import type { GroupStepSums, StepInput, TrialGroupFactory, TrialGroupModel } from '../fused/trialGroupModel.ts';
import { EVALUATION_ROWS, KernelPlan } from './kernelPlan.ts';
import { instantiateStepKernel, type StepKernelExports } from './stepKernelModule.ts';

interface Powers {
  beta1Power: number;
  beta2Power: number;
}

/** A block per trial: parameters, first and second moments, each unpadded (keepOnly's hand-over). */
interface TrialState {
  parameters: Float32Array;
  first: Float32Array;
  second: Float32Array;
}

/**
 * K trials in one WebAssembly SIMD kernel memory (assembly/index.ts): each step, JavaScript gathers
 * the rows, labels and dropout masks straight into that memory, then the kernel runs forward,
 * softmax cross-entropy, backward and Adam for each trial. Its own memory per group; the compiled
 * module is shared by the groups of a worker.
 */
export class KernelModel implements TrialGroupModel {
  readonly path = 'kernel';
  private readonly floats: Float32Array;
  private readonly words: Int32Array;
  private disposed = false;

  private constructor(
    private readonly kernel: StepKernelExports,
    private readonly plan: KernelPlan,
    private powers: Powers,
  ) {
    this.floats = new Float32Array(kernel.memory.buffer);
    this.words = new Int32Array(kernel.memory.buffer);
    plan.writeDescriptors(this.words, this.floats);
  }

  /** A group from unpadded weights (moments too, when a group hands its trials over); fresh Adam otherwise. */
  static async create(specs: readonly FusedTrialSpec[], initial: readonly (Float32Array | TrialState)[], batchSize: number, powers: Powers = { beta1Power: 1, beta2Power: 1 }): Promise<KernelModel> {
    const layout = new KernelPlan(specs, batchSize, 0);
    const { kernel, base } = await instantiateStepKernel(layout.bytes);
    const model = new KernelModel(kernel, new KernelPlan(specs, batchSize, base), powers);
    initial.forEach((state, k) => {
      const full = state instanceof Float32Array ? { parameters: state, first: null, second: null } : state;
      model.pack(k, 'parameters', full.parameters);
      if (full.first) model.pack(k, 'firstMoment', full.first);
      if (full.second) model.pack(k, 'secondMoment', full.second);
    });
    return model;
  }

  get trials(): readonly FusedTrialSpec[] {
    return this.plan.specs;
  }

  private pack(k: number, block: 'parameters' | 'firstMoment' | 'secondMoment', snapshot: Float32Array): void {
    const at = this.plan.trials[k]![block] / 4;
    this.plan.forEachEntry(k, (b, s) => (this.floats[at + b] = snapshot[s]!));
  }

  private unpack(k: number, block: 'parameters' | 'firstMoment' | 'secondMoment', size: number): Float32Array {
    const at = this.plan.trials[k]![block] / 4;
    const snapshot = new Float32Array(size);
    this.plan.forEachEntry(k, (b, s) => (snapshot[s] = this.floats[at + b]!));
    return snapshot;
  }

  /** Points trial k's descriptor at `rows` rows of images and labels starting at row `firstRow` of the step's buffers. */
  private aim(k: number, rows: number, firstRow: number): number {
    const d = this.plan.trials[k]!.descriptor / 4;
    this.words[d + 1] = rows;
    this.words[d + 2] = this.plan.images + firstRow * MNIST_INPUT_SIZE * 4;
    this.words[d + 3] = this.plan.labels + firstRow * 4;
    return d;
  }

  private gather(split: MnistSplit, indices: ArrayLike<number>, firstRow: number): void {
    const images = this.plan.images / 4 + firstRow * MNIST_INPUT_SIZE;
    const labels = this.plan.labels / 4 + firstRow;
    for (let i = 0; i < indices.length; i++) {
      const row = indices[i]!;
      this.floats.set(split.images.subarray(row * MNIST_INPUT_SIZE, (row + 1) * MNIST_INPUT_SIZE), images + i * MNIST_INPUT_SIZE);
      this.words[labels + i] = split.labels[row]!;
    }
  }

  trainStep({ streams, split, batch, batchSize }: StepInput): GroupStepSums {
    if (this.disposed) throw new Error('the kernel model was disposed');
    const K = this.plan.specs.length;
    if (streams.length !== K) throw new Error(`a step needs ${K} streams, got ${streams.length}`);
    const perTrial = streams.map((s) => s.batchIndices(batch, batchSize));
    const rows = perTrial[0]!.length;
    if (rows > this.plan.batchRows || perTrial.some((ids) => ids.length !== rows)) throw new Error(`a step has ${rows} rows per trial, this group holds at most ${this.plan.batchRows}`);
    // Everything that can throw happens before the kernel runs: a failed step changes no weight.
    perTrial.forEach((ids, k) => this.gather(split, ids, k * rows));
    // The kernel draws each trial's dropout masks from its stream, as TrialStream.dropoutMask would.
    const maskStates = streams.map((stream, k) => stream.takeMaskDraws(rows * this.plan.hiddenUnits[k]!));
    const { beta1Power, beta2Power, correction } = nextCorrection(this.powers.beta1Power, this.powers.beta2Power);
    const lossSum = new Float32Array(K);
    const correct = new Float32Array(K);
    for (let k = 0; k < K; k++) {
      const d = this.aim(k, rows, k * rows);
      this.kernel.trainTrial(d * 4, correction.oneMinusBeta1Power, correction.oneMinusBeta2Power, maskStates[k]!);
      lossSum[k] = this.floats[d + 5]!;
      correct[k] = this.floats[d + 6]!;
    }
    this.powers = { beta1Power, beta2Power };
    return { lossSum, correct };
  }

  async evaluate(split: MnistSplit): Promise<SplitScores> {
    const K = this.plan.specs.length;
    const loss = new Float64Array(K);
    const hits = new Float64Array(K);
    for (let start = 0; start < split.count; start += EVALUATION_ROWS) {
      const rows = Math.min(EVALUATION_ROWS, split.count - start);
      this.gather(split, Array.from({ length: rows }, (_, i) => start + i), 0);
      for (let k = 0; k < K; k++) {
        const d = this.aim(k, rows, 0);
        this.kernel.evaluateTrial(d * 4);
        loss[k]! += this.floats[d + 5]!;
        hits[k]! += this.floats[d + 6]!;
      }
    }
    return { loss: Array.from(loss, (x) => x / split.count), accuracy: Array.from(hits, (x) => x / split.count) };
  }

  async trialWeights(trialIndices: readonly number[], sizes: readonly number[]): Promise<Float32Array[]> {
    return trialIndices.map((k, i) => this.unpack(k, 'parameters', sizes[i]!));
  }

  /** The Adam moments of trial k, unpadded like its weights (tests compare them with the tfjs path's). */
  trialMoments(k: number, size: number): { first: Float32Array; second: Float32Array } {
    return { first: this.unpack(k, 'firstMoment', size), second: this.unpack(k, 'secondMoment', size) };
  }

  /** The padded parameter block of trial k, padding included (tests check that padding stays zero). */
  paddedParameters(k: number): Float32Array {
    const t = this.plan.trials[k]!;
    return this.floats.slice(t.parameters / 4, t.parameters / 4 + t.blockFloats);
  }

  keepOnly(trialIndices: readonly number[], sizes: readonly number[]): Promise<KernelModel> {
    const states = trialIndices.map((k, i) => ({ parameters: this.unpack(k, 'parameters', sizes[i]!), ...this.trialMoments(k, sizes[i]!) }));
    return KernelModel.create(trialIndices.map((k) => this.plan.specs[k]!), states, this.plan.batchRows, this.powers);
  }

  dispose(): void {
    this.disposed = true;
  }
}

/** Groups on the kernel path. */
export const kernelGroupFactory: TrialGroupFactory = (specs, initialWeights, batchSize) => KernelModel.create(specs, initialWeights, batchSize);
