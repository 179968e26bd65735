#!/usr/bin/env node
// Checks of the search page, served over HTTP by `decisions serve` (browsers let a page fetch
// the index only over HTTP). Every request off the page's own origin is blocked and reported.
//
//   node search.mjs queries FILE.json       FILE holds ["URL", ...]; prints, as JSON, for each:
//                                           the count shown, the results' titles and links, the
//                                           form's values, the paging links, the marked words,
//                                           the bytes fetched and the milliseconds from asking
//                                           for the page to its results shown
//   node search.mjs axe URL...              axe-core (the tags of check-html.mjs) at 1280 and
//                                           320 px, after the results are shown; no sideways
//                                           scrolling at 320 px
//   node search.mjs shot URL OUT.png WIDTH  a full-page screenshot once the results are shown
//   node search.mjs dom URL OUT.html        the page as the browser holds it once the results
//                                           are shown, for the Nu checker
//
// Exits 0 when all is well, 1 on problems, 2 when it could not run.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { withBrowser } from './browser.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function open(browser, url, width) {
  const page = await browser.newPage();
  const origin = new URL(url).origin;
  page.blocked = [];
  page.bytes = 0;
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('about:')) req.continue();
    else { page.blocked.push(u); req.abort('blockedbyclient'); }
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.loadingFinished', (e) => { page.bytes += e.encodedDataLength; });
  await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
  const start = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => {
    const box = document.getElementById('results');
    return !box || box.dataset.state === 'done' || box.dataset.state === 'failed';
  }, { timeout: 120000, polling: 20 });
  page.ms = Date.now() - start;
  return page;
}

async function queries(browser, file) {
  const urls = JSON.parse(await readFile(file, 'utf8'));
  const out = [];
  for (const url of urls) {
    const page = await open(browser, url, 1280);
    const seen = await page.evaluate(() => ({
      state: document.getElementById('results')?.dataset.state ?? null,
      status: document.getElementById('results-status')?.textContent ?? null,
      count: document.getElementById('results-count')?.textContent ?? null,
      results: [...document.querySelectorAll('#results-list > li')].map((li) => ({
        title: li.querySelector('h2').textContent,
        links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
        facts: [...li.querySelectorAll('dl.facts > div')].map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]),
      })),
      fields: Object.fromEntries([...(document.getElementById('search-form')?.elements ?? [])]
        .filter((e) => e.name).map((e) => [e.name, e.value])),
      pages: [...document.querySelectorAll('#results-pages a')].map((a) => ({ rel: a.rel, href: a.getAttribute('href') })),
    }));
    seen.url = url;
    seen.bytes = page.bytes;
    seen.ms = page.ms;
    seen.blocked = page.blocked;
    out.push(seen);
    await page.close();
  }
  console.log(JSON.stringify(out));
  return out.some((s) => s.blocked.length) ? 1 : 0;
}

async function axe(browser, urls) {
  const require = createRequire(import.meta.url);
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const problems = [];
  for (const url of urls) {
    for (const width of [1280, 320]) {
      const page = await open(browser, url, width);
      await page.addScriptTag({ content: source });
      const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS);
      for (const v of result.violations) {
        problems.push(`${url} at ${width}px: [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
      }
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      if (width === 320 && wide) problems.push(`${url} at 320px: scrolls horizontally`);
      const shown = await page.evaluate(() => document.querySelectorAll('#results-list > li').length);
      if (shown === 0) problems.push(`${url} at ${width}px: no results shown to check`);
      for (const u of new Set(page.blocked)) problems.push(`${url}: made a network request to ${u}`);
      await page.close();
    }
  }
  for (const p of problems) console.log(p);
  return problems.length ? 1 : 0;
}

async function shot(browser, url, png, width) {
  const page = await open(browser, url, Number(width));
  await page.screenshot({ path: png, fullPage: true });
  await page.close();
  return 0;
}

async function dom(browser, url, out) {
  const page = await open(browser, url, 1280);
  const html = await page.evaluate(() => '<!DOCTYPE html>\n' + document.documentElement.outerHTML);
  await writeFile(out, html);
  await page.close();
  return 0;
}

const [mode, ...args] = process.argv.slice(2);
const modes = { queries: (b) => queries(b, args[0]), axe: (b) => axe(b, args), shot: (b) => shot(b, ...args), dom: (b) => dom(b, ...args) };
if (!modes[mode] || args.length === 0) {
  console.error('usage: node search.mjs queries FILE.json | axe URL... | shot URL OUT.png WIDTH | dom URL OUT.html');
  process.exit(2);
}
try {
  process.exitCode = await withBrowser(modes[mode]);
} catch (err) {
  console.error(`search.mjs: ${err.message}`);
  process.exit(2);
}
