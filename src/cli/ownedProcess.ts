import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface OwnedProcess {
  readonly child: ChildProcess;
  /** Ends the process and everything it started; safe to call more than once. */
  stop(): void;
}

const owned = new Set<OwnedProcess>();
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let hooksInstalled = false;

function stopAll(): void {
  for (const process of [...owned]) process.stop();
}

/**
 * Once per process: stop every owned child when this process exits normally, on an uncaught error,
 * and on Ctrl-C, SIGTERM or SIGHUP. A signal handler replaces Node's default of dying at once, so
 * after stopping the children it re-sends the signal to itself to exit with the usual status.
 */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', stopAll);
  for (const signal of EXIT_SIGNALS) {
    process.once(signal, () => {
      stopAll();
      process.kill(process.pid, signal);
    });
  }
  process.on('uncaughtException', (error) => {
    stopAll();
    process.stderr.write(`${error.stack ?? String(error)}\n`);
    process.exit(1);
  });
}

/**
 * Spawns a child in its own process group and stops the whole group when asked or when this process
 * ends in any way but SIGKILL: `npx vite preview` is npx starting node starting vite, and killing
 * npx alone left the server listening.
 */
export function spawnOwned(command: string, args: string[], options: Omit<SpawnOptions, 'detached'> = {}): OwnedProcess {
  installExitHooks();
  const child = spawn(command, args, { stdio: 'ignore', ...options, detached: true });
  // Not a reason to stay alive: a forgotten stop() must not hang this process, and exiting stops it.
  child.unref();
  let stopped = false;
  const handle: OwnedProcess = {
    child,
    stop() {
      if (stopped) return;
      stopped = true;
      owned.delete(handle);
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // The group has already gone.
      }
    },
  };
  // Kept until stopped even when the direct child exits: what it started may still be running.
  owned.add(handle);
  return handle;
}
