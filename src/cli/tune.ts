import { dryRunSearch } from '../engine/dryRun.ts';
import { parseTuneArgs, UsageError, type TuneOptions } from './args.ts';

async function main(argv: readonly string[]): Promise<number> {
  let options: TuneOptions;
  try {
    options = parseTuneArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`rung tune: ${error.message}\n`);
    return 2;
  }
  if (options.plan) {
    process.stdout.write(`${JSON.stringify(dryRunSearch(options.settings, options.space), null, 2)}\n`);
    return 0;
  }
  const { runSearchFromCli } = await import('./runSearch.ts');
  return runSearchFromCli(options);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rung tune: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
