import type { Reporter, TestModule } from 'vitest/node';
import { formatSlowest, type TimedTest } from './slowest.ts';

/** Vitest reporter (used next to the default one): prints the slowest ten tests at the end of a run. */
export default class SlowestTestsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const tests: TimedTest[] = [];
    for (const testModule of testModules) {
      for (const testCase of testModule.children.allTests()) {
        const diagnostic = testCase.diagnostic();
        if (diagnostic) tests.push({ name: `${testModule.relativeModuleId} > ${testCase.fullName}`, durationMs: diagnostic.duration });
      }
    }
    const lines = formatSlowest('unit', tests);
    if (lines.length > 0) console.log(`\n${lines.join('\n')}`);
  }
}
