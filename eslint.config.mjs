// Layering and determinism are enforced, not remembered:
// - domain/ is pure: it imports nothing outside domain/ (npm libraries aside), no Node built-in, and
//   reads no clock or environment;
// - workflow code imports only domain/, workflows/, @temporalio/workflow (and common), activities as
//   types only, and no Node built-in at all;
// - scripts/ and every other folder stay independent of test/;
// - documents/ (the pack builder), calendar/ (.ics files) and sheets/ (units from a sheet) import only domain/
//   and npm libraries, no Temporal;
// - client/ and portal/ are adapters over app/ (the use cases) and never import each other; app/ and
//   stores/ import neither;
// - import cycles fail, and a floating promise anywhere is an error.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Every Node built-in: bare names from `builtinModules`, and anything `node:`-prefixed (`node:test` too). */
const nodeBuiltinPaths = (message) => builtinModules.map((name) => ({ name, message }));
const nodeBuiltinPatterns = (message) => [{ group: ['node:*'], message }];

/** The top-level folders of the project, as `./name` (for import zones). */
const folders = fs
  .readdirSync(import.meta.dirname, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
  .map((d) => `./${d.name}`);

const DETERMINISM = 'Workflow code is deterministic: do I/O and calendar work in activities or the client.';
const PURE = 'domain/ is pure: read files, the environment and the clock outside it and pass what it needs in.';
const ioPackages = ['nodemailer', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', 'luxon', 'yaml'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', '.data/**', 'coverage/**', 'test-results/**', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      // The import rules follow relative imports into .ts files, parsed as TypeScript (for no-cycle).
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'] })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './domain',
              from: '.',
              except: ['./domain', './node_modules'],
              message: 'domain/ imports nothing outside domain/ (npm libraries aside).',
            },
            {
              target: './workflows',
              from: '.',
              except: [
                './domain',
                './workflows',
                './activities', // types only: see the workflow rules below
                './node_modules/@temporalio/workflow',
                './node_modules/@temporalio/common',
              ],
              message: 'workflows/ imports only domain/, workflows/, @temporalio/workflow and activities/ (as types).',
            },
            // The pack builder is a library of pure Node: it reads the contract's types, nothing of the engine.
            {
              target: './documents',
              from: '.',
              except: ['./documents', './domain', './node_modules'],
              message:
                'documents/ imports only domain/ (the contract) and npm libraries, never workflows, activities, app, stores or surfaces.',
            },
            // The calendar builder is pure too: .ics text from the contract's data.
            {
              target: './calendar',
              from: '.',
              except: ['./calendar', './domain', './node_modules'],
              message: 'calendar/ imports only domain/ (the contract) and npm libraries.',
            },
            // The sheet import is pure too: units and problems from a sheet's bytes, the dashboard and CLI decide.
            {
              target: './sheets',
              from: '.',
              except: ['./sheets', './domain', './node_modules'],
              message: 'sheets/ imports only domain/ (the contract) and npm libraries.',
            },
            {
              target: './scripts',
              from: './test',
              message: 'scripts/ does not import test code; share it from a folder both can use.',
            },
            {
              target: folders.filter((f) => f !== './test' && f !== './scripts'),
              from: './test',
              message: 'only tests import from test/.',
            },
            // The surfaces are adapters over the use cases of app/: neither imports the other.
            {
              target: './client',
              from: './portal',
              message: 'client/ does not import portal/: share it through app/ (use cases) or stores/.',
            },
            {
              target: './portal',
              from: './client',
              message: 'portal/ does not import client/: share it through app/ (use cases) or stores/.',
            },
            // Use cases and stores know no surface.
            {
              target: ['./app', './stores'],
              from: ['./client', './portal'],
              message: 'app/ and stores/ import neither client/ nor portal/ (the surfaces depend on them, not back).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltinPaths(PURE), patterns: nodeBuiltinPatterns(PURE) }],
      'no-restricted-globals': ['error', { name: 'process', message: PURE }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: PURE }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: PURE },
        {
          selector:
            "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(now|local)$/][arguments.length=0]",
          message: PURE,
        },
      ],
    },
  },
  {
    files: ['documents/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@temporalio/*'],
              message: 'documents/ builds files from data: no Temporal here (the activity that calls it does that).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['sheets/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@temporalio/*'],
              message: 'sheets/ reads units from bytes: no Temporal here (the caller starts anything).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltinPaths(DETERMINISM), ...ioPackages.map((name) => ({ name, message: DETERMINISM }))],
          patterns: [
            ...nodeBuiltinPatterns(DETERMINISM),
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'Workflows call activities through proxyActivities: import them as types only (import type).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop from @temporalio/workflow.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use uuid4() or a value passed in as input.' },
      ],
    },
  },
);
