import { describe, expect, it } from 'vitest';
import { MnistDataError, parseIdx } from '../../../src/data/idx.ts';
import { IDX_UBYTE_IMAGES_MAGIC, IDX_UBYTE_LABELS_MAGIC } from '../../../src/data/mnistFiles.ts';
import { makeIdx } from './idxFixtures.ts';

const images = { magic: IDX_UBYTE_IMAGES_MAGIC, dims: [2, 3, 4] };
const pixels = Array.from({ length: 24 }, (_, i) => i * 10);

function parseError(bytes: Uint8Array, expected = images): MnistDataError {
  try {
    parseIdx(bytes, 'some-file', expected);
  } catch (error) {
    expect(error).toBeInstanceOf(MnistDataError);
    expect(error).toBeInstanceOf(Error);
    expect((error as MnistDataError).fileName).toBe('some-file');
    return error as MnistDataError;
  }
  throw new Error('parseIdx did not throw');
}

describe('parseIdx', () => {
  it('returns the dims and a view of the data without copying', () => {
    const bytes = makeIdx([2, 3, 4], pixels);
    const { dims, data } = parseIdx(bytes, 'some-file', images);
    expect(dims).toEqual([2, 3, 4]);
    expect(Array.from(data)).toEqual(pixels);
    expect(data.buffer).toBe(bytes.buffer);
    expect(data.byteOffset).toBe(16);
  });

  it('honours the byteOffset of a subarray input', () => {
    const padded = new Uint8Array(100);
    const labels = makeIdx([3], [7, 8, 9]);
    padded.set(labels, 50);
    const { data } = parseIdx(padded.subarray(50, 50 + labels.length), 'labels', { magic: IDX_UBYTE_LABELS_MAGIC, dims: [3] });
    expect(Array.from(data)).toEqual([7, 8, 9]);
  });

  it('rejects input shorter than the 4-byte magic', () => {
    expect(parseError(new Uint8Array([0, 0, 8])).message).toBe(
      'some-file: too short for an IDX header: need at least 4 bytes, got 3',
    );
  });

  it('rejects a bad magic number', () => {
    const labelsFile = makeIdx([24], pixels);
    expect(parseError(labelsFile).message).toBe('some-file: bad magic: expected 0x00000803, got 0x00000801');
    const float32 = makeIdx([2, 3, 4], pixels, 0x0d03);
    expect(parseError(float32).message).toBe('some-file: bad magic: expected 0x00000803, got 0x00000d03');
  });

  it('rejects an expectation whose dims count disagrees with the magic', () => {
    const bytes = makeIdx([2, 3, 4], pixels);
    expect(parseError(bytes, { magic: IDX_UBYTE_IMAGES_MAGIC, dims: [2, 12] }).message).toBe(
      'some-file: declares 3 dimensions, expected 2',
    );
  });

  it('rejects a header cut off inside the dims', () => {
    const bytes = makeIdx([2, 3, 4], pixels).subarray(0, 10);
    expect(parseError(bytes).message).toBe('some-file: truncated header: 3 dimensions need 16 bytes, got 10');
  });

  it('rejects wrong dims, naming the dimension', () => {
    expect(parseError(makeIdx([3, 2, 4], pixels)).message).toBe('some-file: dimension 0 is 3, expected 2');
    expect(parseError(makeIdx([2, 3, 5], [...pixels, 0, 0])).message).toBe('some-file: dimension 2 is 5, expected 4');
  });

  it('rejects truncated data', () => {
    const bytes = makeIdx([2, 3, 4], pixels).subarray(0, 39);
    expect(parseError(bytes).message).toBe('some-file: truncated: expected 40 bytes, got 39');
  });

  it('rejects trailing bytes', () => {
    expect(parseError(makeIdx([2, 3, 4], [...pixels, 1])).message).toBe(
      'some-file: trailing bytes: expected 40 bytes, got 41',
    );
  });

  it('reports a truncated real-size train-images file the way the docs say', () => {
    const head = makeIdx([60000, 28, 28], []);
    const bytes = new Uint8Array(1000);
    bytes.set(head);
    const error = (() => {
      try {
        parseIdx(bytes, 'train-images-idx3-ubyte', { magic: IDX_UBYTE_IMAGES_MAGIC, dims: [60000, 28, 28] });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe('train-images-idx3-ubyte: truncated: expected 47040016 bytes, got 1000');
  });
});
