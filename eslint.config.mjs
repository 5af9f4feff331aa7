// Lint enforces the layer rules of DESIGN.md / STYLE.md section 2. The zones are plain
// `no-restricted-imports` patterns per folder: simpler than a resolver-based plugin and
// enough, because every cross-layer import in this project is a relative path or a package name.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronOnlyHere = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }],
};
const noElectronDirs = ['**/electron/main/**', '**/electron/preload/**', '**/electron/backend/**', '**/electron/ml/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'bench/out/**', 'bench/data/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', electronOnlyHere],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: electronOnlyHere.paths,
        patterns: [
          { group: ['**/electron/**', ...noElectronDirs], message: 'renderer/ talks to the backend only through the contract in shared/.' },
          { group: ['node:*', 'fs', 'path', 'child_process', 'worker_threads', 'os'], message: 'renderer/ runs in a browser: no Node modules.' },
        ],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: electronOnlyHere.paths,
        patterns: [
          { group: ['**/electron/**', '**/renderer/**', 'node:*'], message: 'shared/ imports nothing outside shared/ (zod excepted).' },
        ],
      }],
    },
  },
  {
    files: ['electron/ml/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: electronOnlyHere.paths,
        patterns: [
          { group: ['**/backend/**', '**/main/**', '**/preload/**', '**/renderer/**', 'node:*'], message: 'electron/ml/ is pure: shared/ and electron/ml/ only.' },
        ],
      }],
    },
  },
  {
    files: ['electron/backend/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: electronOnlyHere.paths,
        patterns: [
          { group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'The backend is plain Node: it never reaches into main, preload or renderer.' },
        ],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    ignores: ['electron/preload/**', 'electron/main/ipc-bridge.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[object.name='ipcRenderer']", message: 'Raw ipcRenderer only in preload/.' },
        { selector: "MemberExpression[object.name='ipcMain']", message: 'Raw ipcMain only in main/ipc-bridge.ts.' },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'build/**/*.mjs', 'renderer/vite.config.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
