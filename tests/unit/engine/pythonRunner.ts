import { spawnSync } from 'node:child_process';

/** Runs Debian's python3 (on every machine Rung is built on); its absence fails the test, naming what to install. */
export function python(args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync('python3', args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.error) throw new Error(`python3 could not be run (${result.error.message}): these tests need Debian's python3 (apt-get install python3)`);
  if (result.status !== 0) throw new Error(`python3 ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}
