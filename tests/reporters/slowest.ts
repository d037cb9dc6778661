export interface TimedTest {
  /** File and full test title, as a reader would look it up. */
  name: string;
  durationMs: number;
}

export const SLOWEST_COUNT = 10;

/** The report printed at the end of a run: a heading, then the slowest tests, slowest first. */
export function formatSlowest(runner: string, tests: readonly TimedTest[], count = SLOWEST_COUNT): string[] {
  if (tests.length === 0) return [];
  const slowest = [...tests].sort((a, b) => b.durationMs - a.durationMs).slice(0, count);
  const width = Math.max(...slowest.map(({ durationMs }) => formatSeconds(durationMs).length));
  return [
    `Slowest ${slowest.length} ${runner} tests:`,
    ...slowest.map(({ name, durationMs }) => `  ${formatSeconds(durationMs).padStart(width)}  ${name}`),
  ];
}

function formatSeconds(durationMs: number): string {
  return `${(durationMs / 1000).toFixed(2)} s`;
}
