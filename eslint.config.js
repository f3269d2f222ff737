// ESLint flat config: typescript-eslint (type-aware), lit, wc, lit-a11y and import-x; `npm run lint` fails on any warning.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import litPlugin from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wcPlugin from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'storybook-static/', 'node_modules/', 'custom-elements.json', 'coverage/', 'demo/bench/peers/'],
  }, // peers: other projects' builds the load bench copies in
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'stories/**/*.ts'],
    plugins: { lit: litPlugin, wc: wcPlugin, 'lit-a11y': litA11y },
    rules: {
      ...litPlugin.configs.recommended.rules,
      ...wcPlugin.configs.recommended.rules,
      ...wcPlugin.configs['best-practice'].rules,
      ...litA11y.configs.recommended.rules,
      'wc/guard-super-call': 'off', // LitElement always defines connected/disconnectedCallback
    },
    settings: { wc: { elementBaseClasses: ['LitElement', 'LantoaElement'] } },
  },
  {
    // No import cycle: a module that imports (or lazily loads) itself through others has no order it can be
    // read in, and its parts cannot move apart. The rule skips type-only imports; test/scripts/import-cycles.test.ts
    // checks those too.
    files: ['src/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts', 'stories/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Imports name the emitted .js file of a .ts module (TypeScript's own rule for ES modules).
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    // A package never imports this project back: not following node_modules saves minutes of parsing.
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Browser code never imports the Node-only service.
    files: ['src/**/*.ts'],
    ignores: ['src/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', 'node:*'], message: 'Browser code must not import the Node-only service.' },
          ],
        },
      ],
    },
  },
  {
    // The service and build scripts run on Node.
    files: [
      'src/server/**/*.ts',
      'scripts/**/*.{ts,js}',
      '*.config.*',
      '.storybook/**/*.ts',
      'test/*.js',
      'test/server/**',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['demo/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['test/**/*.ts'],
    // chai reads as expressions; a missing element in a test fails the test, which is what `!` says.
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
