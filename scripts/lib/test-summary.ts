/** The parts of jest's --json output the runner reads. */
export interface JestResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  testResults: { name: string; status: string; message: string; assertionResults: { status: string }[] }[];
}

export interface TestSummary {
  passed: number;
  /** Failed tests, plus one per suite that failed outside its tests, plus one for a breached floor. */
  failed: number;
  /** Printed before the last line: broken suites, then one line with the skipped, todo and run counts and the floor. */
  details: string[];
}

/**
 * Counts a run so that it cannot pass by accident: a suite that failed to load, or whose hooks threw after
 * its tests passed, counts as a failure, and a full run with fewer tests than the recorded floor fails.
 * `floor` is undefined for a partial run (jest arguments given), which no floor applies to.
 */
export function summariseTests(results: JestResults | undefined, floor: number | undefined): TestSummary {
  if (!results) return { passed: 0, failed: 1, details: ['no jest results: the run did not complete'] };
  const brokenSuites = results.testResults.filter(
    (suite) => suite.status === 'failed' && !suite.assertionResults.some((test) => test.status === 'failed'),
  );
  const ran = results.numTotalTests - results.numPendingTests - results.numTodoTests;
  const belowFloor = floor !== undefined && ran < floor;
  const counts = `skipped: ${results.numPendingTests}, todo: ${results.numTodoTests}, run: ${ran}`;
  const floorNote =
    floor === undefined
      ? 'no floor (a partial run)'
      : belowFloor
        ? `below the floor of ${floor} (counted as a failure)`
        : `floor: ${floor}`;
  const details = [
    ...brokenSuites.map((suite) => `suite failed outside its tests (counted as a failure): ${suite.name}`),
    `${counts}; ${floorNote}`,
  ];
  return {
    passed: results.numPassedTests,
    failed: results.numFailedTests + brokenSuites.length + (belowFloor ? 1 : 0),
    details,
  };
}
