// studio.test.mjs - the studio in a real browser: Playwright (playwright-core,
// no browser of its own) driving Debian's /usr/bin/chromium headless.
//
// Opens the studio served by `raingan serve` on loopback, then as a user
// would: types into the editor and waits for the pdf.js text layer to hold
// the new text (at the same scroll position); breaks the source and finds
// the underline with its message; asks for completion and gets the
// elements the schema allows there; saves and finds the file replaced
// atomically on disk; meets a file changed on disk and is asked before
// overwriting it; chooses an indicator and sees just its form; makes a
// new source (a Thai name), sees its form, and cannot make one over an
// existing file or outside the folder.  Every
// request the browser makes is checked to go to the server on 127.0.0.1;
// any other is aborted and fails the test.  Waits are bounded by
// Playwright's timeouts (guards), nothing is asserted about time.
//
// env: RG_URL (http://127.0.0.1:PORT/), RG_DIR (the served folder),
// RG_PAGES_12 (pages of `raingan preview -i 1.2`), RG_SHOTS (folder for
// screenshots, optional).
import fs from 'node:fs';
import path from 'node:path';
import { openChromium } from './chromium.mjs';

const base = process.env.RG_URL;
const dir = process.env.RG_DIR;
const shots = process.env.RG_SHOTS || '';
const file = path.join(dir, 'indicators-2562.xml');
let pass = 0;
let fail = 0;
function ok(what, cond) {
  if (cond) pass++;
  else fail++;
  console.log(`${cond ? 'ok  ' : 'FAIL'} - ${what}`);
}
async function shot(page, name) {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

const { context, close } = await openChromium('rg-chromium-');
const requests = [];
const foreign = [];
await context.route('**/*', (route) => {
  const url = route.request().url();
  requests.push(url);
  if (url.startsWith(base)) return route.continue();
  foreign.push(url);
  return route.abort();
});
context.on('request', (req) => {
  if (!req.url().startsWith(base) && !req.url().startsWith('data:') &&
      !req.url().startsWith('blob:')) foreign.push(req.url());
});
const page = context.pages()[0] || await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.setDefaultTimeout(60000);

const layerText = () => page.evaluate(() =>
  [...document.querySelectorAll('#preview .textLayer')].map((t) => t.textContent).join('\n'));
const drawnAll = () => page.waitForFunction(() => {
  const p = document.querySelector('#preview');
  return p.dataset.pages && p.dataset.drawn === p.dataset.pages;
});

try {
  // ---- open --------------------------------------------------------------------
  await page.goto(`${base}?file=indicators-2562.xml`);
  await drawnAll();
  const pages0 = Number(await page.getAttribute('#preview', 'data-pages'));
  const files = await page.$$eval('#files option', (o) => o.map((x) => x.value));
  ok('the studio lists the folder\'s sources', files.join(',') === 'indicators-2562.xml,summary-2564.xml');
  ok(`the whole source is rendered in the page (${pages0} pages)`, pages0 === 22);
  ok('the pdf.js text layer holds the form\'s text', (await layerText()).includes('1.1'));
  const cells = (sel) => page.$eval(sel, (tr) => [...tr.cells].map((c) => c.textContent).join('|'));
  ok('the scores of `raingan score` are shown (1.2: stated, weight 20, score 3, weighted 0.6)',
    (await cells('#scores tr[data-number="1.2"]')) === '1.2|stated|20|3|0.6|counted');
  ok('with the round\'s total (weight 70, score 4.4286, weighted 3.1)',
    (await cells('#scores tr[data-total]')) === 'total|5 counted|70|4.4286|3.1|');
  await shot(page, '1-open');

  // ---- edit: type, see the new text in the preview, at the same place ------------
  await page.evaluate(() => { document.querySelector('#preview').scrollTop = 1500; });
  const scroll0 = await page.$eval('#preview', (p) => p.scrollTop);
  const at = await page.evaluate(() => {
    const { cm } = window.studio;
    const line = cm.getValue().split('\n').findIndex((l) => l.includes('<name>ระดับความสำเร็จของกระบวนการ'));
    return { line, ch: cm.getLine(line).indexOf('<name>') + 6 };
  });
  await page.evaluate(({ line, ch }) => {
    window.studio.cm.focus();
    window.studio.cm.setCursor({ line, ch });
  }, at);
  await page.keyboard.type('QZXEDIT42 ');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#preview .textLayer')].some((t) => t.textContent.includes('QZXEDIT42')));
  ok('typing in the editor updates the preview: the text layer holds the new text', true);
  ok('the preview stays at the same scroll position',
    Math.abs((await page.$eval('#preview', (p) => p.scrollTop)) - scroll0) <= 1);
  ok('the edit is not saved by itself', !fs.readFileSync(file, 'utf8').includes('QZXEDIT42'));
  await shot(page, '2-edited');

  // ---- a broken edit: underline and message --------------------------------------
  const wline = await page.evaluate(() =>
    window.studio.cm.getValue().split('\n').findIndex((l) => l.includes('<indicator number="1.1" weight="30"')));
  await page.evaluate((line) => {
    const { cm } = window.studio;
    const ch = cm.getLine(line).indexOf('weight="30"') + 8;
    cm.focus();
    cm.setSelection({ line, ch }, { line, ch: ch + 2 });
  }, wline);
  await page.keyboard.type('300');
  const mark = await page.waitForSelector('.CodeMirror-lint-mark-error');
  const problem = await page.waitForSelector('#problems li.error');
  const ptext = await problem.textContent();
  const marked = await page.$$eval('.CodeMirror-lint-mark-error', (m) => m.map((x) => x.textContent).join(''));
  ok(`a broken edit is underlined in the editor (${marked})`, marked === 'weight="300"');
  ok('and its message is listed with file:line:col',
    ptext.includes(`indicators-2562.xml:${wline + 1}:`) && ptext.includes('weight="300" on <indicator> is out of range'));
  await mark.hover();
  const tip = await page.waitForSelector('.CodeMirror-lint-tooltip');
  ok('hovering the underline shows the message', (await tip.textContent()).includes('out of range'));
  ok('the preview keeps the last good form, dimmed',
    (await page.$eval('#preview', (p) => p.classList.contains('stale'))) && (await layerText()).includes('QZXEDIT42'));
  await shot(page, '3-broken');
  await page.mouse.move(5, 5);
  await page.evaluate((line) => {
    const { cm } = window.studio;
    const ch = cm.getLine(line).indexOf('weight="300"') + 8;
    cm.replaceRange('30', { line, ch }, { line, ch: ch + 3 });
  }, wline);
  await page.waitForFunction(() => !document.querySelector('#preview').classList.contains('stale') &&
    !document.querySelector('.CodeMirror-lint-mark-error'));
  ok('fixing it clears the underline and renders again', true);

  // ---- figures as the report writes them ----------------------------------------------
  const setWeight = (from, to) => page.evaluate(([line, a, b]) => {
    const { cm } = window.studio;
    const ch = cm.getLine(line).indexOf(`weight="${a}"`) + 8;
    cm.replaceRange(b, { line, ch }, { line, ch: ch + a.length });
  }, [wline, from, to]);
  await setWeight('30', '30.00');
  await page.waitForFunction(() => document.querySelector('#scores tr[data-number="1.1"]')
    ?.cells[2].textContent.startsWith('30.'));
  ok('a weight written 30.00 shows 30.00 in the scores, as on the form (not 30)',
    (await cells('#scores tr[data-number="1.1"]')).split('|')[2] === '30.00');
  await setWeight('30.00', '30');
  await page.waitForFunction(() => document.querySelector('#scores tr[data-number="1.1"]')
    ?.cells[2].textContent === '30');

  // ---- completion from the schema -----------------------------------------------------
  const metaLine = await page.evaluate(() =>
    window.studio.cm.getValue().split('\n').findIndex((l) => l.includes('<agency>')));
  await page.evaluate((line) => {
    const { cm } = window.studio;
    cm.focus();
    cm.setCursor({ line, ch: 0 });
    cm.replaceRange('\n', { line, ch: 0 });
    cm.setCursor({ line, ch: 0 });
  }, metaLine);
  await page.keyboard.type('<');
  const hints = await page.waitForSelector('.CodeMirror-hints');
  const offered = (await hints.$$eval('li', (l) => l.map((x) => x.textContent.replace(/^</, ''))));
  ok(`completion inside <meta> offers its elements (${offered.join(' ')})`,
    ['agency', 'department', 'fiscal-year', 'round', 'title', 'date'].every((e) => offered.includes(e)) &&
    !offered.includes('indicator'));
  await shot(page, '4-completion');
  await page.keyboard.press('Escape');
  await page.evaluate((line) => {
    const { cm } = window.studio;
    cm.replaceRange('', { line, ch: 0 }, { line: line + 1, ch: 0 });
  }, metaLine);
  await page.waitForFunction(() => !document.querySelector('#preview').classList.contains('stale') &&
    document.querySelector('#problems').children.length === 0);

  // ---- save ------------------------------------------------------------------------------
  const ino0 = fs.statSync(file).ino;
  await page.keyboard.press('Control+s');
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('saved'));
  const text = await page.evaluate(() => window.studio.cm.getValue());
  const disk = fs.readFileSync(file, 'utf8');
  ok('Ctrl-S saves the editor\'s text to the file', disk === text && disk.includes('QZXEDIT42'));
  ok('atomically: a new file renamed over the old (new inode), no temporary left',
    fs.statSync(file).ino !== ino0 && fs.readdirSync(dir).every((f) => f.endsWith('.xml')));

  // ---- a file changed on disk since it was opened ---------------------------------------------
  const theirs = disk.replace('QZXEDIT42', 'THEIRSAVE');
  fs.writeFileSync(`${file}.other`, theirs);
  fs.renameSync(`${file}.other`, file);
  await page.evaluate(() => {
    const { cm } = window.studio;
    cm.replaceRange('<!-- mine -->\n', { line: 1, ch: 0 });
  });
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('not saved'));
  ok('saving over a file changed on disk asks first', asked.includes('changed on disk'));
  ok('and, declined, leaves the other version on disk', fs.readFileSync(file, 'utf8') === theirs);
  page.once('dialog', (d) => d.accept());
  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('saved'));
  ok('accepted, it saves the editor\'s version',
    fs.readFileSync(file, 'utf8') === await page.evaluate(() => window.studio.cm.getValue()));

  // ---- one indicator -----------------------------------------------------------------------------
  await page.selectOption('#indicator', '1.2');
  await page.waitForFunction((n) => {
    const p = document.querySelector('#preview');
    return p.dataset.pages === String(n) && p.dataset.drawn === p.dataset.pages;
  }, Number(process.env.RG_PAGES_12));
  const layer = await layerText();
  ok(`choosing indicator 1.2 shows just its form (${process.env.RG_PAGES_12} pages, as preview -i 1.2)`,
    layer.includes('1.2') && !layer.includes('QZXEDIT42'));
  ok('its scores are marked in the table (and only its)',
    (await page.$$eval('#scores tr.chosen', (r) => r.map((x) => x.dataset.number).join(','))) === '1.2');
  ok('and its source is brought to the cursor in the editor',
    await page.evaluate(() => {
      const { cm } = window.studio;
      return cm.getLine(cm.getCursor().line).includes('<indicator number="1.2"');
    }));
  await shot(page, '5-indicator');
  // a click on another indicator's scores shows its form
  const before43 = await page.$eval('#preview', (p) => p.dataset.pages);
  await page.click('#scores tr[data-number="4.3"]');
  await page.waitForFunction(() => document.querySelector('#indicator').value === '4.3');
  await page.waitForFunction(() => [...document.querySelectorAll('#preview .textLayer')]
    .some((t) => t.textContent.includes('4.3')) && !document.querySelector('#preview .page[data-stale]'));
  // (spaces dropped; sara am as one character, as the source writes it)
  const layer43 = (await layerText()).replace(/\s+/g, '').replace(/\u0e4d\u0e32/g, '\u0e33');
  if (!layer43.includes('4.3ระดับความสำเร็จของการพัฒนาปรับปรุงสารสนเทศ')) console.log(layer43.slice(0, 600));
  ok(`clicking the scores of 4.3 shows its form instead (was ${before43} pages)`,
    layer43.includes('4.3ระดับความสำเร็จของการพัฒนาปรับปรุงสารสนเทศ') &&
    !layer43.includes('ระดับความสำเร็จของการขับเคลื่อนพื้นที่เป้าหมาย') && layer43.includes('ระดับความสำเร็จ') &&
    (await page.$$eval('#scores tr.chosen', (r) => r.map((x) => x.dataset.number).join(','))) === '4.3');
  await page.selectOption('#indicator', '');
  await drawnAll();

  // ---- a new source ---------------------------------------------------------------------------------
  const before = fs.readdirSync(dir).sort();
  await page.click('#new');
  await page.fill('#new-name', 'รายงาน ใหม่');
  await page.press('#new-name', 'Enter');
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('created'));
  const made = path.join(dir, 'รายงาน ใหม่.xml');
  ok('New makes the source in the folder, ".xml" added to the name typed', fs.existsSync(made));
  const skel = fs.existsSync(made) ? fs.readFileSync(made, 'utf8') : '';
  ok('it opens in the editor with the text on disk',
    skel.includes('<report xmlns="urn:raingan:report:1">') &&
    (await page.evaluate(() => window.studio.cm.getValue())) === skel &&
    (await page.$eval('#files', (s) => s.value)) === 'รายงาน ใหม่.xml');
  await page.waitForFunction(() => [...document.querySelectorAll('#preview .textLayer')]
    .some((t) => t.textContent.includes('ชื่อตัวชี้วัด')));
  ok('and its form is rendered (a valid skeleton: no problem listed)',
    (await page.$$('#problems li')).length === 0);
  const files2 = await page.$$eval('#files option', (o) => o.map((x) => x.value));
  ok('the list of sources holds it', files2.includes('รายงาน ใหม่.xml'));
  const ino1 = fs.statSync(made).ino;
  const kept = fs.readFileSync(file, 'utf8');
  const keptIno = fs.statSync(file).ino;
  await page.click('#new');
  await page.fill('#new-name', 'indicators-2562.xml');
  await page.press('#new-name', 'Enter');
  await page.waitForFunction(() => document.querySelector('#status').textContent.includes('exists already'));
  ok('New over an existing source is refused and changes nothing',
    fs.readFileSync(file, 'utf8') === kept && fs.statSync(file).ino === keptIno);
  await page.fill('#new-name', '../escape');
  await page.press('#new-name', 'Enter');
  await page.waitForFunction(() => document.querySelector('#status').textContent.includes('cannot be a file name'));
  ok('a name with a folder in it is refused',
    !fs.existsSync(path.join(dir, '..', 'escape.xml')) && !fs.existsSync(path.join(dir, '..', 'escape')));
  const putStatus = await page.evaluate(async () => (await fetch('/api/file?name=' +
    encodeURIComponent('../escape.xml'), { method: 'PUT', headers: { 'If-None-Match': '*' }, body: 'x' })).status);
  ok(`and by the server too, asked directly (${putStatus})`, putStatus === 400 &&
    !fs.existsSync(path.join(dir, '..', 'escape.xml')));
  await page.click('#new-cancel');
  const after = fs.readdirSync(dir).sort();
  ok('the folder gained exactly the new source: no temporary file left',
    JSON.stringify(after) === JSON.stringify([...before, 'รายงาน ใหม่.xml'].sort()) &&
    fs.statSync(made).ino === ino1);
  await shot(page, '6-new');

  // ---- Thai messages ------------------------------------------------------------------------------
  await page.goto(`${base}?file=indicators-2562.xml&lang=th`);
  await page.waitForFunction(() => document.querySelector('#preview').dataset.drawn);
  await page.evaluate(() => {
    const { cm } = window.studio;
    const line = cm.getValue().split('\n').findIndex((l) => l.includes('<indicator number="1.1" weight="30"'));
    const ch = cm.getLine(line).indexOf('weight="30"') + 8;
    cm.replaceRange('300', { line, ch }, { line, ch: ch + 2 });
  });
  const thai = await (await page.waitForSelector('#problems li.error')).textContent();
  ok(`with ?lang=th the message under the underline is in Thai (${thai})`,
    thai.includes('อยู่นอกช่วง') && (await page.$('.CodeMirror-lint-mark-error')) !== null);
  await shot(page, '7-thai');
  ok('the bar shows the language of the messages', (await page.$eval('#lang', (x) => x.value)) === 'th');
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => (document.querySelector('#problems li.error') || {}).textContent
    ?.includes('is out of range'));
  ok('choosing English there gives the messages in English, and the address keeps it',
    (await page.evaluate(() => location.search)).includes('lang=en'));
  page.once('dialog', (d) => d.accept());
} catch (err) {
  ok(`the run finished without error (${err.message.split('\n')[0]})`, false);
  await shot(page, 'error').catch(() => {});
}

ok(`no script error in the page${errors.length ? `: ${errors.join('; ')}` : ''}`, errors.length === 0);
ok(`every one of the ${requests.length} requests went to ${base}` +
   `${foreign.length ? ` (not: ${foreign.join(' ')})` : ''}`, foreign.length === 0 && requests.length > 10);
await close();
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
