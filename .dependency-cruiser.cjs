/**
 * Import boundaries, checked by `npm run lint:deps` (dependency-cruiser).
 *
 * - The kernel (server/platform) imports no feature and nothing of the composition level
 *   (server/app.ts, main.ts, demo.ts, testing/); the composition root hands it what it needs.
 *   Kernel tests may start the whole app through the test harness (server/testing).
 * - A feature (server/features/<f>) reaches another feature only through that feature's
 *   index.ts.
 * - common/ (vocabulary shared by server and web) imports nothing outside itself.
 * - The web pages import nothing of the server; the API types they use are generated into
 *   web/shared/api-types.ts (`npm run api:types`).
 * - No import cycles, and every import resolves.
 */
const TESTS = '\\.test\\.tsx?$';
const FEATURE_INDEX = '^server/features/[^/]+/index\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'kernel-imports-no-feature',
      comment:
        'server/platform is the kernel: it never imports a feature. The composition root (server/app.ts) ' +
        'hands it the features\' manifests.',
      severity: 'error',
      from: { path: '^server/platform/' },
      to: { path: '^server/features/' },
    },
    {
      name: 'kernel-imports-no-composition',
      comment:
        'server/platform never imports the composition level (server/app.ts, main.ts, demo.ts, testing/). ' +
        'Kernel tests may use the test harness.',
      severity: 'error',
      from: { path: '^server/platform/', pathNot: TESTS },
      to: { path: '^server/(app|main|demo)\\.ts$|^server/testing/' },
    },
    {
      name: 'kernel-tests-no-composition',
      comment: 'Kernel tests start the app through server/testing, never through server/app.ts, main.ts or demo.ts directly.',
      severity: 'error',
      from: { path: `^server/platform/.*${TESTS}` },
      to: { path: '^server/(app|main|demo)\\.ts$' },
    },
    {
      name: 'feature-through-index',
      comment:
        'A feature reaches another feature only through that feature\'s index.ts (its manifest and what it ' +
        'offers to others), never its internals.',
      severity: 'error',
      from: { path: '^server/features/([^/]+)/' },
      to: {
        path: '^server/features/[^/]+/',
        pathNot: ['^server/features/$1/', '^server/features/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'feature-no-composition',
      comment: 'Features never import the composition level (server/app.ts, main.ts, demo.ts, features/index.ts); tests may use server/testing.',
      severity: 'error',
      from: { path: '^server/features/', pathNot: TESTS },
      to: { path: '^server/(app|main|demo)\\.ts$|^server/testing/|^server/features/index\\.ts$' },
    },
    {
      name: 'common-self-contained',
      comment: 'common/ is shared by the server and the web pages; it imports nothing outside itself (npm packages and node: built-ins aside).',
      severity: 'error',
      from: { path: '^common/' },
      to: { pathNot: '^common/', dependencyTypesNot: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'core'] },
    },
    {
      name: 'web-no-server',
      comment: 'The web pages never import the server; the API types they need are generated into web/shared/api-types.ts.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(server|scripts|e2e)/' },
    },
    {
      name: 'server-no-web',
      comment: 'The server never imports the web pages\' sources.',
      severity: 'error',
      from: { path: '^(server|common)/' },
      to: { path: '^web/' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make load order fragile and hide the layering; break them. (Type-only imports do not count.)',
      severity: 'error',
      from: {},
      to: {
        circular: true,
        viaOnly: { pathNot: FEATURE_INDEX, dependencyTypesNot: ['type-only'] },
      },
    },
    {
      name: 'no-circular-through-index',
      comment:
        'Two features that use each other meet in a cycle through their index.ts files (each index.ts imports its ' +
        'routes for the manifest). It works while neither module reads the other\'s exports as it loads; moving the ' +
        'shared piece into the feature it belongs to, or into the kernel, removes the cycle.',
      severity: 'warn',
      from: {},
      to: {
        circular: true,
        viaOnly: { dependencyTypesNot: ['type-only'] },
        via: { path: FEATURE_INDEX },
      },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'Code that ships (server/, common/, web/) uses only dependencies, not devDependencies.',
      severity: 'error',
      from: { path: '^(server|common|web)/', pathNot: [TESTS, '^server/testing/'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: ['node_modules/@types/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|test-output)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
