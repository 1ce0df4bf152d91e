// api.js - the studio's calls to its server (all same-origin).

// The figures of `raingan score` are exact decimals written as the report
// writes them ("weight": 12.50, "score": 3.7500); a browser's number would
// show 12.5, so these keys keep the JSON's own text (the source text a
// reviver is given; where a browser lacks it, the number).
const FIGURES = new Set(['result', 'score', 'stated_score', 'self_score', 'weight', 'weighted']);
function keepFigures(key, value, context) {
  return typeof value === 'number' && FIGURES.has(key) && context && context.source !== undefined
    ? context.source : value;
}

// The JSON of a response, or an Error carrying the server's message.
async function json(resp) {
  const text = await resp.text().catch(() => '');
  let body;
  try {
    body = JSON.parse(text, keepFigures);
  } catch {
    body = {};
  }
  if (!resp.ok) {
    const err = new Error(body.message || `HTTP ${resp.status}`);
    err.status = resp.status;
    err.body = body;
    throw err;
  }
  return body;
}

export async function listFiles() {
  return json(await fetch('/api/files'));
}

// { text, etag } of a source of the folder.
export async function openFile(name) {
  const resp = await fetch(`/api/file?name=${encodeURIComponent(name)}`);
  if (!resp.ok) await json(resp);
  return { text: await resp.text(), etag: (resp.headers.get('ETag') || '').replace(/"/g, '') };
}

// Save text over name if the file on disk is still the version etag ('*':
// whatever it is).  Resolves to the new etag; a file changed on disk
// rejects with err.status 409.
export async function saveFile(name, text, etag) {
  const resp = await fetch(`/api/file?name=${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'If-Match': etag === '*' ? '*' : `"${etag}"`, 'Content-Type': 'application/xml' },
    body: text,
  });
  return (await json(resp)).etag;
}

// Make a new source name holding text; rejects with err.status 412 when
// the name exists (nothing is overwritten).  Resolves to its etag.
export async function createFile(name, text) {
  const resp = await fetch(`/api/file?name=${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'If-None-Match': '*', 'Content-Type': 'application/xml' },
    body: text,
  });
  return (await json(resp)).etag;
}

// The diagnostics and computed scores of text (named name in messages).
// signal (optional): an AbortSignal that cancels the request.
export async function check(name, text, lang, signal) {
  const q = new URLSearchParams({ name });
  if (lang) q.set('lang', lang);
  return json(await fetch(`/check?${q}`, { method: 'POST', body: text, signal,
    headers: { 'Content-Type': 'application/xml' } }));
}

// The PDF of text as bytes, one indicator's form or (indicator '') all;
// .timing holds the server's Server-Timing header.
export async function render(name, text, indicator, signal) {
  const q = new URLSearchParams({ name });
  if (indicator) q.set('indicator', indicator);
  const resp = await fetch(`/render?${q}`, { method: 'POST', body: text, signal,
    headers: { 'Content-Type': 'application/xml' } });
  if (!resp.ok) await json(resp);
  const pdf = new Uint8Array(await resp.arrayBuffer());
  pdf.timing = resp.headers.get('Server-Timing') || '';
  return pdf;
}
