#!/usr/bin/env node
// Usage: node check-html.mjs FILE...
// Runs axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on each HTML file in headless Chromium at
// 1280 px and 320 px (and 1280 px in dark mode), fails if the page scrolls sideways at 320 px or
// makes a network request, prints every problem, and exits 1 if there was any.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { openPage, withBrowser } from './browser.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const RUNS = [
  { width: 1280, colorScheme: 'light' },
  { width: 320, colorScheme: 'light' },
  { width: 1280, colorScheme: 'dark' },
];

const files = process.argv.slice(2);
if (files.length === 0 || files.includes('--help')) {
  console.error('usage: node check-html.mjs FILE...');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

async function check(browser, file, run) {
  const where = `${file} at ${run.width}px (${run.colorScheme})`;
  const problems = [];
  const page = await openPage(browser, file, run.width, { colorScheme: run.colorScheme });
  try {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS,
    );
    for (const v of result.violations) {
      const nodes = v.nodes
        .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary || '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      problems.push(`${where}: [${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n${nodes}`);
    }
    if (run.width <= 320) {
      const overflow = await page.evaluate(() => {
        const root = document.documentElement;
        if (root.scrollWidth <= root.clientWidth) return null;
        const wide = [...document.body.querySelectorAll('*')]
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
          .slice(0, 5)
          .map((el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.className ? `.${el.className}` : ''));
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
      });
      if (overflow) {
        problems.push(
          `${where}: scrolls horizontally (content ${overflow.scrollWidth}px wide in ${overflow.clientWidth}px); ` +
            `too wide: ${overflow.wide.join(', ')}`,
        );
      }
    }
    for (const url of new Set(page.blocked)) problems.push(`${where}: made a network request to ${url}`);
  } finally {
    await page.close();
  }
  return problems;
}

let problems = [];
try {
  problems = await withBrowser(async (browser) => {
    const all = [];
    for (const file of files) {
      for (const run of RUNS) all.push(...(await check(browser, file, run)));
    }
    return all;
  });
} catch (err) {
  console.error(`check-html: ${err.message}`);
  process.exit(2);
}

for (const p of problems) console.log(p);
console.log(`check-html: ${files.length} file(s), ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
