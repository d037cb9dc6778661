import { spawnOwned, type OwnedProcess } from './ownedProcess.ts';

export interface PreviewServer {
  base: string;
  stop(): void;
}

async function waitForServer(url: string, server: OwnedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`vite preview exited with ${server.child.exitCode} before serving ${url}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Serves the built app (dist/) with `vite preview` on `port`. The server (npx and the vite it starts)
 * is stopped by `stop()`, and also when this process exits, throws or is interrupted (spawnOwned).
 */
export async function startPreviewServer(port: number, timeoutMs = 30_000): Promise<PreviewServer> {
  const server = spawnOwned('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1']);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(base, server, timeoutMs);
  } catch (error) {
    server.stop();
    throw error;
  }
  return { base, stop: () => server.stop() };
}
