// @ts-check
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/test-artifacts/**',
      '**/*.config.*',
      '**/*.mjs',
      '**/*.cjs',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    // Nest resolves constructor parameters from emitted decorator metadata: those imports stay values.
    files: ['packages/server/**/*.ts'],
    languageOptions: {
      globals: globals.node,
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The folder layering, enforced: a feature reaches another feature only through that feature's
    // public surface (server: its module, services, events and guards; web: its index.ts), and
    // only realtime/ and the gateways speak Socket.IO.
    files: ['packages/server/src/**/*.ts', 'packages/web/src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'boundaries/include': ['packages/server/src/**/*', 'packages/web/src/**/*'],
      'boundaries/elements': [
        { type: 'server-app', pattern: 'packages/server/src/*.ts', mode: 'full' },
        {
          type: 'server-base',
          pattern: 'packages/server/src/(common|config|database|redis)',
          mode: 'folder',
        },
        { type: 'server-realtime', pattern: 'packages/server/src/realtime', mode: 'folder' },
        {
          type: 'server-feature',
          pattern: 'packages/server/src/*',
          mode: 'folder',
          capture: ['feature'],
        },
        { type: 'web-app', pattern: 'packages/web/src/app', mode: 'folder' },
        { type: 'web-app', pattern: 'packages/web/src/main.tsx', mode: 'full' },
        { type: 'web-lib', pattern: 'packages/web/src/lib', mode: 'folder' },
        { type: 'web-ui', pattern: 'packages/web/src/ui', mode: 'folder' },
        { type: 'web-test', pattern: 'packages/web/src/test', mode: 'folder' },
        {
          type: 'web-feature',
          pattern: 'packages/web/src/*',
          mode: 'folder',
          capture: ['feature'],
        },
      ],
    },
    rules: {
      'boundaries/element-types': [
        'error',
        {
          default: 'disallow',
          rules: [
            {
              from: 'server-app',
              allow: ['server-app', 'server-base', 'server-realtime', 'server-feature'],
            },
            { from: 'server-base', allow: ['server-base'] },
            {
              from: 'server-realtime',
              allow: ['server-base', 'server-feature', 'server-realtime'],
            },
            { from: 'server-feature', allow: ['server-base', 'server-feature', 'server-realtime'] },
            { from: 'web-app', allow: ['web-app', 'web-lib', 'web-ui', 'web-feature'] },
            { from: 'web-lib', allow: ['web-lib', 'web-test'] },
            { from: 'web-ui', allow: ['web-lib', 'web-ui'] },
            { from: 'web-test', allow: ['web-lib', 'web-ui', 'web-test', 'web-app'] },
            {
              from: 'web-feature',
              allow: ['web-app', 'web-lib', 'web-ui', 'web-feature', 'web-test'],
            },
          ],
        },
      ],
      'boundaries/entry-point': [
        'error',
        {
          default: 'allow',
          rules: [
            {
              target: ['server-feature'],
              disallow: ['**'],
            },
            {
              target: ['server-feature'],
              allow: ['*.module.ts', '*.service.ts', '*.events.ts', '*.guard.ts'],
            },
            { target: ['server-realtime'], disallow: ['**'] },
            {
              // Gateways use the ack helper and the socket types; the app boots the adapter.
              target: ['server-realtime'],
              allow: ['ack.ts', 'socket.types.ts', 'realtime.adapter.ts', 'realtime.module.ts'],
            },
            { target: ['web-feature'], disallow: ['**'] },
            { target: ['web-feature'], allow: ['index.ts'] },
          ],
        },
      ],
    },
  },
  {
    // The composition root wires every feature together: it may reach into any of them.
    files: ['packages/server/src/*.ts', 'packages/web/src/app/**', 'packages/web/src/main.tsx'],
    rules: { 'boundaries/entry-point': 'off' },
  },
  {
    // Only the realtime layer and the gateways speak Socket.IO.
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/realtime/**', 'packages/server/src/**/*.gateway.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'socket.io',
                'socket.io/*',
                '@nestjs/websockets',
                '@nestjs/platform-socket.io',
                '@socket.io/*',
              ],
              message:
                'Only realtime/ and *.gateway.ts speak Socket.IO: raise a domain event instead.',
            },
            {
              group: ['**/realtime/socket.types', '**/realtime/ack'],
              message: 'Socket types belong to realtime/ and the gateways.',
            },
          ],
        },
      ],
    },
  },
  {
    // Command-line scripts print their results.
    files: ['**/bench/**/*.ts', '**/scripts/**/*.ts', 'packages/web/e2e/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
);
