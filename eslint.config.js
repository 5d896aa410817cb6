// Lint: type-aware rules everywhere; workflow code must stay deterministic; pure code does no I/O.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

// Pure code may hash, compress and pack bytes in memory, and ask whether a string is an IP.
const PURE_NODE_MODULES = new Set(['crypto', 'zlib', 'stream', 'buffer']);
const pureNodeBan = builtinModules
  .filter((m) => !PURE_NODE_MODULES.has(m) && m !== 'net')
  .flatMap((m) => [m, `node:${m}`])
  .map((name) => ({ name, message: 'pure code does no I/O: read files, sockets or the process in activities/ or lib/ and pass the result in' }));
const PURE_FOLDERS = ['domain/', 'activities/fastpath/'];
const inPureFolder = (file) =>
  PURE_FOLDERS.some((f) =>
    relative(import.meta.dirname, file)
      .replaceAll('\\', '/')
      .startsWith(f),
  );
// A relative import from pure code must land in pure code again (lib/, api/, drizzle/, other activities/ do I/O).
const pureRelativeImports = {
  meta: { type: 'problem', schema: [], messages: { impure: "pure code imports only domain/ and activities/fastpath/, not '{{source}}'" } },
  create(context) {
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      if (!inPureFolder(resolve(dirname(context.filename), source))) context.report({ node: node.source, messageId: 'impure', data: { source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
const pureNetOnlyIsIp = ['net', 'node:net'].map((name) => ({
  name,
  allowImportNames: ['isIP'],
  message: 'pure code may only use isIP from node:net',
}));

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', '.data/', '.scratch/', 'drizzle/migrations/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // forgetting to await an activity, a query or an S3 call loses errors and ordering
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Workflow code is replayed: no I/O, no Node built-ins, no wall clock or randomness.
    files: ['workflows/**/*.ts', 'test/fixtures/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: ['../lib/*', '../api/*', '../drizzle/*'] }],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'fetch', 'process'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'use the workflow-safe uuid4() or pass randomness in' },
        { object: 'Date', property: 'now', message: 'Date.now() is replay-safe only through the workflow sandbox; prefer workflowInfo()' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'no wall clock in workflows' }],
    },
  },
  {
    // Pure rules (DESIGN: domain/ and the fastpath core): no file, network, database, S3 or
    // Temporal I/O, and no imports of the layers that do it; callers pass text, bytes and time in.
    files: PURE_FOLDERS.map((f) => `${f}**/*.ts`),
    plugins: { pure: { rules: { 'relative-imports': pureRelativeImports } } },
    rules: {
      'pure/relative-imports': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...pureNodeBan, ...pureNetOnlyIsIp],
          patterns: [
            { group: ['postgres', 'drizzle-orm', 'drizzle-orm/*', 'drizzle-kit', 'pg'], message: 'pure code does not touch the database' },
            { group: ['@aws-sdk/*'], message: 'pure code does not touch S3' },
            { group: ['@temporalio/*'], allowTypeImports: true, message: 'pure code does not call Temporal (type imports only)' },
            { group: ['hono', 'hono/*', 'pino'], message: 'pure code has no HTTP server or logger' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'pure code does not read the environment: pass configuration in' },
        { name: 'fetch', message: 'pure code does no network I/O' },
        { name: 'setTimeout', message: 'pure code does not schedule work' },
        { name: 'setInterval', message: 'pure code does not schedule work' },
      ],
    },
  },
);
