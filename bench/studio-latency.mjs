// studio-latency.mjs - how long the studio's preview takes to show an
// edit, in Debian's Chromium (Playwright, as tests/studio), for
// bench/studio.sh.  For each round: a word is typed into the name of an
// indicator and the clock starts at the last keystroke (the typing
// pause); it stops when pdf.js's text layer holds the word (the reader
// can see and select it).  The time includes the studio's debounce
// (DELAY in studio/app.js), the check and render requests, pdf.js
// drawing the pages and building their text layers.
//
// env: RG_URL, ROUNDS (default 15), INDICATOR ('' all forms, else one).
// Prints one JSON line: {indicator, pages, rounds, ms: [...], split:
// [...]} (split: each round's steps, from the studio's state.times and
// the render's Server-Timing) and the studio's status line.
import { openChromium } from '../tests/studio/chromium.mjs';

const base = process.env.RG_URL;
const rounds = Number(process.env.ROUNDS || 15);
const indicator = process.env.INDICATOR || '';
const { context, close } = await openChromium('rg-bench-');
await context.route('**/*', (r) => (r.request().url().startsWith(base) ? r.continue() : r.abort()));
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(60000);
await page.goto(`${base}?file=indicators-2562.xml`);
const drawn = () => page.waitForFunction(() => {
  const p = document.querySelector('#preview');
  return p.dataset.pages && p.dataset.drawn === p.dataset.pages;
});
await drawn();
if (indicator) {
  await page.selectOption('#indicator', indicator);
  await page.waitForFunction((n) => document.querySelector('#indicator').value === n, indicator);
  await drawn();
}
// the <name> of the chosen indicator (else of the first), cursor after <name>
const at = await page.evaluate((ind) => {
  const { cm } = window.studio;
  const lines = cm.getValue().split('\n');
  let line = ind ? lines.findIndex((l) => l.includes(`<indicator number="${ind}"`)) : 0;
  while (line < lines.length && !lines[line].includes('<name>')) line++;
  return { line, ch: lines[line].indexOf('<name>') + 6 };
}, indicator);
// the time of the last keystroke, taken by the page itself
await page.evaluate(() => document.addEventListener('keydown', () => {
  window.lastKey = performance.now();
}, true));
const ms = [];
const split = [];
for (let i = 0; i < rounds; i++) {
  const word = `LAT${i}X${Date.now() % 100000} `;
  await page.evaluate(({ line, ch }) => {
    window.studio.cm.focus();
    window.studio.cm.setCursor({ line, ch });
  }, at);
  await page.keyboard.type(word, { delay: 20 });
  const t0 = await page.evaluate(() => window.lastKey);
  const t1 = await (await page.waitForFunction((w) => {
    const hit = [...document.querySelectorAll('#preview .textLayer')]
      .some((t) => t.textContent.includes(w.trim()));
    return hit ? performance.now() : false;
  }, word, { polling: 'raf' })).jsonValue();
  ms.push(Math.round(t1 - t0));
  // where the time went: the studio's marks of the round that showed it
  const t = await page.evaluate(() => window.studio.state.times);
  const server = (h) => Object.fromEntries((h || '').split(',').filter((x) => x.includes('dur='))
    .map((x) => [x.trim().split(';')[0], Number(x.split('dur=')[1])]));
  const sv = server(t.server);
  const serverMs = (sv.queue || 0) + (sv.load || 0) + (sv.render || 0);
  split.push({
    debounce: t.start - t0,
    request: t.rendered - t.start,          // check and render, in flight at once
    server: serverMs,                       // of the render: queue + load + layout and PDF
    parse: t.parsed - t.rendered,           // pdf.js: open the document
    layout: t.laid - t.parsed,              // pdf.js: every page's size
    draw: t.shown - t.laid,                 // canvas and text layer of the visible pages
    seen: t1 - t.shown,                     // until the page (polled each frame) holds the word
    bytes: t.bytes,
  });
  await drawn();
}
const pages = Number(await page.getAttribute('#preview', 'data-pages'));
const status = await page.$eval('#status', (s) => s.textContent);
console.log(JSON.stringify({ indicator: indicator || 'all', pages, rounds, ms, split, status }));
await close();
