import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { browserMnistSource, type FetchLike } from '../../../src/data/browserSource.ts';
import { MnistDataError } from '../../../src/data/idx.ts';
import type { MnistManifest } from '../../../src/data/mnistFiles.ts';
import { makeIdx } from './idxFixtures.ts';

const BASE = 'https://rung.test/app/';
const labels = makeIdx([6], [5, 0, 4, 1, 9, 2]);
const images = makeIdx([2, 28, 28], Array.from({ length: 2 * 784 }, (_, i) => i % 256), 0x0803);
const files: Record<string, Uint8Array> = { 'labels-file': labels, 'images-file': images };

const manifestFor = (overrides: Partial<MnistManifest['files'][number]> = {}): MnistManifest => ({
  version: 1,
  files: Object.entries(files).map(([name, bytes]) => ({
    name,
    byteLength: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    gzipByteLength: gzipSync(bytes).byteLength,
    ...(name === 'labels-file' ? overrides : {}),
  })),
});

/** A fake server: `routes` maps URL to a Response factory; every requested URL is logged. */
function fakeFetch(routes: Record<string, () => Response>): FetchLike & { urls: string[] } {
  const urls: string[] = [];
  const fn = async (url: string): Promise<Response> => {
    urls.push(url);
    return routes[url]?.() ?? new Response('not found', { status: 404 });
  };
  return Object.assign(fn, { urls });
}

const json = (value: unknown) => () => new Response(JSON.stringify(value));
const bytesOf = (bytes: Uint8Array) => () => new Response(bytes.slice());
const gzRoutes = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [`${BASE}mnist/${name}.gz`, bytesOf(gzipSync(bytes))]));

async function failure(promise: Promise<unknown>): Promise<MnistDataError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MnistDataError);
  return error as MnistDataError;
}

describe('browserMnistSource', () => {
  it('fetches the manifest once, gunzips and returns the exact bytes', async () => {
    const fetchFn = fakeFetch({ [`${BASE}mnist/manifest.json`]: json(manifestFor()), ...gzRoutes });
    const read = browserMnistSource(BASE, fetchFn);
    expect(await read('labels-file')).toEqual(labels);
    expect(await read('images-file')).toEqual(images);
    expect(fetchFn.urls).toEqual([`${BASE}mnist/manifest.json`, `${BASE}mnist/labels-file.gz`, `${BASE}mnist/images-file.gz`]);
  });

  it('accepts bytes a server already gunzipped via Content-Encoding, still checking the checksum', async () => {
    const fetchFn = fakeFetch({ [`${BASE}mnist/manifest.json`]: json(manifestFor()), [`${BASE}mnist/labels-file.gz`]: bytesOf(labels) });
    expect(await browserMnistSource(BASE, fetchFn)('labels-file')).toEqual(labels);
  });

  it('reports a checksum mismatch', async () => {
    const fetchFn = fakeFetch({ [`${BASE}mnist/manifest.json`]: json(manifestFor({ sha256: 'ab'.repeat(32) })), ...gzRoutes });
    const error = await failure(browserMnistSource(BASE, fetchFn)('labels-file'));
    expect(error.fileName).toBe('labels-file');
    expect(error.message).toMatch(/^labels-file: checksum mismatch: manifest sha256 (ab){32}, got [0-9a-f]{64}$/);
  });

  it('reports a size mismatch', async () => {
    const fetchFn = fakeFetch({ [`${BASE}mnist/manifest.json`]: json(manifestFor({ byteLength: 99 })), ...gzRoutes });
    const error = await failure(browserMnistSource(BASE, fetchFn)('labels-file'));
    expect(error.message).toBe(`labels-file: size mismatch: manifest says 99 bytes, got ${labels.byteLength}`);
  });

  it('reports HTTP errors for the data file and for the manifest', async () => {
    const missingGz = fakeFetch({ [`${BASE}mnist/manifest.json`]: json(manifestFor()) });
    const error = await failure(browserMnistSource(BASE, missingGz)('labels-file'));
    expect(error.fileName).toBe('labels-file');
    expect(error.message).toBe(`labels-file: HTTP 404 fetching ${BASE}mnist/labels-file.gz`);

    const brokenManifest = fakeFetch({ [`${BASE}mnist/manifest.json`]: () => new Response('', { status: 500 }) });
    const manifestError = await failure(browserMnistSource(BASE, brokenManifest)('labels-file'));
    expect(manifestError.fileName).toBe('manifest.json');
    expect(manifestError.message).toBe(`manifest.json: HTTP 500 fetching ${BASE}mnist/manifest.json`);
  });

  it('retries the manifest after a failed attempt', async () => {
    let calls = 0;
    const fetchFn = fakeFetch({
      [`${BASE}mnist/manifest.json`]: () => (++calls === 1 ? new Response('', { status: 503 }) : json(manifestFor())()),
      ...gzRoutes,
    });
    const read = browserMnistSource(BASE, fetchFn);
    await failure(read('labels-file'));
    expect(await read('labels-file')).toEqual(labels);
  });

  it('reports network errors, unlisted files, invalid manifests and corrupt gzip', async () => {
    const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    expect((await failure(browserMnistSource(BASE, offline)('labels-file'))).message).toBe(
      `manifest.json: network error fetching ${BASE}mnist/manifest.json: TypeError: Failed to fetch`,
    );

    const ok = fakeFetch({ [`${BASE}mnist/manifest.json`]: json(manifestFor()), ...gzRoutes });
    expect((await failure(browserMnistSource(BASE, ok)('other-file'))).message).toBe(
      `other-file: not listed in ${BASE}mnist/manifest.json`,
    );

    const badVersion = fakeFetch({ [`${BASE}mnist/manifest.json`]: json({ ...manifestFor(), version: 2 }) });
    expect((await failure(browserMnistSource(BASE, badVersion)('labels-file'))).message).toBe(
      'manifest.json: invalid manifest: mnist manifest: unsupported version 2',
    );

    const gz = gzipSync(labels);
    gz.writeUInt8(gz.readUInt8(gz.length - 5) ^ 0xff, gz.length - 5); // corrupt the CRC32 trailer
    const corrupt = fakeFetch({ [`${BASE}mnist/manifest.json`]: json(manifestFor()), [`${BASE}mnist/labels-file.gz`]: bytesOf(gz) });
    expect((await failure(browserMnistSource(BASE, corrupt)('labels-file'))).message).toMatch(
      /^labels-file: gzip decompression failed: /,
    );
  });
});
