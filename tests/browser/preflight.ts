import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { findChromium, hostLookup, NO_BROWSER_MESSAGE, type ChromiumLookup } from '../../src/build/findChromium.ts';
import { playwrightChromiumPath } from '../../src/build/playwrightChromium.ts';

/** Installs Playwright's Chromium; returns whether the installer succeeded. */
export type InstallChromium = () => boolean;

/**
 * Before the browser tests: finds a Chromium, or installs Playwright's own when none is found.
 * Returns the exit code: 0 with a browser to use, 1 with the one line saying what to install.
 */
export function preflight(lookup: ChromiumLookup, install: InstallChromium, log: (line: string) => void): number {
  let found;
  try {
    found = findChromium(lookup);
  } catch (error) {
    log(`browser tests: ${(error as Error).message}`);
    return 1;
  }
  if (!found) {
    log('browser tests: no system Chromium or Chrome found; installing Playwright\'s Chromium (npx playwright install chromium).');
    found = install() ? findChromium(lookup) : undefined;
  }
  if (!found) {
    log(NO_BROWSER_MESSAGE);
    return 1;
  }
  log(`browser tests: Chromium from ${found.source} at ${found.executablePath}`);
  return 0;
}

const installWithPlaywright: InstallChromium = () =>
  spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = preflight(hostLookup(playwrightChromiumPath), installWithPlaywright, (line) => console.log(line));
}
