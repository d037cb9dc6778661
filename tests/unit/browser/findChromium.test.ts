import { describe, expect, it } from 'vitest';
import { findChromium, NO_BROWSER_MESSAGE, type ChromiumLookup } from '../../../src/build/findChromium.ts';
import { preflight } from '../../browser/preflight.ts';

const BUNDLED = '/home/me/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

function lookup(files: string[], env: Record<string, string> = {}, platform: NodeJS.Platform = 'linux'): ChromiumLookup {
  // Reads `files` at each call, so an install during the test shows.
  return { env, platform, exists: (path) => files.includes(path), playwrightChromiumPath: () => BUNDLED };
}

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH over every other browser', () => {
    expect(findChromium(lookup(['/opt/my/chrome', '/usr/bin/chromium', BUNDLED], { CHROMIUM_PATH: '/opt/my/chrome' }))).toEqual({
      executablePath: '/opt/my/chrome',
      source: 'CHROMIUM_PATH',
    });
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of using another browser', () => {
    expect(() => findChromium(lookup(['/usr/bin/chromium'], { CHROMIUM_PATH: '/missing/chrome' }))).toThrow(/CHROMIUM_PATH.*\/missing\/chrome/);
  });

  it('takes a system browser on Linux, macOS and Windows before Playwright\'s', () => {
    expect(findChromium(lookup(['/usr/bin/google-chrome', BUNDLED]))).toEqual({ executablePath: '/usr/bin/google-chrome', source: 'system' });
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium(lookup([mac, BUNDLED], {}, 'darwin'))?.executablePath).toBe(mac);
    const windows = lookup([], { PROGRAMFILES: 'C:\\Program Files' }, 'win32');
    const windowsChrome = ['C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'].join(process.platform === 'win32' ? '\\' : '/');
    expect(findChromium({ ...windows, exists: (path) => path === windowsChrome })?.executablePath).toBe(windowsChrome);
  });

  it('falls back to Playwright\'s Chromium only when it is installed', () => {
    expect(findChromium(lookup([BUNDLED]))).toEqual({ executablePath: BUNDLED, source: 'playwright' });
    expect(findChromium(lookup([]))).toBeUndefined();
  });
});

describe('preflight', () => {
  it('installs Playwright\'s Chromium when none is found, saying so in one line', () => {
    const files: string[] = [];
    const lines: string[] = [];
    const code = preflight(lookup(files), () => (files.push(BUNDLED), true), (line) => lines.push(line));
    expect(code).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/installing Playwright's Chromium/), `browser tests: Chromium from playwright at ${BUNDLED}`]);
  });

  it('exits non-zero with the one line saying what to install when the install fails (offline)', () => {
    const lines: string[] = [];
    expect(preflight(lookup([]), () => false, (line) => lines.push(line))).toBe(1);
    expect(lines.at(-1)).toBe(NO_BROWSER_MESSAGE);
  });

  it('installs nothing when a system browser is there', () => {
    let installs = 0;
    expect(preflight(lookup(['/usr/bin/chromium']), () => (installs++, true), () => undefined)).toBe(0);
    expect(installs).toBe(0);
  });
});
