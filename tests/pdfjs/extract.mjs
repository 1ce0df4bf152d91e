// extract.mjs - a PDF's text as Firefox's viewer (pdf.js) gives it on copy.
//
// Usage: node tests/pdfjs/extract.mjs FILE.pdf
//
// Firefox's text layer asks each page for its text content with
// {includeMarkedContent: true, disableNormalization: true}, draws every
// item as a <span> with the item's str, followed by a <br> when the item
// ends a line (hasEOL); select-all + copy then takes the selection's text
// (spans concatenated, <br> as "\n") through normalizeUnicode (NFKC of a
// few compatibility characters, NBSP among them) and drops NUL
// characters.  This script does the same, page after page (pages are
// separated by "\n", as the viewer's page divs are), and prints the result.
// (The find bar searches the same items joined the same way.)
import { getDocument, normalizeUnicode } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  process.stderr.write("usage: node extract.mjs FILE.pdf\n");
  process.exit(2);
}
const data = new Uint8Array(readFileSync(file));
const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false,
                                useSystemFonts: false, disableFontFace: true }).promise;
const pages = [];
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const content = await page.getTextContent(
    { includeMarkedContent: true, disableNormalization: true });
  let text = "";
  for (const item of content.items) {
    if (item.str === undefined)
      continue; // beginMarkedContent / endMarkedContent: a <span> wrapper, no text
    text += item.str;
    if (item.hasEOL)
      text += "\n";
  }
  pages.push(text);
}
const out = normalizeUnicode(pages.join("\n")).replaceAll("\0", "");
process.stdout.write(out + "\n");
