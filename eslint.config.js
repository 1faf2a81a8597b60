import js from '@eslint/js';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Layer boundaries are lint rules, not review comments: core is pure, web never reaches into the server. */
const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'migrations/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // No import cycles (ADR 0047): a module must not import, through any chain, a module that imports
    // it. `import type` is erased at build time and is not followed; `import()` is. Nothing imports a
    // test file, so no test can close a cycle: tests are not checked.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/server/**', '**/web/**', '**/cli/**', 'node:*', 'fastify*', 'drizzle-orm*', 'pg', 'react*'],
        'src/core is pure domain logic: no I/O, no frameworks, no server or web code.',
      ),
    },
  },
  {
    files: ['src/web/**'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/server/**', '**/cli/**', 'node:*', 'drizzle-orm*', 'pg', 'fastify*'],
        'The web app talks to the server only over HTTP.',
      ),
    },
  },
  {
    // Pages load on demand (ADR 0018): a page imported here would be in the first download.
    files: ['src/web/app/routes.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/cli/**', 'node:*', 'drizzle-orm*', 'pg', 'fastify*'],
              message: 'The web app talks to the server only over HTTP.',
            },
            {
              regex: '^\\.\\./features/',
              message: "Add the page to src/web/app/pages.tsx as lazyPage(loader, 'Name') and import it from './pages'.",
            },
          ],
        },
      ],
    },
  },
  {
    // Below the routes nothing knows HTTP; and a feature uses another only through its index.ts
    // (its tables, the shared schema, may be referenced directly).
    files: ['src/server/features/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*/*.service', '../*/*.repository', '../*/*.routes'], message: "Use the other feature's index.ts." },
          ],
        },
      ],
    },
  },
  {
    // How the caller stands to a record is decided in src/server/access (relations.ts), nowhere else
    // (issue #14): features never read which coach or participant record the actor is.
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/access/**', '**/*.test.ts', 'src/server/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          "MemberExpression[property.name=/^(coachIds|participantIds)$/][object.name='actor']",
          "MemberExpression[property.name=/^(coachIds|participantIds)$/][object.property.name='actor']",
          "VariableDeclarator[id.type='ObjectPattern'][init.property.name='actor'] Property[key.name=/^(coachIds|participantIds)$/]",
        ].map((selector) => ({
          selector,
          message: 'Ask src/server/access/relations.ts how the caller stands to the record (relationTo…, own…Id).',
        })),
      ],
    },
  },
  {
    files: ['src/server/features/**', 'src/server/platform/**', 'src/server/access/**'],
    ignores: ['**/*.routes.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fastify*', '**/http/**'], message: 'Only routes and src/server/http know HTTP.' },
            { group: ['../*/*.service', '../*/*.repository', '../*/*.routes'], message: "Use the other feature's index.ts." },
          ],
        },
      ],
    },
  },
);
