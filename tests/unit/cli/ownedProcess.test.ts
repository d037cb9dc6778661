import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const FIXTURE = join(import.meta.dirname, 'ownedProcessFixture.ts');

/** Alive and not a zombie: a container's init may leave an orphan's corpse unreaped. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

const started: number[] = [];

// A failing test must not leave its sleepers behind.
afterEach(() => {
  for (const pid of started.splice(0).filter(isRunning)) process.kill(pid, 'SIGKILL');
});

async function waitUntilGone(pids: number[], timeoutMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && pids.some(isRunning)) await new Promise((resolve) => setTimeout(resolve, 50));
  return pids.filter(isRunning);
}

/** Runs the fixture, hands its children's pids to `poke` once it printed them, and waits for it to exit. */
function runFixture(mode: string, poke: (fixture: ReturnType<typeof spawn>) => void = () => undefined) {
  const pidFile = join(mkdtempSync(join(tmpdir(), 'rung-owned-')), 'grandchild.pid');
  const fixture = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode, pidFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let pids: number[] = [];
  return new Promise<{ pids: number[]; code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    fixture.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!pids.length && stdout.includes('\n')) {
        const printed = JSON.parse(stdout.split('\n')[0]!) as { child: number; grandchild: number };
        pids = [printed.child, printed.grandchild];
        started.push(...pids);
        poke(fixture);
      }
    });
    fixture.on('exit', (code, signal) => resolve({ pids, code, signal }));
  });
}

describe('spawnOwned', () => {
  it('stops the child and what it started when the process dies of an uncaught error', async () => {
    const { pids, code } = await runFixture('throw');
    expect(code).toBe(1);
    expect(pids).toHaveLength(2);
    expect(await waitUntilGone(pids)).toEqual([]);
  });

  it('stops them when an error is caught at the top and the process exits without stopping them', async () => {
    const { pids, code } = await runFixture('fail');
    expect(code).toBe(1);
    expect(pids).toHaveLength(2);
    expect(await waitUntilGone(pids)).toEqual([]);
  });

  it('stops them on Ctrl-C (SIGINT), and the process still ends by that signal', async () => {
    const { pids, signal } = await runFixture('wait', (fixture) => fixture.kill('SIGINT'));
    expect(signal).toBe('SIGINT');
    expect(pids).toHaveLength(2);
    expect(await waitUntilGone(pids)).toEqual([]);
  });

  it('stops them on SIGTERM', async () => {
    const { pids, signal } = await runFixture('wait', (fixture) => fixture.kill('SIGTERM'));
    expect(signal).toBe('SIGTERM');
    expect(await waitUntilGone(pids)).toEqual([]);
  });
});
