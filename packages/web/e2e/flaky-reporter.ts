import { relative } from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';

/**
 * Names each browser test that failed and then passed on its retry (CI retries a failed browser
 * test once), with the failed attempt's first error, so a flaky test shows in the log (and in the
 * summary of `npm test`) instead of being hidden by the retry.
 */
export default class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    if (!testCase.diagnostic()?.flaky) return;
    const file = relative(process.cwd(), testCase.module.moduleId);
    const error = testCase.result().errors?.[0]?.message.split('\n')[0] ?? '';
    this.flaky.push(`${file} > ${testCase.fullName}: ${error}`);
  }

  onTestRunEnd(): void {
    for (const line of this.flaky) process.stdout.write(`FLAKY (passed on its retry): ${line}\n`);
  }
}
