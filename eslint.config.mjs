// ESLint 9 flat config: type-aware typescript-eslint for the whole monorepo, plus import boundaries for the
// layers that must stay pure (workflows, domain, contracts). See architecture.md, conventions 8 and 10.
import { builtinModules } from 'node:module';
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// no-restricted-imports: `paths` match a module name exactly; `patterns` use .gitignore syntax, where a
// pattern without a slash matches at any depth ('domain' would also ban '@rocu/domain'), so bare names
// go in `paths` and only slash-containing globs (node:*, fs/*, @nestjs/*) go in `patterns`.
const NODE_BUILTINS = [...new Set(builtinModules.filter((name) => !name.startsWith('_')).map((n) => n.split('/')[0]))];
const nodeBuiltins = (message) => ({
  paths: NODE_BUILTINS.map((name) => ({ name, message })),
  patterns: [{ group: ['node:*', ...NODE_BUILTINS.map((name) => `${name}/*`)], message }],
});
const modules = (names, message) => ({
  paths: names.filter((name) => !name.includes('*')).map((name) => ({ name, message })),
  patterns: [{ group: names.flatMap((name) => (name.includes('*') ? [name] : [`${name}/*`])), message }],
});
const restrictImports = (...groups) => [
  'error',
  { paths: groups.flatMap((group) => group.paths), patterns: groups.flatMap((group) => group.patterns) },
];

// Issue 15: SQL is written only in libs/persistence (its repositories); elsewhere a statement's text or a raw
// query call is an error. The keywords are matched as SQL is written here (upper case), so prose is not caught.
const SQL_TEXT = '/\\b(SELECT\\s[\\s\\S]*\\sFROM|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM)\\b/';
const SQL_ONLY_IN_PERSISTENCE = 'SQL belongs in a repository of libs/persistence (issue 15).';
const TEST_FILES = ['**/*.spec.ts', '**/*.test.ts', '**/*.e2e.ts', 'test/**/*.ts', 'workflows/test/**/*.ts'];

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.tools/**',
      '.data/**',
      'coverage/**',
      'jest.config.js',
      'eslint.config.mjs',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Required by the conventions (architecture.md, convention 10 and the anti-patterns).
      '@typescript-eslint/no-floating-promises': 'error',
      // Strict on purpose: a `default:` does not make a switch over a union exhaustive, so adding a
      // referral status forces a decision at every switch on it.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',

      // Tuned to be useful rather than noisy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Nest lifecycle hooks and interface implementations are often async without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // Express/Nest accept async callbacks; still flag promises in conditionals and spread.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Plain JS files (if any appear) are in no tsconfig: lint them without type information.
    files: ['**/*.{js,cjs,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The web app's few browser scripts (progressive enhancement only).
    files: ['apps/web/public/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'workflows/src/**/*.ts'],
    ignores: ['libs/persistence/**', ...TEST_FILES],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `TemplateElement[value.raw=${SQL_TEXT}]`, message: SQL_ONLY_IN_PERSISTENCE },
        { selector: `Literal[value=${SQL_TEXT}]`, message: SQL_ONLY_IN_PERSISTENCE },
        {
          selector:
            "CallExpression[callee.property.name=/^(query|createQueryBuilder)$/][arguments.0.type!='Identifier']",
          message: SQL_ONLY_IN_PERSISTENCE,
        },
      ],
    },
  },
  {
    // Issue 15: a function a reader can hold in their head (tests' describe blocks are exempt).
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'workflows/src/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Tests read `any` all the time: jest matchers (expect.any, objectContaining), HTTP response bodies and
    // untyped pg rows. The unsafe-any rules stay on for production code only.
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.e2e.ts', 'test/**/*.ts', 'workflows/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Temporal workflow code runs in a deterministic sandbox: orchestration only, no I/O (convention 8).
    files: ['workflows/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        nodeBuiltins('Workflow code runs in the Temporal sandbox: no Node built-ins (use an activity).'),
        modules(
          [
            'pg',
            'typeorm',
            '@nestjs/*',
            '@temporalio/client',
            '@temporalio/worker',
            '@temporalio/activity',
            '@temporalio/testing',
            'axios',
            'express',
            'undici',
            'node-fetch',
          ],
          'Workflow code is deterministic orchestration: no I/O libraries (do I/O in an activity).',
        ),
        modules(
          [
            '@rocu/persistence',
            '@rocu/config',
            '@rocu/observability',
            '@rocu/temporal-client',
            '**/libs/persistence/**',
            '**/libs/config/**',
            '**/libs/observability/**',
            '**/libs/temporal-client/**',
            '**/apps/**',
          ],
          'Workflow code must not reach TypeORM, Nest, a Temporal client or process.env through a barrel import.',
        ),
      ),
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflow code must not read process or process.env (pass values as inputs).' },
      ],
    },
  },
  {
    // Pure domain: no framework, persistence, Temporal or Node built-ins; time is a parameter.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        nodeBuiltins('libs/domain is pure TypeScript: no Node built-ins.'),
        modules(
          ['@nestjs/*', 'typeorm', 'pg', '@temporalio/*'],
          'libs/domain is pure TypeScript: no Nest, TypeORM, pg or Temporal.',
        ),
        modules(
          ['@rocu/persistence', '@rocu/config', '@rocu/contracts', '@rocu/observability'],
          'libs/domain depends on nothing else in the repo.',
        ),
      ),
    },
  },
  {
    // Contracts are the seam between api, worker and workflows: types and Temporal definitions only.
    files: ['libs/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        modules(
          ['@nestjs/*', 'typeorm', 'class-validator'],
          'libs/contracts holds no Nest, TypeORM or class-validator code.',
        ),
        modules(
          ['@rocu/persistence', '@rocu/config', '@rocu/observability'],
          'libs/contracts must not depend on persistence, config or observability.',
        ),
      ),
    },
  },
);
