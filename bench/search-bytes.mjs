// The bytes Pagefind's client downloads for a first query, measured in Debian's headless
// Chromium: the site is served from 127.0.0.1, a page imports /pagefind/pagefind.js, runs
// search(q) and loads the data of the first 10 results, as Pagefind's UI does; every response
// under /pagefind/ is counted at its size on disk (Pagefind writes its index compressed).
//
//   node bench/search-bytes.mjs SITE_DIR QUERY [QUERY ...]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [siteDir, ...queries] = process.argv.slice(2);
const root = path.resolve(siteDir);
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  let file = path.join(root, decodeURIComponent(url.pathname));
  if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.html') ? 'text/html' : 'application/octet-stream';
  res.writeHead(200, { 'content-type': type });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const q of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched = new Set();
    page.on('response', (r) => {
      const p = new URL(r.url()).pathname;
      if (p.startsWith('/pagefind/')) fetched.add(p);
    });
    await page.goto(origin + '/index.html');
    const count = await page.evaluate(async (query) => {
      const pagefind = await import('/pagefind/pagefind.js');
      await pagefind.init();
      const search = await pagefind.search(query);
      await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      return search.results.length;
    }, q);
    let bytes = 0;
    for (const p of fetched) bytes += fs.statSync(path.join(root, decodeURIComponent(p))).size;
    console.log(`  ${JSON.stringify(q)}: ${count} results, ${fetched.size} files, ${bytes} bytes`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
