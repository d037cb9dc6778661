import { chromium } from 'playwright-core';

/** Where `npx playwright install chromium` puts Playwright's Chromium on this machine, installed or not. */
export function playwrightChromiumPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    // Playwright has no build for this platform.
    return undefined;
  }
}
