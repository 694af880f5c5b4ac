// Lint: typescript-eslint's recommended rules, React hooks rules, and the runtime
// boundary made visible: code under renderer/ runs in a browser and may import
// neither electron nor Node's modules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeModules = ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'http', 'https', 'net', 'module', 'stream', 'zlib', 'worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'renderer/ runs in a browser: go through the Bridge (renderer/src/platform).' }],
          patterns: [
            { group: ['node:*'], message: 'renderer/ runs in a browser: no Node modules.' },
            ...nodeModules.map((m) => ({ group: [m], message: 'renderer/ runs in a browser: no Node modules.' })),
            { group: ['**/electron/**', '../../electron/*'], message: 'renderer/ must not import the Node side.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/test/**', 'renderer/src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/**/*.{ts,cts}', 'scripts/**/*.{js,mjs,ts}', 'e2e/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
);
