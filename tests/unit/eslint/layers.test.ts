import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, LIBRARY_GROUPS, TESTS } from '../../../eslint/layers.js';

const ROOT = join(import.meta.dirname, '../../..');

type Access = 'all' | 'data' | 'types';
type LayerName = keyof typeof LAYERS;
type GroupName = keyof typeof LIBRARY_GROUPS;
const LAYER_NAMES = Object.keys(LAYERS) as LayerName[];
const GROUP_NAMES = Object.keys(LIBRARY_GROUPS) as GroupName[];

interface TableRow {
  imports: Record<string, string> | string;
  libraries: string[] | string;
}

/** The "Project layout" table of README.md, by folder: `src/engine/` → its "may import" and "libraries" cells. */
function readmeLayerTable(): Map<string, TableRow> {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const header = lines.indexOf('| folder | holds | may import | libraries |');
  expect(header, 'the layer table\'s header in README.md').toBeGreaterThan(lines.indexOf('## Project layout'));
  const end = lines.findIndex((line, index) => index > header && !line.startsWith('|'));
  const rows = new Map<string, TableRow>();
  for (const line of lines.slice(header + 2, end)) {
    const [folder, , mayImport, libraries] = line.split('|').slice(1, -1).map((cell) => cell.trim());
    rows.set(folder!.replaceAll('`', ''), { imports: parseImports(mayImport!), libraries: parseList(libraries!) });
  }
  return rows;
}

/** "store, charts, engine (data), search (types)" → { store: 'all', charts: 'all', engine: 'data', search: 'types' }. */
function parseImports(cell: string): Record<string, string> | string {
  if (cell.startsWith('every')) return cell;
  const entries = parseList(cell) as string[];
  return Object.fromEntries(
    entries.map((entry) => {
      const match = /^(\w+)(?: \((data|types)\))?$/.exec(entry);
      if (!match) throw new Error(`README layer table: cannot read "${entry}"`);
      return [match[1]!, match[2] ?? 'all'];
    }),
  );
}

function parseList(cell: string): string[] | string {
  if (cell === '—') return [];
  if (cell.startsWith('every')) return cell;
  return cell.split(',').map((entry) => entry.trim());
}

describe('the layer table', () => {
  it("is the README's, layer by layer", () => {
    const readme = readmeLayerTable();
    const expected = new Map<string, TableRow>([
      ...LAYER_NAMES.map((name): [string, TableRow] => [LAYERS[name].folder, { imports: LAYERS[name].imports, libraries: LAYERS[name].libraries }]),
      [TESTS.folder, { imports: TESTS.imports, libraries: TESTS.libraries }],
    ]);
    expect([...readme.keys()]).toEqual([...expected.keys()]);
    for (const [folder, row] of expected) expect(readme.get(folder), folder).toEqual(row);
  });

  it('has a layer for every folder under src, and no folder inside a layer is named like one', () => {
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.map((f) => `src/${f.name}/`).sort()).toEqual(LAYER_NAMES.map((name) => LAYERS[name].folder).filter((f) => f.endsWith('/')).sort());
    // The rules recognise a layer by a relative path ending in its folder's name ('../engine/…'), so a
    // src/store/engine/ would read as src/engine.
    const nested = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.parentPath !== join(ROOT, 'src'))
      .map((entry) => entry.name);
    expect(nested.filter((name) => name in LAYERS)).toEqual([]);
  });

  it('names only the layers and library groups it defines', () => {
    for (const name of LAYER_NAMES) {
      const imports = Object.keys(LAYERS[name].imports);
      expect(imports.filter((other) => !(other in LAYERS) || other === name), name).toEqual([]);
      expect(LAYERS[name].libraries.filter((group) => !(group in LIBRARY_GROUPS)), name).toEqual([]);
    }
  });
});

/** A module each library group restricts. */
const LIBRARY_SAMPLES: Record<GroupName, string> = { tfjs: '@tensorflow/tfjs', ui: 'react', idb: 'idb', node: 'node:fs' };

interface Probe {
  line: string;
  reported: boolean;
}

/** A file in the layer, and the import path from it to another layer's folder. */
function probeFile(name: LayerName): { filePath: string; pathTo: (other: string) => string } {
  if (name === 'main') return { filePath: join(ROOT, 'src/main.tsx'), pathTo: (other) => `./${other}` };
  return { filePath: join(ROOT, LAYERS[name].folder, 'layerProbe.ts'), pathTo: (other) => `../${other}` };
}

/** One import line per case: each other layer as a value, a function, a constant and a type; each library group. */
function probes(name: LayerName): Probe[] {
  const { imports, libraries } = LAYERS[name];
  const { pathTo } = probeFile(name);
  const layerProbes = LAYER_NAMES.filter((other) => other !== name && other !== 'main').flatMap((other): Probe[] => {
    const access = (imports as Record<string, string>)[other] as Access | undefined;
    const from = `'${pathTo(other)}/module.ts'`;
    return [
      { line: `import { someFunction } from ${from};`, reported: access !== 'all' },
      { line: `import { SOME_CONSTANT } from ${from};`, reported: access !== 'all' && access !== 'data' },
      { line: `import type { SomeType } from ${from};`, reported: access === undefined },
    ];
  });
  const libraryProbes = GROUP_NAMES.map((group) => ({ line: `import '${LIBRARY_SAMPLES[group]}';`, reported: !(libraries as string[]).includes(group) }));
  return [{ line: `import { neighbour } from './neighbour.ts';`, reported: false }, ...layerProbes, ...libraryProbes];
}

async function reportedLines(eslint: ESLint, text: string, filePath: string): Promise<number[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);
}

describe("ESLint's layer rules", () => {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.js') });

  it.each(LAYER_NAMES)('report exactly the imports %s may not make', async (name) => {
    const cases = probes(name);
    const reported = await reportedLines(eslint, cases.map((c) => c.line).join('\n'), probeFile(name).filePath);
    const linesReported = cases.map((c, index) => ({ line: c.line, reported: reported.includes(index + 1) }));
    expect(linesReported).toEqual(cases);
  });

  it('report a source file importing tests or build output', async () => {
    const text = "import { preflight } from '../../tests/browser/preflight.ts';\nimport '../../dist/index.js';\n";
    expect(await reportedLines(eslint, text, join(ROOT, 'src/engine/layerProbe.ts'))).toEqual([1, 2]);
  });

  it('let tests import every layer and library, but not the build output', async () => {
    const lines = [
      ...LAYER_NAMES.filter((name) => name !== 'main').map((name) => `import { someFunction } from '../../../src/${name}/module.ts';`),
      ...GROUP_NAMES.map((group) => `import '${LIBRARY_SAMPLES[group]}';`),
      "import '../../../dist/index.js';",
    ];
    expect(await reportedLines(eslint, lines.join('\n'), join(ROOT, 'tests/unit/engine/layerProbe.test.ts'))).toEqual([lines.length]);
  });
});
