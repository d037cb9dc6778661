export const IDX_UBYTE_IMAGES_MAGIC = 0x00000803;
export const IDX_UBYTE_LABELS_MAGIC = 0x00000801;

export const MNIST_IMAGE_SIDE = 28;
export const MNIST_IMAGE_SIZE = 784;
export const MNIST_NUM_CLASSES = 10;
export const MNIST_TRAIN_TOTAL = 60_000;
export const MNIST_TEST_TOTAL = 10_000;

export interface IdxExpectation {
  magic: number;
  dims: number[];
}

export interface MnistFileSpec extends IdxExpectation {
  name: string;
}

export const MNIST_FILES = {
  trainImages: {
    name: 'train-images-idx3-ubyte',
    magic: IDX_UBYTE_IMAGES_MAGIC,
    dims: [MNIST_TRAIN_TOTAL, MNIST_IMAGE_SIDE, MNIST_IMAGE_SIDE],
  },
  trainLabels: { name: 'train-labels-idx1-ubyte', magic: IDX_UBYTE_LABELS_MAGIC, dims: [MNIST_TRAIN_TOTAL] },
  testImages: {
    name: 't10k-images-idx3-ubyte',
    magic: IDX_UBYTE_IMAGES_MAGIC,
    dims: [MNIST_TEST_TOTAL, MNIST_IMAGE_SIDE, MNIST_IMAGE_SIDE],
  },
  testLabels: { name: 't10k-labels-idx1-ubyte', magic: IDX_UBYTE_LABELS_MAGIC, dims: [MNIST_TEST_TOTAL] },
} as const satisfies Record<string, MnistFileSpec>;

export const MNIST_FILE_LIST: readonly MnistFileSpec[] = Object.values(MNIST_FILES);

export interface MnistManifestEntry {
  name: string;
  /** Decompressed IDX size. */
  byteLength: number;
  /** Lowercase hex SHA-256 of the decompressed bytes. */
  sha256: string;
  gzipByteLength: number;
}

export interface MnistManifest {
  version: 1;
  files: MnistManifestEntry[];
}

/** Validates untrusted JSON (e.g. a fetched manifest.json); throws on any shape error. */
export function parseMnistManifest(json: unknown): MnistManifest {
  const fail = (what: string): never => {
    throw new Error(`mnist manifest: ${what}`);
  };
  if (typeof json !== 'object' || json === null) return fail('not an object');
  const { version, files } = json as { version?: unknown; files?: unknown };
  if (version !== 1) fail(`unsupported version ${String(version)}`);
  if (!Array.isArray(files)) return fail('files is not an array');
  const entries = files.map((entry: unknown, index): MnistManifestEntry => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const ok =
      typeof e.name === 'string' &&
      Number.isSafeInteger(e.byteLength) &&
      Number.isSafeInteger(e.gzipByteLength) &&
      typeof e.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(e.sha256);
    if (!ok) fail(`files[${index}] is malformed`);
    return {
      name: e.name as string,
      byteLength: e.byteLength as number,
      sha256: e.sha256 as string,
      gzipByteLength: e.gzipByteLength as number,
    };
  });
  return { version: 1, files: entries };
}
