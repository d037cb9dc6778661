import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layering of the architecture: each entry lists what a layer may never import.
const TFJS = ['@tensorflow/*'];
const UI_LIBS = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'recharts'];
const layer = (dirs, message) => dirs.map((dir) => ({ group: [`**/${dir}/**`, `../${dir}`, `../${dir}/*`], message }));

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      ...restrict([
        { group: [...TFJS, ...UI_LIBS, 'idb', 'node:*', 'fs', 'path'], message: 'src/engine is pure TypeScript: no tfjs, UI, storage or Node APIs.' },
        ...layer(['data', 'training', 'worker', 'store', 'components', 'charts', 'cli', 'build', 'persistence'], 'src/engine imports nothing from other layers.'),
      ]),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'self', 'fetch', 'indexedDB', 'localStorage', 'requestAnimationFrame', 'process'],
    },
  },
  {
    files: ['src/search/**/*.ts'],
    rules: {
      ...restrict([
        { group: [...TFJS, ...UI_LIBS, 'idb', 'node:*'], message: 'src/search is the pure search loop: no tfjs, UI, storage or Node APIs.' },
        ...layer(['data', 'training', 'worker', 'store', 'components', 'charts', 'cli', 'build', 'persistence'], 'src/search may import only src/engine.'),
      ]),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'fetch', 'indexedDB', 'localStorage', 'requestAnimationFrame', 'process'],
    },
  },
  {
    files: ['src/data/**/*.ts'],
    rules: restrict([
      { group: [...TFJS, ...UI_LIBS], message: 'src/data loads bytes; tfjs lives in src/training only.' },
      ...layer(['training', 'worker', 'store', 'components', 'charts', 'cli'], 'src/data may import only src/engine.'),
    ]),
  },
  {
    files: ['src/training/**/*.ts'],
    rules: restrict([
      { group: UI_LIBS, message: 'src/training has no UI.' },
      ...layer(['worker', 'store', 'components', 'charts', 'cli'], 'src/training may import only src/engine, src/data and src/search.'),
    ]),
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: restrict([
      { group: [...TFJS, ...UI_LIBS], message: 'src/worker reaches tfjs through src/training.' },
      ...layer(['store', 'components', 'charts', 'cli'], 'src/worker may not import the UI layers.'),
    ]),
  },
  {
    files: ['src/bench/**/*.ts'],
    rules: restrict([
      { group: [...TFJS, ...UI_LIBS], message: 'The benchmark page reaches tfjs through src/training.' },
      ...layer(['store', 'components', 'charts', 'cli', 'persistence'], 'The benchmark page measures training only.'),
    ]),
  },
  {
    files: ['src/persistence/**/*.ts'],
    rules: restrict([
      { group: [...TFJS, ...UI_LIBS], message: 'src/persistence stores plain data.' },
      ...layer(['training', 'worker', 'store', 'components', 'charts', 'cli'], 'src/persistence may import only src/engine and src/search types.'),
    ]),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: restrict([
      { group: [...TFJS, 'react-dom', 'recharts'], message: 'src/store holds state and actions, not rendering or tfjs.' },
      ...layer(['training', 'components', 'charts', 'cli'], 'src/store talks to training through src/worker.'),
    ]),
  },
  {
    files: ['src/charts/**/*.{ts,tsx}'],
    rules: restrict([
      { group: [...TFJS, 'zustand', 'zustand/*'], message: 'Charts take plain data as props.' },
      ...layer(['store', 'training', 'worker', 'persistence', 'cli'], 'Charts take plain data as props.'),
    ]),
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: restrict([
      { group: TFJS, message: 'Components reach training through the store and worker.' },
      ...layer(['training', 'cli'], 'Components reach training through the store and worker.'),
    ]),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict([
      { group: [...TFJS, ...UI_LIBS], message: 'The CLI reaches tfjs through src/training.' },
      ...layer(['store', 'components', 'charts'], 'The CLI is headless.'),
    ]),
  },
  {
    files: ['src/**/*.tsx', 'src/components/**/*.ts', 'src/store/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
