/** Unit specs for the pure domain library (no database, no Temporal). */
module.exports = {
  rootDir: '../..',
  roots: ['<rootDir>/libs/domain'],
  testEnvironment: 'node',
  testMatch: ['**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' } }],
  },
};
