import { spawn } from 'node:child_process';
import type { Browser } from 'playwright-core';
import type { BrowserBenchReport } from '../bench/benchPage.ts';
import { startPreviewServer } from './previewServer.ts';

/** Debian's Chromium, as the e2e tests launch it; WebGPU needs the unsafe flag in headless mode. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu'];

function run(command: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** Builds the app (unless asked not to), serves it with `vite preview`, and hands a Chromium to `work`. */
export async function withServedApp<T>(options: { build: boolean; port?: number; log: (line: string) => void }, work: (browser: Browser, base: string) => Promise<T>): Promise<T> {
  if (options.build) {
    options.log('Building the app (vite build)…');
    await run('npx', ['vite', 'build', '--logLevel', 'error'], options.log);
  }
  const server = await startPreviewServer(options.port ?? 4300 + Math.floor(Math.random() * 500));
  try {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      return await work(browser, server.base);
    } finally {
      await browser.close();
    }
  } finally {
    server.stop();
  }
}

/** Runs the benchmark page in headless Chromium. */
export function benchInChromium(options: { backends: string[]; quick: boolean; build: boolean; port?: number; log: (line: string) => void }): Promise<{ report: BrowserBenchReport; chromiumVersion: string }> {
  return withServedApp(options, async (browser, base) => {
    const page = await browser.newPage();
    page.on('console', (message) => options.log(`chromium: ${message.text()}`));
    const query = new URLSearchParams({ backends: options.backends.join(',') });
    if (options.quick) query.set('quick', '1');
    await page.goto(`${base}/src/bench/bench.html?${query}`);
    const handle = await page.waitForFunction(() => (window as unknown as { rungBench?: unknown }).rungBench, null, { timeout: 900_000, polling: 1000 });
    return { report: (await handle.jsonValue()) as BrowserBenchReport, chromiumVersion: browser.version() };
  });
}
