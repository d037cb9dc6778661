import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { MNIST_FILE_LIST } from '../data/mnistFiles.ts';
import { generateMnistAssets, type MnistAssetOptions, type MnistAssets } from './mnistAssets.ts';

export { generateMnistAssets, MNIST_TRAIN_IMAGES_MD5, type MnistAssetOptions, type MnistAssets } from './mnistAssets.ts';

const ASSET_DIR = 'mnist';
const ASSET_NAMES: ReadonlySet<string> = new Set(['manifest.json', ...MNIST_FILE_LIST.map(({ name }) => `${name}.gz`)]);

/** Returns the bytes of an asset under mnist/ ('manifest.json' or '<idx name>.gz'), or undefined if absent. */
export type ReadMnistAsset = (assetName: string) => Promise<Uint8Array | undefined>;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Serves `<base>mnist/*` as plain bytes. The .gz files must NOT carry `Content-Encoding: gzip`:
 * the page gunzips them itself and checks the SHA-256 of the result against the manifest.
 */
export function createMnistAssetMiddleware(base: string, readAsset: ReadMnistAsset): Middleware {
  const prefix = `${new URL(base, 'http://localhost/').pathname.replace(/\/?$/, '/')}${ASSET_DIR}/`;
  return (req, res, next) => {
    const pathname = (req.url ?? '').split('?')[0] ?? '';
    const assetName = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : '';
    if (!ASSET_NAMES.has(assetName) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    readAsset(assetName).then((bytes) => {
      if (!bytes) return next();
      res.statusCode = 200;
      res.setHeader('Content-Type', assetName.endsWith('.json') ? 'application/json' : 'application/octet-stream');
      res.setHeader('Content-Length', String(bytes.byteLength));
      res.setHeader('Cache-Control', 'no-cache');
      res.end(req.method === 'HEAD' ? undefined : bytes);
    }, next);
  };
}

async function readOptional(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/** Emits dist/mnist/{manifest.json,<idx>.gz}; serves the same paths in `vite` dev and `vite preview`. */
export function mnistAssetsPlugin(options: MnistAssetOptions = {}): Plugin {
  let assets: Promise<MnistAssets> | undefined;
  let root = process.cwd();
  const getAssets = (): Promise<MnistAssets> =>
    (assets ??= generateMnistAssets({ cacheDir: join(root, 'node_modules', '.cache', 'rung-mnist'), ...options }));

  return {
    name: 'rung-mnist-assets',

    configResolved(config) {
      root = config.root;
    },

    buildStart() {
      // Start gzipping while the bundle is built; generateBundle awaits it and fails the build on error.
      if (this.environment.mode === 'build' && this.environment.config.consumer === 'client') {
        getAssets().catch(() => undefined);
      }
    },

    async generateBundle() {
      if (this.environment.config.consumer !== 'client') return;
      for (const [assetName, source] of (await getAssets()).files) {
        this.emitFile({ type: 'asset', fileName: `${ASSET_DIR}/${assetName}`, source });
      }
    },

    configureServer(server) {
      getAssets().catch((error: unknown) => server.config.logger.error(String(error)));
      server.middlewares.use(
        createMnistAssetMiddleware(server.config.base, async (assetName) => (await getAssets()).files.get(assetName)),
      );
    },

    configurePreviewServer(server) {
      // vite preview's static server (sirv) labels any *.gz with `Content-Encoding: gzip`, which would
      // make the browser gunzip before the page does; this middleware runs first and serves raw bytes.
      const outDir = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use(
        createMnistAssetMiddleware(server.config.base, (assetName) => readOptional(join(outDir, ASSET_DIR, assetName))),
      );
    },
  };
}
