// app.js - the studio: a source of the folder in an editor beside its
// rendered form.
//
// Typing pauses for DELAY ms -> the text is checked (POST /check: the
// diagnostics, underlined in the editor and listed below it, and the
// computed scores) and, when it has no errors, rendered (POST /render,
// one form when an indicator is chosen) and drawn with pdf.js where the
// reader was.  A text with errors keeps the last good form on screen,
// dimmed.  Only the newest round's answers are used.  Saving sends the
// ETag of the version opened; when the file changed on disk meanwhile the
// server refuses (409) and the user is asked before it is overwritten.

import * as api from './api.js';
import { loadSchemaInfo } from './schema.js';
import { Preview } from './preview.js';

const DELAY = 300;
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const lang = params.get('lang') || (navigator.language.startsWith('th') ? 'th' : '');

const state = {
  name: '',         // the source open
  etag: '',         // SHA-256 of the version on disk it was opened or saved as
  dirty: false,     // edited since
  round: 0,         // the newest check/render round
  annotations: [],  // CodeMirror lint annotations of the newest check
  timer: 0,
};

const preview = new Preview($('preview'));

function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

// ---- the editor -------------------------------------------------------------

function completeAfter(cm, pred) {
  if (!pred || pred()) {
    setTimeout(() => {
      if (!cm.state.completionActive) cm.showHint({ completeSingle: false });
    }, 50);
  }
  return CodeMirror.Pass;
}

