// preview.js - the rendered form in the page, with Debian's pdf.js
// (libjs-pdf 2.14, loaded as a classic script: window.pdfjsLib).
//
// Every PDF opens in the one pdf.js worker the page keeps (a worker per
// document would load and compile pdf.worker.js each time).  A new PDF
// goes into a fresh container of page boxes sized as its pages (fitted to
// the pane's width).  The pages the reader is looking at are drawn first
// (a canvas and pdf.js's text layer, so the text can be selected and
// searched), at once; then the container replaces the old one in one step
// at the same scroll position, so the reader stays on the page and line
// they were reading.  The other pages keep the old canvas of the same
// page meanwhile (when the PDF had that page) and are drawn again in the
// background, nearest to the view first, one at a time, each when the
// browser is idle.  A newer PDF stops the drawing of an older one.
// container.dataset.drawn says how many pages are drawn from the newest
// PDF (tests wait on it).

const pdfjsLib = window.pdfjsLib;
pdfjsLib.GlobalWorkerOptions.workerSrc = '/vendor/pdf/build/pdf.worker.js';

const GAP = 16; // px between pages, and the container's padding

let sharedWorker = null;
function worker() {
  if (!sharedWorker || sharedWorker.destroyed) sharedWorker = new pdfjsLib.PDFWorker({ name: 'raingan-preview' });
  return sharedWorker;
}

// Resolve when the browser is idle (or after a frame where it has no
// requestIdleCallback), so background drawing yields to typing.
const idle = () => new Promise((resolve) => {
  if (window.requestIdleCallback) window.requestIdleCallback(() => resolve(), { timeout: 1000 });
  else setTimeout(resolve, 16);
});
// Resolve after the next frame is painted.
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export class Preview {
  constructor(container) {
    this.container = container;
    this.generation = 0;
    this.doc = null;
  }

  // Draw one page into its box: the canvas and the text layer, their
  // work overlapping (the worker extracts the text while the canvas is
  // painted).  times (optional) collects where the time went.
  static async draw({ page, viewport, div }, times = {}) {
    const a = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width * dpr);
    canvas.height = Math.floor(viewport.height * dpr);
    canvas.style.width = `${viewport.width}px`;
    canvas.style.height = `${viewport.height}px`;
    const painted = page.render({
      canvasContext: canvas.getContext('2d'),
      viewport,
      transform: dpr !== 1 ? [dpr, 0, 0, dpr, 0, 0] : null,
    }).promise;
    const text = document.createElement('div');
    text.className = 'textLayer';
    const textDone = page.getTextContent().then((textContent) => pdfjsLib.renderTextLayer({
      textContent,
      container: text,
      viewport,
      textDivs: [],
    }).promise).then(() => { times.text = Math.max(times.text || 0, performance.now() - a); });
    await painted;
    times.canvas = Math.max(times.canvas || 0, performance.now() - a);
    await textDone;
    div.replaceChildren(canvas, text);
    delete div.dataset.stale;
  }

  // Show the PDF in bytes (Uint8Array).  keepPosition false: from the top
  // (another source or form chosen).  Resolves to the page count once the
  // visible pages are on screen, or null when a newer PDF superseded it.
  // times (optional) collects the moments of its steps.
  async show(bytes, keepPosition = true, times = {}) {
    const gen = ++this.generation;
    const stale = () => gen !== this.generation;
    const doc = await pdfjsLib.getDocument({ data: bytes, worker: worker(), isEvalSupported: false }).promise;
    times.parsed = performance.now();
    if (stale()) {
      doc.destroy();
      return null;
    }
    const width = this.container.clientWidth - 2 * GAP;
    const first = await doc.getPage(1);
    const scale = Math.min(2.5, Math.max(0.4, width / first.getViewport({ scale: 1 }).width));
    const rest = [];
    for (let i = 2; i <= doc.numPages; i++) rest.push(doc.getPage(i));
    const pages = [first, ...await Promise.all(rest)].map((page, i) => {
      const viewport = page.getViewport({ scale });
      const div = document.createElement('div');
      div.className = 'page';
      div.dataset.page = String(i + 1);
      div.style.width = `${viewport.width}px`;
      div.style.height = `${viewport.height}px`;
      return { page, viewport, div };
    });
    times.laid = performance.now();
    if (stale()) {
      doc.destroy();
      return null;
    }
    const top = keepPosition ? this.container.scrollTop : 0;
    const left = keepPosition ? this.container.scrollLeft : 0;
    const bottom = top + this.container.clientHeight;
    const wrapper = document.createElement('div');
    wrapper.className = 'pages';
    const visible = [];
    const later = [];
    let y = GAP;
    for (const p of pages) {
      wrapper.append(p.div);
      p.distance = y + p.viewport.height < top ? top - (y + p.viewport.height) : Math.max(0, y - bottom);
      (p.distance === 0 ? visible : later).push(p);
      y += p.viewport.height + GAP;
    }
    times.visible = visible.length;
    try {
      await Promise.all(visible.map((p) => Preview.draw(p, times)));
    } catch (err) {
      doc.destroy();
      if (stale()) return null;
      throw err;
    }
    if (stale()) {
      doc.destroy();
      return null;
    }
    // The pages not drawn yet show the old canvas of the same page (same
    // size) until theirs is ready (its text layer is left out: moving
    // thousands of spans costs a layout of them all).
    const old = this.container.querySelectorAll('.page');
    for (const p of later) {
      const was = old[p.div.dataset.page - 1];
      const canvas = was && was.querySelector('canvas');
      if (canvas && was.style.width === p.div.style.width && was.style.height === p.div.style.height) {
        p.div.append(canvas);
        p.div.dataset.stale = '';
      }
    }
    this.container.replaceChildren(wrapper);
    this.container.scrollTop = top;
    this.container.scrollLeft = left;
    if (this.doc) this.doc.destroy();
    this.doc = doc;
    this.container.dataset.pages = String(pages.length);
    this.container.dataset.drawn = String(visible.length);
    later.sort((a, b) => a.distance - b.distance);
    this.drawLater(later, stale);
    return pages.length;
  }

  async drawLater(later, stale) {
    await painted(); // the new pages on screen first
    for (const p of later) {
      await idle();
      if (stale()) return;
      try {
        await Preview.draw(p);
      } catch (err) {
        if (stale()) return; // the document was destroyed by a newer one
        throw err;
      }
      if (stale()) return;
      this.container.dataset.drawn = String(Number(this.container.dataset.drawn) + 1);
    }
  }
}
