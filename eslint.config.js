// One linter for the whole tree; CI runs it with zero warnings allowed. Layout is prettier's
// (`npm run format`); import order is simple-import-sort's, both fixed automatically.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'openapi/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
    },
  },
  { files: ['scripts/**', 'bench/**'], rules: { 'no-console': 'off' } },
  {
    // Repositories own all SQL: a module's services, policies and jobs call `*.repo.ts`
    // functions (passing `db` or `tx`) and never build a query themselves.
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/**/*.repo.ts', 'src/modules/**/*.tables.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)$/]',
          message: 'SQL belongs in a *.repo.ts repository; call a repository function with db or tx.',
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              importNames: ['sql'],
              allowTypeImports: true,
              message: 'SQL belongs in a *.repo.ts repository; call a repository function with db or tx.',
            },
          ],
        },
      ],
    },
  },
);
