#!/usr/bin/env node
// Usage: node follow-pages.mjs START.html LINK-TEXT...
// With JavaScript disabled in headless Chromium, opens START and follows the first link whose
// text is one of LINK-TEXT (e.g. "Older decisions", "Next page") from page to page until
// there is none, and prints, one per line, every decision page the visited pages link to
// (`decisions/<slug>/decision.html` as `slug`), then `pages: N`.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withBrowser, openPage } from './browser.mjs';

const [start, ...texts] = process.argv.slice(2);
if (!start || texts.length === 0) {
  console.error('usage: node follow-pages.mjs START.html LINK-TEXT...');
  process.exit(2);
}

try {
  await withBrowser(async (browser) => {
    const page = await openPage(browser, start, 1280);
    await page.setJavaScriptEnabled(false);
    let url = pathToFileURL(resolve(start)).href;
    const seen = new Set();
    let pages = 0;
    while (url && !seen.has(url) && pages < 10000) {
      seen.add(url);
      await page.goto(url, { waitUntil: 'load' });
      pages += 1;
      const found = await page.evaluate((texts) => {
        const links = [...document.querySelectorAll('main a')];
        const decisions = links
          .map((a) => a.href.match(/decisions\/([^/]+)\/decision\.html$/))
          .filter(Boolean)
          .map((m) => m[1]);
        const next = links.find((a) => texts.includes(a.textContent.trim()));
        return { decisions, next: next ? next.href : null };
      }, texts);
      for (const d of found.decisions) console.log(d);
      url = found.next;
    }
    console.log(`pages: ${pages}`);
  });
} catch (err) {
  console.error(`follow-pages: ${err.message}`);
  process.exit(2);
}
