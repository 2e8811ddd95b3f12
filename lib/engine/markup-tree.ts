// A minimal element tree for buyer responses (05 §4): XML via fast-xml-parser, HTML via a
// tolerant tokenizer (no HTML library is installed, and response bodies only need reading).
// XPath and CSS subsets walk this tree.

import { XMLParser } from "fast-xml-parser";

export interface ElementNode {
  kind: "element";
  name: string;
  attrs: Record<string, string>;
  children: TreeNode[];
  parent: ElementNode | null;
}

export interface TextNode {
  kind: "text";
  text: string;
}

export type TreeNode = ElementNode | TextNode;

function element(name: string, attrs: Record<string, string>, parent: ElementNode | null): ElementNode {
  return { kind: "element", name, attrs, children: [], parent };
}

/** Concatenated text of all descendants. */
export function textContent(node: TreeNode): string {
  if (node.kind === "text") return node.text;
  let out = "";
  for (const c of node.children) out += textContent(c);
  return out;
}

export function childElements(node: ElementNode): ElementNode[] {
  const out: ElementNode[] = [];
  for (const c of node.children) if (c.kind === "element") out.push(c);
  return out;
}

export function descendants(node: ElementNode, out: ElementNode[] = []): ElementNode[] {
  for (const c of node.children) {
    if (c.kind !== "element") continue;
    out.push(c);
    descendants(c, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// XML

const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  // Buyer responses are untrusted: no DTD entity expansion (07 §1.3.5's rule for intake, kept here).
  htmlEntities: false,
});

type OrderedNode = Record<string, unknown>;

function buildXml(nodes: OrderedNode[], parent: ElementNode): void {
  for (const n of nodes) {
    for (const key of Object.keys(n)) {
      if (key === ":@") continue;
      if (key === "#text") {
        parent.children.push({ kind: "text", text: String(n[key]) });
        continue;
      }
      if (key.startsWith("?") || key === "#comment") continue;
      const attrs: Record<string, string> = {};
      const rawAttrs = n[":@"] as Record<string, unknown> | undefined;
      if (rawAttrs) for (const [a, v] of Object.entries(rawAttrs)) attrs[a] = String(v);
      const el = element(key, attrs, parent);
      parent.children.push(el);
      const kids = n[key];
      if (Array.isArray(kids)) buildXml(kids as OrderedNode[], el);
    }
  }
}

/** The document node (a nameless root holding the top element), or null when the text is not XML. */
export function parseXml(text: string): ElementNode | null {
  if (!/^\s*</.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = xmlParser.parse(text, true);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const root = element("", {}, null);
  buildXml(parsed as OrderedNode[], root);
  return childElements(root).length > 0 ? root : null;
}

/**
 * The document as an object for `appended` (05 §4.3): attributes merged into their elements, text
 * under `#text` when an element also has attributes or children, repeated elements as arrays.
 */
export function xmlToObject(root: ElementNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const el of childElements(root)) addValue(out, el.name, elementValue(el));
  return out;
}

function addValue(target: Record<string, unknown>, key: string, value: unknown): void {
  if (!Object.hasOwn(target, key)) {
    target[key] = value;
    return;
  }
  const existing = target[key];
  if (Array.isArray(existing)) existing.push(value);
  else target[key] = [existing, value];
}

function elementValue(el: ElementNode): unknown {
  const kids = childElements(el);
  const text = el.children
    .filter((c): c is TextNode => c.kind === "text")
    .map((c) => c.text)
    .join("")
    .trim();
  const hasAttrs = Object.keys(el.attrs).length > 0;
  if (kids.length === 0 && !hasAttrs) return text;
  const obj: Record<string, unknown> = { ...el.attrs };
  for (const k of kids) addValue(obj, k.name, elementValue(k));
  if (text !== "") obj["#text"] = text;
  return obj;
}

// ---------------------------------------------------------------------------------------------
// HTML

const VOID_ELEMENTS = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
]);
const RAW_TEXT_ELEMENTS = new Set(["script", "style", "textarea", "title"]);
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Tolerant HTML parsing: unknown closing tags are ignored, unclosed elements end with their parent. */
export function parseHtml(text: string): ElementNode {
  const root = element("", {}, null);
  let current = root;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf("<", i);
    if (lt === -1) {
      current.children.push({ kind: "text", text: decodeEntities(text.slice(i)) });
      break;
    }
    if (lt > i) current.children.push({ kind: "text", text: decodeEntities(text.slice(i, lt)) });
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (text[lt + 1] === "!" || text[lt + 1] === "?") {
      const end = text.indexOf(">", lt);
      i = end === -1 ? n : end + 1;
      continue;
    }
    const gt = text.indexOf(">", lt);
    if (gt === -1) {
      current.children.push({ kind: "text", text: decodeEntities(text.slice(lt)) });
      break;
    }
    const inner = text.slice(lt + 1, gt);
    i = gt + 1;
    if (inner[0] === "/") {
      const name = inner.slice(1).trim().toLowerCase();
      for (let el: ElementNode | null = current; el && el !== root; el = el.parent) {
        if (el.name === name) {
          current = el.parent ?? root;
          break;
        }
      }
      continue;
    }
    const m = /^([a-zA-Z][\w:-]*)/.exec(inner);
    if (!m) {
      current.children.push({ kind: "text", text: decodeEntities("<" + inner + ">") });
      continue;
    }
    const name = m[1].toLowerCase();
    const attrs: Record<string, string> = {};
    const attrText = inner.slice(m[1].length).replace(/\/\s*$/, "");
    for (const a of attrText.matchAll(ATTR)) {
      attrs[a[1].toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? "");
    }
    const el = element(name, attrs, current);
    current.children.push(el);
    if (VOID_ELEMENTS.has(name) || /\/\s*$/.test(inner)) continue;
    if (RAW_TEXT_ELEMENTS.has(name)) {
      const close = text.toLowerCase().indexOf(`</${name}`, i);
      const end = close === -1 ? n : close;
      el.children.push({ kind: "text", text: name === "textarea" || name === "title" ? decodeEntities(text.slice(i, end)) : text.slice(i, end) });
      const gt2 = close === -1 ? n : text.indexOf(">", close);
      i = gt2 === -1 ? n : gt2 + 1;
      continue;
    }
    current = el;
  }
  return root;
}
