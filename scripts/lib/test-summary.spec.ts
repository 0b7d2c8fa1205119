import { JestResults, summariseTests } from './test-summary';

const suite = (name: string, status: string, tests: string[], message = ''): JestResults['testResults'][number] => ({
  name,
  status,
  message,
  assertionResults: tests.map((testStatus) => ({ status: testStatus })),
});

const results = (overrides: Partial<JestResults>): JestResults => ({
  numPassedTests: 3,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  numTotalTests: 3,
  testResults: [suite('a.spec.ts', 'passed', ['passed', 'passed', 'passed'])],
  ...overrides,
});

describe('summariseTests', () => {
  it('passes a clean full run at or above the floor', () => {
    expect(summariseTests(results({}), 3)).toEqual({
      passed: 3,
      failed: 0,
      details: ['skipped: 0, todo: 0, run: 3; floor: 3'],
    });
  });

  it('counts a suite that failed to load as a failure', () => {
    const summary = summariseTests(
      results({ testResults: [suite('a.spec.ts', 'passed', ['passed']), suite('b.e2e.ts', 'failed', [], 'boom')] }),
      undefined,
    );
    expect(summary.failed).toBe(1);
    expect(summary.details).toContain('suite failed outside its tests (counted as a failure): b.e2e.ts');
  });

  it('counts a suite whose afterAll threw, with every test passed, as a failure', () => {
    const summary = summariseTests(
      results({ testResults: [suite('c.e2e.ts', 'failed', ['passed', 'passed', 'passed'], 'afterAll')] }),
      undefined,
    );
    expect(summary).toMatchObject({ passed: 3, failed: 1 });
  });

  it('does not count a suite twice when its failure is a failed test', () => {
    const summary = summariseTests(
      results({
        numPassedTests: 2,
        numFailedTests: 1,
        testResults: [suite('d.spec.ts', 'failed', ['passed', 'failed', 'passed'])],
      }),
      undefined,
    );
    expect(summary).toMatchObject({ passed: 2, failed: 1 });
  });

  it('reports skipped and todo tests and does not count them towards the floor', () => {
    const summary = summariseTests(results({ numPendingTests: 1, numTodoTests: 1, numTotalTests: 5 }), 4);
    expect(summary.details).toEqual(['skipped: 1, todo: 1, run: 3; below the floor of 4 (counted as a failure)']);
    expect(summary.failed).toBe(1);
  });

  it('applies no floor to a partial run', () => {
    expect(summariseTests(results({}), undefined)).toMatchObject({
      failed: 0,
      details: ['skipped: 0, todo: 0, run: 3; no floor (a partial run)'],
    });
  });

  it('fails a run that produced no results', () => {
    expect(summariseTests(undefined, 3)).toMatchObject({ passed: 0, failed: 1 });
  });
});
