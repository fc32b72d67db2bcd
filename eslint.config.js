// ESLint flat config: typescript-eslint's type-checked rules, Prettier for layout, and the
// architecture's boundaries (STYLE.md) as import restrictions, so they are kept by a rule.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** An import restriction: modules by name, plus path patterns. */
const restrict = (names, patterns, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: [{ group: patterns, message }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', 'release', 'coverage', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  // One block per folder: ESLint does not merge a rule's options across blocks, the last wins.
  {
    files: ['shared/**'],
    rules: restrict(
      ['electron', 'react', 'react-dom', ...nodeBuiltins],
      ['electron/*', 'react/*', '@xyflow/*', '**/electron/**', '**/renderer/**', '**/cli/**'],
      'shared/ is pure TypeScript that runs anywhere: no Electron, Node, React or React Flow, and nothing from the app around it (STYLE.md).',
    ),
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/canvas/**'],
    rules: restrict(
      ['electron', ...nodeBuiltins],
      ['electron/*', '@xyflow/*', '**/electron/**', '**/cli/**'],
      'renderer/ reaches the back end only through shared/api, and only renderer/canvas/ knows React Flow (STYLE.md).',
    ),
  },
  {
    files: ['renderer/canvas/**'],
    rules: restrict(
      ['electron', ...nodeBuiltins],
      ['electron/*', '**/electron/**', '**/cli/**'],
      'renderer/ reaches the back end only through shared/api (STYLE.md).',
    ),
  },
  {
    files: ['electron/**', 'cli/**', 'test/**', 'bench/**', 'scripts/**'],
    // The canvas benchmark's baseline is bare React Flow itself.
    ignores: ['bench/canvas-page/**'],
    rules: restrict([], ['@xyflow/*'], 'Only renderer/canvas/ knows React Flow (STYLE.md).'),
  },
  prettier,
);
