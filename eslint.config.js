import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { CONSTANT_NAME_PATTERN, LAYERS, LIBRARY_GROUPS, TESTS, layerFiles, layerImportRegex } from './eslint/layers.js';

const SEE_README = 'README.md, "Project layout"';
const OUTSIDE_SRC = { regex: '^(\\.\\./)+(tests|dist)(/|$)', message: 'src imports neither tests nor build output.' };

/** A layer's name in messages: its folder without the slash. */
const layerLabel = (name) => LAYERS[name].folder.replace(/\/$/, '');

/** What a layer may import, in the README's words: "store, charts, engine (data), search (types), …". */
function allowedImports(name) {
  const entries = Object.entries(LAYERS[name].imports).map(([layer, access]) => (access === 'all' ? layer : `${layer} (${access})`));
  return entries.length ? entries.join(', ') : 'no other layer';
}

function libraryUsers(group) {
  const users = Object.keys(LAYERS).filter((name) => LAYERS[name].libraries.includes(group));
  return [...users.map(layerLabel), 'tests'].join(', ');
}

/** The pattern for one other layer: banned, or open only to types (and constants, for 'data'). */
function layerPattern(name, other) {
  const own = layerLabel(name);
  const message = `${own} may import ${allowedImports(name)} (${SEE_README}).`;
  const regex = layerImportRegex(other);
  switch (LAYERS[name].imports[other]) {
    case 'types':
      return { regex, allowTypeImports: true, message: `${message} From src/${other}, types only (import type).` };
    case 'data':
      return {
        regex,
        allowTypeImports: true,
        allowImportNamePattern: CONSTANT_NAME_PATTERN,
        message: `${message} From src/${other}, types and SCREAMING_CASE constants only; its functions reach ${own} through src/store.`,
      };
    default:
      return { regex, message };
  }
}

/** Every `no-restricted-imports` pattern of a layer: the layers it may not use wholly, the library groups it may not use. */
function layerPatterns(name) {
  const { imports, libraries } = LAYERS[name];
  const importable = Object.keys(LAYERS).filter((other) => other !== name && LAYERS[other].folder.endsWith('/'));
  return [
    ...importable.filter((other) => imports[other] !== 'all').map((other) => layerPattern(name, other)),
    ...Object.entries(LIBRARY_GROUPS)
      .filter(([group]) => !libraries.includes(group))
      .map(([group, { what, regex }]) => ({ regex, message: `${what}: only in ${libraryUsers(group)}, not ${layerLabel(name)} (${SEE_README}).` })),
    OUTSIDE_SRC,
  ];
}

const restrictImports = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** The layering, enforced: one block per layer of eslint/layers.js, and one for the tests. */
const layerBlocks = [
  ...Object.keys(LAYERS).map((name) => ({ files: layerFiles(LAYERS[name]), rules: restrictImports(layerPatterns(name)) })),
  {
    files: layerFiles(TESTS),
    rules: restrictImports([{ regex: '^(\\.\\./)+dist(/|$)', message: 'Tests import the sources; the browser tests reach dist/ through the preview server.' }]),
  },
];

/** Browser and worker globals that src/engine and src/search, pure TypeScript, never touch. */
const HOST_GLOBALS = ['window', 'document', 'navigator', 'fetch', 'indexedDB', 'localStorage', 'requestAnimationFrame', 'process'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/artifacts/**', 'src/training/stepKernel/assembly/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerBlocks,
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: { 'no-restricted-globals': ['error', ...HOST_GLOBALS, 'self'] },
  },
  {
    files: ['src/search/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...HOST_GLOBALS] },
  },
  {
    files: ['src/**/*.tsx', 'src/components/**/*.ts', 'src/store/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
