// preview.js - the rendered form in the page, with Debian's pdf.js
// (libjs-pdf 2.14, loaded as a classic script: window.pdfjsLib).
//
// A new PDF goes into a fresh container of page boxes sized as its pages
// (fitted to the pane's width).  The pages the reader is looking at are
// drawn first (a canvas and pdf.js's text layer, so the text can be
// selected and searched); then the container replaces the old one in one
// step at the same scroll position, so the reader stays on the page and
// line they were reading; then the other pages are drawn in the
// background.  A newer PDF stops the drawing of an older one.
// container.dataset.drawn says how many pages are drawn (tests wait on it).

const pdfjsLib = window.pdfjsLib;
pdfjsLib.GlobalWorkerOptions.workerSrc = '/vendor/pdf/build/pdf.worker.js';

const GAP = 16; // px between pages, and the container's padding

export class Preview {
  constructor(container) {
    this.container = container;
    this.generation = 0;
    this.doc = null;
  }

  // Draw one page into its box.
  static async draw({ page, viewport, div }) {
    const dpr = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width * dpr);
    canvas.height = Math.floor(viewport.height * dpr);
    canvas.style.width = `${viewport.width}px`;
    canvas.style.height = `${viewport.height}px`;
    await page.render({
      canvasContext: canvas.getContext('2d'),
      viewport,
      transform: dpr !== 1 ? [dpr, 0, 0, dpr, 0, 0] : null,
    }).promise;
    const text = document.createElement('div');
    text.className = 'textLayer';
    await pdfjsLib.renderTextLayer({
      textContent: await page.getTextContent(),
      container: text,
      viewport,
      textDivs: [],
    }).promise;
    div.replaceChildren(canvas, text);
  }

  // Show the PDF in bytes (Uint8Array).  keepPosition false: from the top
  // (another source or form chosen).  Resolves to the page count once the
  // visible pages are on screen, or null when a newer PDF superseded it.
  async show(bytes, keepPosition = true) {
    const gen = ++this.generation;
    const stale = () => gen !== this.generation;
    const doc = await pdfjsLib.getDocument({ data: bytes, isEvalSupported: false }).promise;
    const width = this.container.clientWidth - 2 * GAP;
    const pages = [];
    let scale = 1;
    for (let i = 1; i <= doc.numPages && !stale(); i++) {
      const page = await doc.getPage(i);
      if (i === 1) scale = Math.min(2.5, Math.max(0.4, width / page.getViewport({ scale: 1 }).width));
      const viewport = page.getViewport({ scale });
      const div = document.createElement('div');
      div.className = 'page';
      div.dataset.page = String(i);
      div.style.width = `${viewport.width}px`;
      div.style.height = `${viewport.height}px`;
      pages.push({ page, viewport, div });
    }
    if (stale()) {
      doc.destroy();
      return null;
    }
    const top = keepPosition ? this.container.scrollTop : 0;
    const left = keepPosition ? this.container.scrollLeft : 0;
    const bottom = top + this.container.clientHeight;
    const wrapper = document.createElement('div');
    wrapper.className = 'pages';
    const first = [];
    const rest = [];
    let y = GAP;
    for (const p of pages) {
      wrapper.append(p.div);
      (y + p.viewport.height >= top && y <= bottom ? first : rest).push(p);
      y += p.viewport.height + GAP;
    }
    for (const p of first) {
      await Preview.draw(p);
      if (stale()) {
        doc.destroy();
        return null;
      }
    }
    this.container.replaceChildren(wrapper);
    this.container.scrollTop = top;
    this.container.scrollLeft = left;
    if (this.doc) this.doc.destroy();
    this.doc = doc;
    this.container.dataset.pages = String(pages.length);
    this.container.dataset.drawn = String(first.length);
    this.drawRest(rest, stale);
    return pages.length;
  }

  async drawRest(rest, stale) {
    for (const p of rest) {
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
