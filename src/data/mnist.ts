import { MnistDataError, parseIdx } from './idx.ts';
import { MNIST_FILES, MNIST_IMAGE_SIZE, MNIST_NUM_CLASSES, type MnistFileSpec } from './mnistFiles.ts';

/** Resolves to the complete, decompressed IDX bytes of the named MNIST file. */
export type ReadMnistFile = (fileName: string) => Promise<Uint8Array>;

export interface MnistSplit {
  /** count * 784 pixels, row-major 28x28 per image, scaled to [0, 1]. */
  images: Float32Array;
  /** count labels in 0..9. */
  labels: Uint8Array;
  count: number;
}

export interface MnistLimits {
  trainLimit?: number;
  valLimit?: number;
  testLimit?: number;
}

/** The search settings' limits (null: the whole split) as the loader takes them. */
export function mnistLimits(settings: { trainLimit: number | null; valLimit: number | null; testLimit: number | null }): MnistLimits {
  return { trainLimit: settings.trainLimit ?? undefined, valLimit: settings.valLimit ?? undefined, testLimit: settings.testLimit ?? undefined };
}

export interface MnistDataset {
  train: MnistSplit;
  validation: MnistSplit;
  test: MnistSplit;
  imageSize: 784;
  numClasses: 10;
}

/** Keras `validation_split=0.2` on the 60,000 training images: the last 12,000, unshuffled, validate. */
export const MNIST_TRAIN_COUNT = 48_000;
export const MNIST_VALIDATION_COUNT = 12_000;
export const MNIST_TEST_COUNT = 10_000;

function checkLimit(field: keyof MnistLimits, value: number | undefined, max: number): number {
  if (value === undefined) return max;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${field} must be an integer from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

async function readIdx(read: ReadMnistFile, spec: MnistFileSpec): Promise<Uint8Array> {
  return parseIdx(await read(spec.name), spec.name, spec).data;
}

function checkLabels(labels: Uint8Array, fileName: string): void {
  const index = labels.findIndex((label) => label >= MNIST_NUM_CLASSES);
  if (index !== -1) {
    throw new MnistDataError(fileName, `label at index ${index} is ${labels[index]}, expected 0..9`);
  }
}

/** Copies images [start, start + count) to float32 so the raw file buffers can be released. */
function makeSplit(pixels: Uint8Array, labels: Uint8Array, start: number, count: number): MnistSplit {
  const source = pixels.subarray(start * MNIST_IMAGE_SIZE, (start + count) * MNIST_IMAGE_SIZE);
  const images = new Float32Array(source.length);
  for (let i = 0; i < source.length; i++) images[i] = source[i]! / 255;
  return { images, labels: labels.slice(start, start + count), count };
}

export async function loadMnist(read: ReadMnistFile, limits: MnistLimits = {}): Promise<MnistDataset> {
  const trainCount = checkLimit('trainLimit', limits.trainLimit, MNIST_TRAIN_COUNT);
  const validationCount = checkLimit('valLimit', limits.valLimit, MNIST_VALIDATION_COUNT);
  const testCount = checkLimit('testLimit', limits.testLimit, MNIST_TEST_COUNT);

  const [trainPixels, trainLabels, testPixels, testLabels] = await Promise.all([
    readIdx(read, MNIST_FILES.trainImages),
    readIdx(read, MNIST_FILES.trainLabels),
    readIdx(read, MNIST_FILES.testImages),
    readIdx(read, MNIST_FILES.testLabels),
  ]);
  checkLabels(trainLabels, MNIST_FILES.trainLabels.name);
  checkLabels(testLabels, MNIST_FILES.testLabels.name);

  return {
    train: makeSplit(trainPixels, trainLabels, 0, trainCount),
    validation: makeSplit(trainPixels, trainLabels, MNIST_TRAIN_COUNT, validationCount),
    test: makeSplit(testPixels, testLabels, 0, testCount),
    imageSize: MNIST_IMAGE_SIZE,
    numClasses: MNIST_NUM_CLASSES,
  };
}