function completeIfInTag(cm) {
  return completeAfter(cm, () => {
    const tok = cm.getTokenAt(cm.getCursor());
    if (tok.type === 'string' && (!/['"]/.test(tok.string.charAt(tok.string.length - 1)) ||
        tok.string.length === 1)) return false;
    return CodeMirror.innerMode(cm.getMode(), tok.state).state.tagName;
  });
}

const cm = CodeMirror($('editor'), {
  mode: 'xml',
  lineNumbers: true,
  lineWrapping: true,
  gutters: ['CodeMirror-lint-markers', 'CodeMirror-linenumbers'],
  lint: { getAnnotations: () => state.annotations, lintOnChange: false },
  autoCloseTags: true,
  extraKeys: {
    "'<'": completeAfter,
    "'/'": (c) => completeAfter(c, () => c.getRange(CodeMirror.Pos(c.getCursor().line,
      c.getCursor().ch - 1), c.getCursor()) === '<'),
    "' '": completeIfInTag,
    "'='": completeIfInTag,
    'Ctrl-Space': 'autocomplete',
    'Ctrl-S': () => save(),
    'Cmd-S': () => save(),
  },
  hintOptions: { schemaInfo: { '!top': [] } },
});

// The span to underline for a diagnostic at line:col (1-based; 0 unknown):
// from the column to the end of the word, tag or attribute there.
function markRange(d) {
  const line = Math.min(Math.max(d.line - 1, 0), cm.lineCount() - 1);
  const text = cm.getLine(line);
  if (d.line <= 0 || d.col <= 0) return [CodeMirror.Pos(line, 0), CodeMirror.Pos(line, text.length)];
  let from = Math.min(d.col - 1, Math.max(text.length - 1, 0));
  let to = from;
  while (to < text.length && !/[\s>]/.test(text[to])) to++;
  if (to === from) to = Math.min(from + 1, text.length);
  if (to === from && from > 0) from--;
  return [CodeMirror.Pos(line, from), CodeMirror.Pos(line, to)];
}

function showProblems(diagnostics) {
  state.annotations = diagnostics.map((d) => {
    const [from, to] = markRange(d);
    return { from, to, message: d.message, severity: d.severity === 'error' ? 'error' : 'warning' };
  });
  cm.performLint();
  const list = $('problems');
  list.replaceChildren(...diagnostics.map((d) => {
    const li = document.createElement('li');
    li.className = d.severity;
    const loc = document.createElement('span');
    loc.className = 'loc';
    loc.textContent = d.location;
    li.append(loc, d.message);
    if (d.line > 0) {
      li.addEventListener('click', () => {
        cm.setCursor(CodeMirror.Pos(d.line - 1, Math.max(d.col - 1, 0)));
        cm.focus();
      });
    }
    return li;
  }));
}

// The scores as `raingan score` computes them: one row per indicator
// (the working of a computed score as the score's tooltip), the round's
// total, and the target tables of summary forms.
function showScores(scores) {
  const table = $('scores');
  if (!scores) return;
  const fig = (v) => (v === null || v === undefined ? '' : String(v));
  // a working is followed by the document's rounding, as on the forms
  const how = `(${scores.decimals} decimals, ${scores.rounding})`;
  const working = (w) => (w ? `${w} ${how}` : w);
  const row = (cells, attrs = {}) => {
    const tr = document.createElement('tr');
    Object.assign(tr.dataset, attrs);
    for (const [text, title] of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      if (title) td.title = title;
      tr.append(td);
    }
    return tr;
  };
  const rows = scores.indicators.map((ind) => row([[ind.number], [ind.method], [fig(ind.weight)],
    [fig(ind.score), working(ind.working)], [fig(ind.weighted)], [ind.status]], { number: ind.number }));
  if (scores.indicators.length) {
    const t = scores.total;
    rows.push(row([['total'], [`${t.counted} counted`], [fig(t.weight)], [fig(t.score)],
      [fig(t.weighted)], [t.left_out ? `${t.left_out} left out` : '']], { total: '' }));
  }
  for (const tg of scores.targets) {
    rows.push(row([[tg.number], [tg.method], [''], [fig(tg.score), working(tg.working)], [''],
      [tg.level || '']], { target: tg.number }));
  }
  table.tBodies[0].replaceChildren(...rows);
  table.hidden = rows.length === 0;
}

// Offer the document's indicators in the form selector, keeping the choice.
function showIndicators(indicators) {
  if (!indicators) return;
  const select = $('indicator');
  const chosen = select.value;
  const options = [new Option('all forms', '')];
  for (const ind of indicators) options.push(new Option(`${ind.number} ${ind.name}`.slice(0, 60), ind.number));
  select.replaceChildren(...options);
  select.value = indicators.some((i) => i.number === chosen) ? chosen : '';
}

// ---- check and render ---------------------------------------------------------

async function refresh(keepPosition = true) {
  const round = ++state.round;
  const text = cm.getValue();
  const t0 = performance.now();
  // Check and render at once: the render of a text with errors fails
  // and is dropped, that of a good one is ready as soon as it is checked.
  const rendering = api.render(state.name, text, $('indicator').value);
  rendering.catch(() => {});
  try {
    const result = await api.check(state.name, text, lang);
    if (round !== state.round) return;
    showProblems(result.diagnostics);
    if (result.scores) {
      showScores(result.scores);
      showIndicators(result.scores.indicators);
    }
    if (!result.valid) {
      $('preview').classList.add('stale');
      setStatus(`${result.errors} error${result.errors === 1 ? '' : 's'}: the form shows the last good version`, true);
      return;
    }
    const pdf = await rendering;
    if (round !== state.round) return;
    const pages = await preview.show(pdf, keepPosition);
    if (pages === null || round !== state.round) return;
    $('preview').classList.remove('stale');
    const warnings = result.warnings ? `, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}` : '';
    setStatus(`${pages} page${pages === 1 ? '' : 's'} in ${Math.round(performance.now() - t0)} ms${warnings}`);
  } catch (err) {
    if (round !== state.round) return;
    if (err.body && err.body.diagnostics) showProblems(err.body.diagnostics);
    $('preview').classList.add('stale');
    setStatus(err.message, true);
  }
}

function scheduleRefresh() {
  clearTimeout(state.timer);
  state.timer = setTimeout(() => refresh(true), DELAY);
}

// ---- files ---------------------------------------------------------------------

// What a new source starts as: a report of the current fiscal year (พ.ศ.;
// it starts in October) with one indicator to fill in, valid as it is, so
// the form shows at once.
function skeleton() {
  const now = new Date();
  const fy = now.getFullYear() + 543 + (now.getMonth() >= 9 ? 1 : 0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:raingan:report:1">
  <meta>
    <agency>ชื่อหน่วยงาน</agency>
    <fiscal-year>${fy}</fiscal-year>
    <round>12</round>
  </meta>
  <indicator number="1" weight="100">
    <name>ชื่อตัวชี้วัด</name>
    <supervisor><person><name>ชื่อผู้กำกับดูแลตัวชี้วัด</name></person></supervisor>
    <criteria>
      <level value="1">ร้อยละ 60</level>
      <level value="2">ร้อยละ 70</level>
      <level value="3">ร้อยละ 80</level>
      <level value="4">ร้อยละ 90</level>
      <level value="5">ร้อยละ 100</level>
    </criteria>
    <achieved level="1"/>
    <calculation>
      <row weight="100" score="1"><label>ผลการดำเนินงาน</label><result>ร้อยละ 60</result></row>
    </calculation>
  </indicator>
</report>
`;
}

// The name the user typed as a source name: trimmed, ".xml" added; null
// when it cannot be one (a folder, a leading '.', control characters).
function newName(typed) {
  let name = typed.trim();
  if (!/\.xml$/i.test(name)) name += '.xml';
  if (name.length > 200 || /^\.|[/\\:\u0000-\u001f]/.test(name)) return null;
  return name;
}

async function listInto(select) {
  const listing = await api.listFiles();
  select.replaceChildren(...listing.files.map((f) => new Option(f.name, f.name)));
  return listing;
}

async function createFile(typed) {
  const name = newName(typed);
  if (!name) {
    setStatus(`'${typed}' cannot be a file name: no '/', '\\', ':' or leading '.'`, true);
    return false;
  }
  if (state.dirty && !window.confirm(`Discard the changes to ${state.name}?`)) return false;
  try {
    await api.createFile(name, skeleton());
  } catch (err) {
    setStatus(err.status === 412 ? `${name} exists already: choose another name`
                                 : `not created: ${err.message}`, true);
    return false;
  }
  await listInto($('files'));
  $('files').value = name;
  await open(name);
  setStatus(`created ${name}`);
  return true;
}

async function open(name) {
  const { text, etag } = await api.openFile(name);
  state.name = name;
  state.etag = etag;
  cm.setValue(text);
  cm.clearHistory();
  state.dirty = false;
  $('save').disabled = true;
  $('indicator').value = '';
  document.title = `${name} - raingan studio`;
  history.replaceState(null, '', `?file=${encodeURIComponent(name)}${lang && params.get('lang') ? `&lang=${lang}` : ''}`);
  await refresh(false);
}

async function save() {
  if (!state.name) return;
  const text = cm.getValue();
  try {
    state.etag = await api.saveFile(state.name, text, state.etag);
  } catch (err) {
    if (err.status !== 409) {
      setStatus(`not saved: ${err.message}`, true);
      return;
    }
    if (!window.confirm(`${state.name} was changed on disk since you opened it.\n` +
                        'Overwrite it with your version?')) {
      setStatus('not saved: the file on disk was changed by someone else', true);
      return;
    }
    try {
      state.etag = await api.saveFile(state.name, text, '*');
    } catch (err2) {
      setStatus(`not saved: ${err2.message}`, true);
      return;
    }
  }
  if (cm.getValue() === text) {
    state.dirty = false;
    $('save').disabled = true;
  }
  setStatus(`saved ${state.name}`);
}

async function main() {
  const select = $('files');
  const [schemaInfo, listing] = await Promise.all([loadSchemaInfo(), listInto(select)]);
  cm.setOption('hintOptions', { schemaInfo });
  cm.on('change', (_, change) => {
    if (change.origin === 'setValue') return;
    state.dirty = true;
    $('save').disabled = false;
    scheduleRefresh();
  });
  select.addEventListener('change', async () => {
    if (state.dirty && !window.confirm(`Discard the changes to ${state.name}?`)) {
      select.value = state.name;
      return;
    }
    await open(select.value);
  });
  $('indicator').addEventListener('change', () => refresh(false));
  $('save').addEventListener('click', () => save());
  $('new').addEventListener('click', () => {
    $('new-form').hidden = false;
    $('new').hidden = true;
    $('new-name').focus();
  });
  const closeNew = () => {
    $('new-form').hidden = true;
    $('new').hidden = false;
    $('new-name').value = '';
  };
  $('new-cancel').addEventListener('click', closeNew);
  $('new-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (await createFile($('new-name').value)) closeNew();
  });
  window.addEventListener('beforeunload', (e) => {
    if (state.dirty) e.preventDefault();
  });
  const wanted = params.get('file');
  const first = listing.files.find((f) => f.name === wanted) || listing.files[0];
  if (!first) {
    setStatus(`no *.xml source in ${listing.folder}: make one with New`, true);
    return;
  }
  select.value = first.name;
  await open(first.name);
}

// For tests and the console: the editor and the state.
window.studio = { cm, state, refresh, save };
main().catch((err) => setStatus(err.message, true));
