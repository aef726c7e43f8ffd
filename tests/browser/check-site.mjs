// Real-browser checks of a built casebook site, in Debian's headless Chromium.
//
//   node check-site.mjs SITE_DIR PATH [PATH ...]
//
// For every path (a page of the site, e.g. /prisoners/maks-bokayev/), the page is served from
// 127.0.0.1 and checked for: axe-core violations of impact serious or critical (WCAG 2.2 AA
// rules), any request leaving the local server (the site must load nothing from third parties),
// horizontal overflow at 320 px, and the same page opened from file:// rendering with its styles.
// Prints one line per page and a closing "N passed, N failed" line; exits 1 on any failure.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [siteDir, ...paths] = process.argv.slice(2);
if (!siteDir || paths.length === 0) {
  console.error('usage: node check-site.mjs SITE_DIR PATH [PATH ...]');
  process.exit(2);
}
const root = path.resolve(siteDir);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  console.error(`chromium not found at ${executablePath}: install Debian's chromium package`);
  process.exit(2);
}

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.xml': 'application/xml', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.txt': 'text/plain' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  let file = path.join(root, decodeURIComponent(url.pathname));
  if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let passed = 0;
let failed = 0;
try {
  for (const sitePath of paths) {
    const problems = [];
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, colorScheme: scheme, javaScriptEnabled: true });
      const page = await context.newPage();
      const foreign = [];
      page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url()); });
      const response = await page.goto(origin + sitePath, { waitUntil: 'load' });
      if (!response || response.status() !== 200) problems.push(`HTTP ${response && response.status()}`);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        return await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      });
      for (const v of result.violations) {
        if (v.impact === 'serious' || v.impact === 'critical') {
          problems.push(`[${scheme}] axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
        }
      }
      if (foreign.length) problems.push(`requests outside the site: ${foreign.join(', ')}`);
      if (scheme === 'light') {
        // Citations: every in-page link lands; a numbered reference is read as "source N" in the
        // page's language, leads to its entry in the source list, and that entry links back.
        const refWord = sitePath.startsWith('/ru/') ? 'источник' : sitePath.startsWith('/kk/') ? 'дереккөз' : 'source';
        const cites = await page.evaluate(() => {
          const refs = [...document.querySelectorAll('a.ref')];
          const broken = [...document.querySelectorAll('a[href^="#"]')]
            .map((a) => decodeURIComponent(a.getAttribute('href').slice(1)))
            .filter((id) => id && !document.getElementById(id));
          return { count: refs.length, labels: refs.map((a) => a.getAttribute('aria-label')), broken };
        });
        if (cites.broken.length) problems.push(`links to anchors that are not on the page: ${cites.broken.slice(0, 5).join(', ')}`);
        const badLabels = cites.labels.filter((l) => !new RegExp(`^${refWord} [1-9][0-9]*$`).test(l || ''));
        if (badLabels.length) problems.push(`references not read as "${refWord} N": ${badLabels.slice(0, 3).join(', ')}`);
        if (cites.count) {
          await page.locator('a.ref').first().click();
          const back = await page.evaluate(() => {
            const target = document.querySelector(':target');
            if (!target || !target.closest('ol.sources')) return null;
            const link = target.querySelector('.cited-by a');
            return link ? link.getAttribute('href') : null;
          });
          if (!back) {
            problems.push('the first source reference does not lead to a source that links back to its facts');
          } else {
            await page.locator('ol.sources li:target .cited-by a').first().click();
            const landed = await page.evaluate(() => { const t = document.querySelector(':target'); return t ? t.id : null; });
            if (!landed || `#${landed}` !== back) problems.push(`the back-link ${back} does not land on its fact`);
          }
          await page.goto(origin + sitePath, { waitUntil: 'load' });
        }
        await page.setViewportSize({ width: 320, height: 640 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`at 320 px the page is ${overflow} px wider than the screen`);
        const lang = await page.evaluate(() => document.documentElement.lang);
        if (!lang) problems.push('no lang attribute on <html>');
      }
      await context.close();
    }
    // The same page from disk: styles and relative links must work without a server.
    const fileContext = await browser.newContext();
    const filePage = await fileContext.newPage();
    const fileTarget = path.join(root, sitePath.endsWith('/') ? sitePath + 'index.html' : sitePath);
    await filePage.goto('file://' + fileTarget, { waitUntil: 'load' });
    const fileCheck = await filePage.evaluate(() => {
      const links = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
      const internal = links.filter((h) => !/^(https?:|mailto:|#)/.test(h));
      const badLinks = internal.filter((h) => !/index\.html(#.*)?$|\.(xml|txt|css|html)(#.*)?$/.test(h.split('?')[0]));
      return { styled: getComputedStyle(document.body).marginTop === '0px', internal: internal.length, badLinks };
    });
    if (!fileCheck.styled) problems.push('from file:// the page is not styled');
    if (fileCheck.badLinks.length) problems.push(`links that do not open from disk: ${fileCheck.badLinks.slice(0, 5).join(', ')}`);
    await fileContext.close();

    if (problems.length) {
      failed += 1;
      console.log(`FAIL ${sitePath}`);
      for (const p of problems) console.log(`  ${p}`);
    } else {
      passed += 1;
      console.log(`ok   ${sitePath}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
