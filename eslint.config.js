import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Restrict imports so dependencies point one way (STYLE.md "Direction of dependencies"). */
const forbid = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: patterns.map((group) => ({
        group: [group],
        message: 'Dependencies point one way: see STYLE.md.',
      })),
    },
  ],
});

export default ts.config(
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      '.wrangler/',
      'node_modules/',
      'bench/results/',
      'test-results/',
      'static/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        // Three programs: the app (DOM), the Worker (Workers types), Node-side tests and tools.
        project: ['./tsconfig.json', './worker/tsconfig.json', './tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: forbid(
      '**/app/**',
      '**/worker/**',
      '$lib/*',
      '$app/*',
      'dexie',
      'hono',
      'svelte',
      'svelte/*',
    ),
  },
  {
    files: ['worker/**'],
    rules: forbid('**/app/**', '$lib/*', '$app/*', 'dexie', 'svelte', 'svelte/*'),
  },
  { files: ['app/**'], rules: forbid('**/worker/**', 'hono', 'cloudflare:*') },
  {
    files: ['app/lib/db/**', 'app/lib/api/**', 'app/lib/sync/**', 'app/lib/librarian/**'],
    rules: forbid(
      '$lib/components/*',
      '$lib/state/*',
      '**/components/**',
      '**/state/**',
      '**/routes/**',
      '*.svelte',
    ),
  },
);
