// ESLint flat config: typescript-eslint (type-aware), lit, wc and lit-a11y; `npm run lint` fails on any warning.
import js from '@eslint/js';
import litPlugin from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wcPlugin from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', 'custom-elements.json', 'coverage/'] },
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
    // Browser code never imports the Node-only service.
    files: ['src/**/*.ts'],
    ignores: ['src/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', 'node:*'], message: 'Browser code must not import the Node-only service.' }] },
      ],
    },
  },
  {
    // The service and build scripts run on Node.
    files: ['src/server/**/*.ts', 'scripts/**/*.{ts,js}', '*.config.*', '.storybook/**/*.ts', 'test/*.js', 'test/server/**'],
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
