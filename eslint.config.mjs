// Lint rules for the whole checkout. The block for src/core keeps the engine pure: it may not import
// Node modules, the Apps Script services or anything outside src/core, so the same code runs in the CLI,
// in Apps Script V8 and in tests. The later blocks keep the faces (sheets, cli, html) apart. Each layer's
// tsconfig.<layer>.json enforces the same from the compiler's side (which globals exist).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'setImmediate'];
const appsScriptGlobals = [
  'SpreadsheetApp', 'PropertiesService', 'LockService', 'ScriptApp', 'HtmlService', 'Utilities',
  'Session', 'CacheService', 'Logger', 'Browser', 'UrlFetchApp', 'DriveApp',
];
const nodeModules = ['fs', 'path', 'os', 'zlib', 'stream', 'child_process', 'worker_threads'];
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'google'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', ...nodeModules], message: 'src/core is pure: no Node modules.' },
          { regex: '^(\\.\\./)+(cli|sheets|report|html|bench|test)(/|$)', message: 'src/core imports only from src/core.' },
          { group: ['exceljs', 'papaparse'], message: 'src/core is pure: I/O libraries belong to src/cli.' },
        ],
      }],
      'no-restricted-globals': ['error', ...[...nodeGlobals, ...appsScriptGlobals, ...domGlobals].map((name) => ({
        name, message: 'src/core is pure: no Node, Apps Script or DOM globals.',
      }))],
    },
  },
  {
    // The report layer turns models into layouts: it may use core, and nothing of the faces.
    files: ['src/report/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(\\.\\./)+(cli|sheets|html)(/|$)', message: 'src/report imports only src/core and itself.' },
          { group: ['node:*', 'fs', 'path', 'exceljs', 'papaparse'], message: 'src/report is pure: no Node modules or I/O libraries.' },
        ],
      }],
    },
  },
  {
    // The two faces share core and report and never each other: Apps Script has no Node, and the CLI no SpreadsheetApp.
    files: ['src/sheets/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(\\.\\./)+(cli|html)(/|$)', message: 'src/sheets imports src/core, src/report and itself, never the CLI or the sidebar.' },
          { group: ['node:*', ...nodeModules, 'exceljs', 'papaparse'], message: 'src/sheets runs in Apps Script: no Node modules or Node I/O libraries.' },
        ],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(\\.\\./)+(sheets|html)(/|$)', message: 'src/cli imports src/core, src/report and itself, never the Apps Script side or the sidebar.' },
        ],
      }],
    },
  },
  {
    // The sidebar is bundled on its own for the browser: it talks to the server only through google.script.run.
    files: ['html/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          // The one exception: the types of the server API (sidebar-contract.ts imports nothing), so api.ts is typed against the server.
          { regex: '^(\\.\\./)+src(/(?!sheets/sidebar-contract$).*)?$', message: 'html/ reaches the server only through google.script.run, never by importing src/ (types: src/sheets/sidebar-contract only).' },
          { group: ['node:*', ...nodeModules], message: 'html/ runs in the browser: no Node modules.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly',
        Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', global: 'readonly',
        globalThis: 'readonly', performance: 'readonly', setImmediate: 'readonly', exports: 'writable',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
