// Shared launch of Debian's headless Chromium for the page checks: fixed flags, a fresh
// profile per run, and no network except local files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--font-render-hinting=none',
];

/** Runs `fn(browser)` with a browser on a throwaway profile, always cleaning up. */
export async function withBrowser(fn) {
  const profile = await mkdtemp(join(tmpdir(), 'decisions-chromium-'));
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      userDataDir: profile,
    });
    return await fn(browser);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  }
}

/**
 * Opens `file` in a new page at `width` px. Every request that is not for a local file or
 * inline data is blocked and recorded in `page.blocked`: a decision page must need no network.
 */
export async function openPage(browser, file, width, { colorScheme = 'light', media = 'screen' } = {}) {
  const page = await browser.newPage();
  page.blocked = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('about:')) {
      req.continue();
    } else {
      page.blocked.push(url);
      req.abort('blockedbyclient');
    }
  });
  await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
  // One call for both: puppeteer's emulateMediaType and emulateMediaFeatures each reset the other.
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setEmulatedMedia', {
    media,
    features: [{ name: 'prefers-color-scheme', value: colorScheme }],
  });
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
  return page;
}
