import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const TOKENS = 'src/styles/tokens.css';

/** Every stylesheet under src, as [path from the repository root, text without comments]. */
function stylesheets(): [string, string][] {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.css'));
  return files.map((file) => [relative(ROOT, join(ROOT, 'src', file)), readFileSync(join(ROOT, 'src', file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')]);
}

/** The selectors of a stylesheet's top-level rules (those inside @media or @container left out). */
function topLevelSelectors(css: string): string[] {
  const selectors: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    if (css[i] === '{') {
      if (depth === 0 && !css.slice(start, i).trim().startsWith('@')) selectors.push(css.slice(start, i).trim().replace(/\s+/g, ' '));
      depth++;
    } else if (css[i] === '}') {
      depth--;
      if (depth === 0) start = i + 1;
    } else if (css[i] === ';' && depth === 0) start = i + 1;
  }
  return selectors;
}

describe('stylesheets', () => {
  it('space and size text only by the scales of tokens.css (a 1px hairline aside)', () => {
    const literals: string[] = [];
    for (const [path, css] of stylesheets()) {
      if (path === TOKENS) continue;
      for (const match of css.matchAll(/(?:^|[;{\s])((?:padding|margin)(?:-[a-z-]+)?|gap|row-gap|column-gap|font-size)\s*:\s*([^;}]*)/g)) {
        const px = match[2]!.match(/-?\d*\.?\d+px/g)?.filter((value) => value !== '1px' && value !== '-1px') ?? [];
        if (px.length > 0) literals.push(`${path}: ${match[1]}: ${match[2]!.trim()}`);
      }
    }
    expect(literals).toEqual([]);
  });

  it('define each top-level rule once per file', () => {
    const repeated: string[] = [];
    for (const [path, css] of stylesheets()) {
      const selectors = topLevelSelectors(css);
      expect(selectors.length, `${path} has rules`).toBeGreaterThan(0);
      for (const selector of new Set(selectors)) {
        if (selectors.filter((s) => s === selector).length > 1) repeated.push(`${path}: ${selector}`);
      }
    }
    expect(repeated).toEqual([]);
  });

  it('map a status to its colours in tokens.css alone', () => {
    const mappings = stylesheets()
      .filter(([, css]) => /--status-(color|soft)\s*:/.test(css))
      .map(([path]) => path);
    expect(mappings).toEqual([TOKENS]);
    const tokens = readFileSync(join(ROOT, TOKENS), 'utf8');
    for (const status of ['running', 'completed', 'failed', 'interrupted', 'diverged', 'done', 'stopped', 'paused']) {
      expect(tokens, status).toContain(`[data-status='${status}']`);
    }
  });
});
