import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the browser tests' Chromium comes from, in the order they are tried. */
export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'playwright';

export interface FoundChromium {
  executablePath: string;
  source: ChromiumSource;
}

export interface ChromiumLookup {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  exists: (path: string) => boolean;
  /** Where Playwright's own Chromium is (or would be) installed; undefined if Playwright cannot say. */
  playwrightChromiumPath: () => string | undefined;
}

/** The one line printed where no browser can be had. */
export const NO_BROWSER_MESSAGE =
  'browser tests: no Chromium found. Install Chromium or Google Chrome, or run `npx playwright install chromium` while online, or set CHROMIUM_PATH to a Chromium-based browser.';

/** System Chromium and Chrome locations, most specific first. */
export function systemChromiumCandidates(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  if (platform === 'darwin') {
    const apps = ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome'];
    const home = env.HOME;
    return [...apps.map((app) => `/Applications/${app}`), ...(home ? apps.map((app) => `${home}/Applications/${app}`) : [])];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    const exes = [join('Chromium', 'Application', 'chrome.exe'), join('Google', 'Chrome', 'Application', 'chrome.exe')];
    return roots.flatMap((root) => exes.map((exe) => join(root, exe)));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
  ];
}

/**
 * CHROMIUM_PATH, then a system Chromium or Chrome, then Playwright's own Chromium if installed.
 * Throws when CHROMIUM_PATH names a file that does not exist: a wrong setting must not silently
 * fall back to another browser.
 */
export function findChromium(lookup: ChromiumLookup): FoundChromium | undefined {
  const configured = lookup.env.CHROMIUM_PATH;
  if (configured) {
    if (!lookup.exists(configured)) throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist.`);
    return { executablePath: configured, source: 'CHROMIUM_PATH' };
  }
  const system = systemChromiumCandidates(lookup.platform, lookup.env).find((path) => lookup.exists(path));
  if (system) return { executablePath: system, source: 'system' };
  const bundled = lookup.playwrightChromiumPath();
  if (bundled && lookup.exists(bundled)) return { executablePath: bundled, source: 'playwright' };
  return undefined;
}

export function hostLookup(playwrightChromiumPath: () => string | undefined): ChromiumLookup {
  return { env: process.env, platform: process.platform, exists: existsSync, playwrightChromiumPath };
}
