// ESLint (flat config) with typescript-eslint's type-aware rules: `npm run lint`.
// The server, common/, scripts and browser tests use tsconfig.json; the web pages web/tsconfig.json.
// typescript-eslint's project service finds the right tsconfig for each file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'test-output/**', 'web/shared/api-types.ts', '**/*.d.ts'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its errors; await it, or mark a deliberate fire-and-forget with `void`.
      // node:test's describe()/it() return promises the runner itself waits for.
      '@typescript-eslint/no-floating-promises': ['error', {
        ignoreVoid: true,
        allowForKnownSafeCalls: [
          { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          // react-router's navigate(): nothing waits for the navigation to finish.
          { from: 'package', package: 'react-router', name: 'NavigateFunction' },
        ],
      }],
      // Promises where a plain value is expected (a condition, a spread, a callback whose result
      // is used). React event handlers may be async: their promise is deliberately not awaited.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {
        args: 'after-used',
        argsIgnorePattern: '^_',
        varsIgnorePattern: '^_',
        caughtErrors: 'none',
        ignoreRestSiblings: true,
      }],
      'no-unused-expressions': 'off',
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // The code base uses `any` at a few typed boundaries (Kysely's dynamic tables, migrations) and
      // non-null assertions after checks the compiler cannot follow; the compiler's strict mode covers the rest.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
