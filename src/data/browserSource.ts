import { MnistDataError } from './idx.ts';
import type { ReadMnistFile } from './mnist.ts';
import { parseMnistManifest, type MnistManifest } from './mnistFiles.ts';

export type FetchLike = (url: string) => Promise<Response>;

export const MNIST_MANIFEST_FILE = 'manifest.json';

const toHex = (digest: ArrayBuffer): string =>
  Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');

async function gunzip(gzipped: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function fetchBytes(fetchFn: FetchLike, url: string, fileName: string): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (cause) {
    throw new MnistDataError(fileName, `network error fetching ${url}: ${String(cause)}`, { cause });
  }
  if (!response.ok) throw new MnistDataError(fileName, `HTTP ${response.status} fetching ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Reads `${baseUrl}mnist/<name>.gz` as listed in `${baseUrl}mnist/manifest.json` (fetched once),
 * gunzips it and verifies byteLength and SHA-256 against the manifest. Works in windows, workers and Node.
 */
export function browserMnistSource(baseUrl: string, fetchFn: FetchLike = (url) => fetch(url)): ReadMnistFile {
  let manifest: Promise<MnistManifest> | undefined;
  const loadManifest = async (): Promise<MnistManifest> => {
    const bytes = await fetchBytes(fetchFn, `${baseUrl}mnist/${MNIST_MANIFEST_FILE}`, MNIST_MANIFEST_FILE);
    try {
      return parseMnistManifest(JSON.parse(new TextDecoder().decode(bytes)));
    } catch (cause) {
      throw new MnistDataError(MNIST_MANIFEST_FILE, `invalid manifest: ${(cause as Error).message}`, { cause });
    }
  };

  return async (fileName) => {
    // A failed manifest load is not cached, so a later call retries it.
    manifest ??= loadManifest().catch((error: unknown) => {
      manifest = undefined;
      throw error;
    });
    const entry = (await manifest).files.find((file) => file.name === fileName);
    if (!entry) throw new MnistDataError(fileName, `not listed in ${baseUrl}mnist/${MNIST_MANIFEST_FILE}`);

    const fetched = await fetchBytes(fetchFn, `${baseUrl}mnist/${fileName}.gz`, fileName);
    // A server that labels .gz files `Content-Encoding: gzip` makes fetch gunzip them already;
    // IDX files start with 0x00, gzip with 0x1f 0x8b, so the bytes say which one arrived.
    const isGzip = fetched[0] === 0x1f && fetched[1] === 0x8b;
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = isGzip ? await gunzip(fetched) : fetched;
    } catch (cause) {
      throw new MnistDataError(fileName, `gzip decompression failed: ${String(cause)}`, { cause });
    }

    if (bytes.byteLength !== entry.byteLength) {
      throw new MnistDataError(fileName, `size mismatch: manifest says ${entry.byteLength} bytes, got ${bytes.byteLength}`);
    }
    const sha256 = toHex(await crypto.subtle.digest('SHA-256', bytes));
    if (sha256 !== entry.sha256) {
      throw new MnistDataError(fileName, `checksum mismatch: manifest sha256 ${entry.sha256}, got ${sha256}`);
    }
    return bytes;
  };
}
