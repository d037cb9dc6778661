import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { formatSlowest, type TimedTest } from './slowest.ts';

/** Playwright reporter (used next to `list`): prints the slowest ten tests at the end of a run. */
export default class SlowestTestsReporter implements Reporter {
  private readonly tests: TimedTest[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'skipped') return;
    this.tests.push({ name: `${test.location.file.split(/[\\/]tests[\\/]e2e[\\/]/).pop()} > ${test.titlePath().slice(3).join(' > ')}`, durationMs: result.duration });
  }

  onEnd(): void {
    const lines = formatSlowest('browser', this.tests);
    if (lines.length > 0) console.log(`\n${lines.join('\n')}`);
  }
}
