import { existsSync, readFileSync } from 'node:fs';
import { spawnOwned } from '../../../src/cli/ownedProcess.ts';

/**
 * Started by ownedProcess.test.ts: spawns an owned shell that starts a grandchild (as npx starts
 * vite), prints both pids, then ends the way argv[2] says: `throw` (an uncaught error), `fail` (an
 * error caught at the top with exitCode 1, as the CLIs do, and no stop() called) or `wait` (until
 * the test sends a signal).
 */
const [mode, pidFile] = process.argv.slice(2) as [string, string];
const shell = spawnOwned('sh', ['-c', `sleep 600 & echo $! > ${pidFile}; wait`]);
while (!existsSync(pidFile) || !readFileSync(pidFile, 'utf8').trim()) await new Promise((resolve) => setTimeout(resolve, 20));
process.stdout.write(`${JSON.stringify({ child: shell.child.pid, grandchild: Number(readFileSync(pidFile, 'utf8')) })}\n`);
if (mode === 'throw') setTimeout(() => {
  throw new Error('fixture failure');
}, 10);
else if (mode === 'fail') {
  process.stderr.write('fixture: failed\n');
  process.exitCode = 1;
} else setInterval(() => undefined, 1000);
