#!/usr/bin/env node
// Usage: node screenshot.mjs FILE OUT.png WIDTH [light|dark|print]
// Saves a full-page screenshot of an HTML file in headless Chromium, for looking at layouts.
import { openPage, withBrowser } from './browser.mjs';

const [file, out, widthArg, mode = 'light'] = process.argv.slice(2);
const width = Number.parseInt(widthArg ?? '', 10);
if (!file || !out || !Number.isFinite(width) || width < 100 || !['light', 'dark', 'print'].includes(mode)) {
  console.error('usage: node screenshot.mjs FILE OUT.png WIDTH [light|dark|print]');
  process.exit(2);
}

try {
  await withBrowser(async (browser) => {
    const page = await openPage(browser, file, width, {
      colorScheme: mode === 'dark' ? 'dark' : 'light',
      media: mode === 'print' ? 'print' : 'screen',
    });
    await page.screenshot({ path: out, fullPage: true });
    for (const url of new Set(page.blocked)) console.error(`screenshot: blocked a network request to ${url}`);
  });
} catch (err) {
  console.error(`screenshot: ${err.message}`);
  process.exit(2);
}
console.log(`screenshot: ${out} (${width}px, ${mode})`);
