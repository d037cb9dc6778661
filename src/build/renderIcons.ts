/**
 * Renders the app icons' PNGs from their SVGs with Chromium (`npm run icons`); the PNGs are
 * committed, so a build needs no browser. Rerun after editing public/icon*.svg.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { findChromium, hostLookup } from './findChromium.ts';
import { playwrightChromiumPath } from './playwrightChromium.ts';

const RENDERS = [
  { svg: 'public/icon.svg', png: 'public/icon-192.png', sizePx: 192 },
  { svg: 'public/icon.svg', png: 'public/icon-512.png', sizePx: 512 },
  { svg: 'public/icon.svg', png: 'public/apple-touch-icon.png', sizePx: 180 },
  { svg: 'public/icon-maskable.svg', png: 'public/icon-maskable-512.png', sizePx: 512 },
];

const found = findChromium(hostLookup(playwrightChromiumPath));
if (!found) throw new Error('npm run icons needs Chromium: install it or set CHROMIUM_PATH.');
const browser = await chromium.launch({ executablePath: found.executablePath, args: ['--no-sandbox'] });
try {
  for (const { svg, png, sizePx } of RENDERS) {
    const page = await browser.newPage({ viewport: { width: sizePx, height: sizePx } });
    const dataUrl = `data:image/svg+xml;base64,${(await readFile(svg)).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${dataUrl}" width="${sizePx}" height="${sizePx}">`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await writeFile(png, await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`${png}: ${sizePx}×${sizePx} from ${svg}`);
  }
} finally {
  await browser.close();
}
