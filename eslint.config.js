// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const domainPackages = ['core', 'calendar', 'approval', 'disclosure', 'catalog'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.banshi/**', 'bench/.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^(only|skip|todo)$/][callee.object.name=/^(it|test|describe)$/]", message: 'No focused, skipped or todo tests.' },
      ],
    },
  },
  {
    // Domain packages must run in a browser or worker: no Node built-ins (design §1, style guide).
    files: domainPackages.map((p) => `packages/${p}/src/**/*.ts`),
    // `@banshi/core/node` is core's one Node-only entry (native SHA-256, Ed25519 checkpoint keys).
    ignores: ['**/*.test.ts', 'packages/core/src/node/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'os', 'stream', 'child_process'], message: 'Domain packages must not import Node built-ins.' }] }],
      'no-restricted-globals': ['error', { name: 'Buffer', message: 'Use Uint8Array: domain packages run in browsers.' }, { name: 'process', message: 'Domain packages run in browsers.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
