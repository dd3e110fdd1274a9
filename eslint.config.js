// Lint rules, and the tier boundaries of DESIGN.md §3: a tier is imported only through its index.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SRC = path.resolve('src');

/** Resolves each relative import; one that enters another tier's folder must name its index.js. */
const tierBoundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = path.relative(SRC, context.filename).split(path.sep)[0];
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.relative(SRC, path.resolve(path.dirname(context.filename), spec));
      const [tier, ...rest] = target.split(path.sep);
      if (target.startsWith('..') || tier === from) return;
      if (from === 'shared') {
        context.report({ node, message: 'src/shared imports nothing else from the project.' });
      } else if (rest.join('/') !== 'index.js') {
        context.report({
          node,
          message: `Import the ${tier} tier only through src/${tier}/index.js.`,
        });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'public/', 'templates/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { yuletide: { rules: { 'tier-boundaries': tierBoundaries } } },
    rules: {
      'yuletide/tier-boundaries': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
