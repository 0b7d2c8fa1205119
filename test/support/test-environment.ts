/** Settings the test runner (scripts/test.ts) hands to every test process. */
export function testEnvironment(): {
  adminUrl: string;
  templateDatabase: string;
  templateUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
} {
  const required = (name: string): string => {
    const value = process.env[name];
    if (!value)
      throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts Postgres and Temporal`);
    return value;
  };
  return {
    adminUrl: required('TEST_POSTGRES_ADMIN_URL'),
    templateDatabase: required('TEST_TEMPLATE_DATABASE'),
    templateUrl: required('TEST_DATABASE_URL'),
    temporalAddress: required('TEMPORAL_ADDRESS'),
    workflowBundlePath: required('WORKFLOW_BUNDLE_PATH'),
  };
}
