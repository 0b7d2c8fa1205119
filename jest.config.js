/** One jest run for unit specs (beside the code), workflow tests and end-to-end tests (test/). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { decoratorMetadata: true, legacyDecorator: true },
      target: 'es2022',
    },
  },
];

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/test', '<rootDir>/scripts'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts', '**/*.e2e.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@rocu/domain$': '<rootDir>/libs/domain/src',
    '^@rocu/contracts$': '<rootDir>/libs/contracts/src',
    '^@rocu/persistence$': '<rootDir>/libs/persistence/src',
    '^@rocu/persistence/web-drafts$': '<rootDir>/libs/persistence/src/web-drafts',
    '^@rocu/persistence/web-sessions$': '<rootDir>/libs/persistence/src/web-sessions',
    '^@rocu/config$': '<rootDir>/libs/config/src',
    '^@rocu/observability$': '<rootDir>/libs/observability/src',
    '^@rocu/temporal-client$': '<rootDir>/libs/temporal-client/src',
  },
  testTimeout: 180000,
  maxWorkers: 2,
};
