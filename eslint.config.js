// Lint rules, and the tier boundaries of DESIGN.md §3: a tier is imported only through its index.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const tiers = ['shared', 'db', 'framework', 'store', 'proxy', 'search', 'cli', 'testing'];
const throughIndexOnly = tiers.flatMap((tier) => [`**/${tier}/*`, `!**/${tier}/index.js`]);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'public/', 'templates/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: throughIndexOnly, message: 'Import another tier only through its index.js.' },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*'], message: 'src/shared imports nothing else from the project.' },
          ],
        },
      ],
    },
  },
);
