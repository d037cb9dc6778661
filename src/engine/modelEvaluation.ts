import { MNIST_CLASSES } from './mlpSpace.ts';

/** A test digit the model got wrong: its 28×28 grey levels (0..255, row-major), the truth and the guess. */
export interface Misclassified {
  /** Position in the test split. */
  index: number;
  label: number;
  predicted: number;
  /** The probability the model gave its (wrong) guess. */
  confidence: number;
  pixels: Uint8Array;
}

/** Where a model fails on the test split: counts by (true, predicted), and every digit it got wrong. */
export interface ModelEvaluation {
  /** What was evaluated, in words: "Retrained best model" or "Trial 0007 (epoch 3)". */
  modelName: string;
  testImages: number;
  correct: number;
  /** matrix[true][predicted]: how many test digits of that label the model gave that class. */
  matrix: number[][];
  /** Most confident mistakes first. */
  misclassified: Misclassified[];
}

/** A cell of the confusion matrix; null stands for no filter. */
export interface ConfusionCell {
  label: number;
  predicted: number;
}

/** matrix[true][predicted] counts over the split. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>): number[][] {
  if (labels.length !== predicted.length) throw new Error(`${labels.length} labels but ${predicted.length} predictions`);
  const matrix = Array.from({ length: MNIST_CLASSES }, () => new Array<number>(MNIST_CLASSES).fill(0));
  for (let i = 0; i < labels.length; i++) matrix[labels[i]!]![predicted[i]!]! += 1;
  return matrix;
}

export function diagonalSum(matrix: readonly (readonly number[])[]): number {
  return matrix.reduce((sum, row, i) => sum + row[i]!, 0);
}

/**
 * The arg-max class and its probability for each image, from softmax outputs laid out [images, 10].
 * A tie goes to the lower class, as numpy's and tfjs's argmax do.
 */
export function predictedClasses(probabilities: ArrayLike<number>): { predicted: Uint8Array; confidence: Float32Array } {
  const count = probabilities.length / MNIST_CLASSES;
  const predicted = new Uint8Array(count);
  const confidence = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let c = 1; c < MNIST_CLASSES; c++) if (probabilities[i * MNIST_CLASSES + c]! > probabilities[i * MNIST_CLASSES + best]!) best = c;
    predicted[i] = best;
    confidence[i] = probabilities[i * MNIST_CLASSES + best]!;
  }
  return { predicted, confidence };
}

/** The split's wrong answers, most confident first; `pixelsOf` gives an image's grey levels. */
export function misclassifiedDigits(labels: ArrayLike<number>, predicted: ArrayLike<number>, confidence: ArrayLike<number>, pixelsOf: (index: number) => Uint8Array): Misclassified[] {
  const wrong: Misclassified[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== predicted[i]) wrong.push({ index: i, label: labels[i]!, predicted: predicted[i]!, confidence: confidence[i]!, pixels: pixelsOf(i) });
  }
  return wrong.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
}

/** The mistakes in one cell of the matrix, or all of them without a cell. */
export function mistakesInCell(misclassified: readonly Misclassified[], cell: ConfusionCell | null): Misclassified[] {
  return cell ? misclassified.filter((m) => m.label === cell.label && m.predicted === cell.predicted) : [...misclassified];
}
