import type { IdxExpectation } from './mnistFiles.ts';

/** Any problem with an MNIST file's bytes or its delivery; `fileName` names the file at fault. */
export class MnistDataError extends Error {
  override name = 'MnistDataError';
  readonly fileName: string;

  constructor(fileName: string, problem: string, options?: ErrorOptions) {
    super(`${fileName}: ${problem}`, options);
    this.fileName = fileName;
  }
}

export interface IdxArray {
  dims: number[];
  /** A view into the input bytes (no copy): product(dims) unsigned bytes, row-major. */
  data: Uint8Array;
}

const hex32 = (value: number): string => `0x${value.toString(16).padStart(8, '0')}`;

/** Parses an unsigned-byte IDX file and insists it is exactly the expected shape, with no trailing bytes. */
export function parseIdx(bytes: Uint8Array, fileName: string, expected: IdxExpectation): IdxArray {
  const fail = (problem: string): never => {
    throw new MnistDataError(fileName, problem);
  };
  if (bytes.byteLength < 4) fail(`too short for an IDX header: need at least 4 bytes, got ${bytes.byteLength}`);

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expected.magic) fail(`bad magic: expected ${hex32(expected.magic)}, got ${hex32(magic)}`);

  const dimCount = magic & 0xff;
  if (dimCount !== expected.dims.length) {
    fail(`declares ${dimCount} dimensions, expected ${expected.dims.length}`);
  }
  const headerByteLength = 4 + 4 * dimCount;
  if (bytes.byteLength < headerByteLength) {
    fail(`truncated header: ${dimCount} dimensions need ${headerByteLength} bytes, got ${bytes.byteLength}`);
  }

  const dims: number[] = [];
  for (let i = 0; i < dimCount; i++) {
    const dim = view.getUint32(4 + 4 * i, false);
    if (dim !== expected.dims[i]) fail(`dimension ${i} is ${dim}, expected ${expected.dims[i]}`);
    dims.push(dim);
  }

  const dataByteLength = dims.reduce((product, dim) => product * dim, 1);
  const totalByteLength = headerByteLength + dataByteLength;
  if (bytes.byteLength < totalByteLength) {
    fail(`truncated: expected ${totalByteLength} bytes, got ${bytes.byteLength}`);
  }
  if (bytes.byteLength > totalByteLength) {
    fail(`trailing bytes: expected ${totalByteLength} bytes, got ${bytes.byteLength}`);
  }
  return { dims, data: bytes.subarray(headerByteLength, totalByteLength) };
}
