// schema.js - completion data for CodeMirror's xml-hint from the RELAX NG
// schema raingan validates with (GET /api/schema: schema/report.rng).
//
// For every <element name="X"> of the grammar: the elements its pattern
// allows as children and its attributes with their values when the schema
// lists them (<choice><value>..).  <ref>s are followed into their
// <define>s; a nested <element> is a child, not a part of the parent's own
// pattern.  An element name used in several places (e.g. <name>) gets the
// union of what each place allows.  Order and cardinality are not used:
// completion offers what may appear, the check underlines what must not.

const RNG = 'http://relaxng.org/ns/structure/1.0';
const CONTAINERS = new Set(['optional', 'choice', 'group', 'oneOrMore', 'zeroOrMore',
  'interleave', 'mixed', 'define', 'start', 'list']);

// The <value>s an attribute allows, or null (free text).
function attributeValues(attr) {
  const values = [...attr.getElementsByTagNameNS(RNG, 'value')].map((v) => v.textContent.trim());
  return values.length ? values : null;
}

export function schemaInfoFromRng(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const defines = new Map();
  for (const d of doc.getElementsByTagNameNS(RNG, 'define')) defines.set(d.getAttribute('name'), d);
  const info = new Map(); // element name -> { attrs: {}, children: Set }
  const visited = new Set();

  function walk(pattern, owner, seenRefs) {
    for (const c of pattern.children) {
      if (c.namespaceURI !== RNG) continue;
      const kind = c.localName;
      if (kind === 'element') {
        owner.children.add(c.getAttribute('name'));
        visitElement(c);
      } else if (kind === 'attribute') {
        owner.attrs[c.getAttribute('name')] = attributeValues(c);
      } else if (kind === 'ref') {
        const name = c.getAttribute('name');
        if (!seenRefs.has(name) && defines.has(name)) {
          seenRefs.add(name);
          walk(defines.get(name), owner, seenRefs);
        }
      } else if (CONTAINERS.has(kind)) {
        walk(c, owner, seenRefs);
      }
    }
  }
  function visitElement(el) {
    if (visited.has(el)) return;
    visited.add(el);
    const name = el.getAttribute('name');
    if (!info.has(name)) info.set(name, { attrs: {}, children: new Set() });
    walk(el, info.get(name), new Set());
  }

  const top = { attrs: {}, children: new Set() };
  const start = doc.getElementsByTagNameNS(RNG, 'start')[0];
  if (start) walk(start, top, new Set());
  const ns = doc.documentElement.getAttribute('ns');
  const schemaInfo = { '!top': [...top.children], '!attrs': {} };
  for (const [name, { attrs, children }] of info) {
    schemaInfo[name] = { attrs: { ...attrs }, children: [...children].sort() };
  }
  if (ns && schemaInfo.report) schemaInfo.report.attrs.xmlns = [ns];
  return schemaInfo;
}

export async function loadSchemaInfo() {
  const resp = await fetch('/api/schema');
  if (!resp.ok) return { '!top': [] };
  return schemaInfoFromRng(await resp.text());
}
