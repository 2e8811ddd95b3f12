// A CSS selector subset for HTML responses (05 §4): type, `*`, `#id`, `.class`, `[attr]`,
// `[attr=v]` (also `~= ^= $= *=`), `:first-child`, `:last-child`, `:nth-child(n)`, descendant
// and `>` combinators, `,` groups, and a trailing ` @attr` that reads an attribute
// (`div.err @title`). Results are strings: element text, or the attribute values.

import { type ElementNode, childElements, descendants, textContent } from "./markup-tree";

interface AttrTest {
  name: string;
  op: "" | "=" | "~=" | "^=" | "$=" | "*=";
  value: string;
}

interface Compound {
  tag: string | null;
  id: string | null;
  classes: string[];
  attrs: AttrTest[];
  pseudo: Array<{ kind: "first" | "last" | "nth"; n: number }>;
}

interface Part {
  combinator: " " | ">";
  compound: Compound;
}

interface Selector {
  parts: Part[];
  attribute: string | null;
}

const cache = new Map<string, Selector[] | null>();

function parseCompound(src: string): Compound | null {
  const c: Compound = { tag: null, id: null, classes: [], attrs: [], pseudo: [] };
  let rest = src;
  const tag = /^(\*|[a-zA-Z][\w-]*)/.exec(rest);
  if (tag) {
    c.tag = tag[1] === "*" ? null : tag[1].toLowerCase();
    rest = rest.slice(tag[0].length);
  }
  while (rest.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^#([\w-]+)/.exec(rest))) c.id = m[1];
    else if ((m = /^\.([\w-]+)/.exec(rest))) c.classes.push(m[1]);
    else if ((m = /^\[\s*([\w:-]+)\s*(?:([~^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]*)))?\s*\]/.exec(rest))) {
      c.attrs.push({ name: m[1].toLowerCase(), op: (m[2] ?? "") as AttrTest["op"], value: m[3] ?? m[4] ?? m[5] ?? "" });
    } else if ((m = /^:first-child/.exec(rest))) c.pseudo.push({ kind: "first", n: 1 });
    else if ((m = /^:last-child/.exec(rest))) c.pseudo.push({ kind: "last", n: 1 });
    else if ((m = /^:nth-child\(\s*(\d+)\s*\)/.exec(rest))) c.pseudo.push({ kind: "nth", n: Number(m[1]) });
    else return null;
    rest = rest.slice(m[0].length);
  }
  return c;
}

function parseSelector(src: string): Selector | null {
  let text = src.trim();
  let attribute: string | null = null;
  const at = /\s@([\w:-]+)\s*$/.exec(text) ?? /^@([\w:-]+)\s*$/.exec(text);
  if (at) {
    attribute = at[1].toLowerCase();
    text = text.slice(0, at.index).trim();
  }
  const parts: Part[] = [];
  const tokens = text.replace(/\s*>\s*/g, " > ").split(/\s+/).filter(Boolean);
  let combinator: Part["combinator"] = " ";
  for (const t of tokens) {
    if (t === ">") {
      combinator = ">";
      continue;
    }
    const compound = parseCompound(t);
    if (!compound) return null;
    parts.push({ combinator, compound });
    combinator = " ";
  }
  if (parts.length === 0 && attribute === null) return null;
  return { parts, attribute };
}

export function compileCss(selector: string): Selector[] | null {
  const cached = cache.get(selector);
  if (cached !== undefined) return cached;
  const groups = selector.split(",").map(parseSelector);
  const result = groups.every((g): g is Selector => g !== null) && groups.length > 0 ? groups : null;
  if (cache.size > 1000) cache.clear();
  cache.set(selector, result);
  return result;
}

function matches(el: ElementNode, c: Compound): boolean {
  if (c.tag !== null && el.name !== c.tag) return false;
  if (c.id !== null && el.attrs.id !== c.id) return false;
  if (c.classes.length > 0) {
    const have = (el.attrs.class ?? "").split(/\s+/);
    for (const cls of c.classes) if (!have.includes(cls)) return false;
  }
  for (const a of c.attrs) {
    if (!Object.hasOwn(el.attrs, a.name)) return false;
    const v = el.attrs[a.name];
    switch (a.op) {
      case "=":
        if (v !== a.value) return false;
        break;
      case "~=":
        if (!v.split(/\s+/).includes(a.value)) return false;
        break;
      case "^=":
        if (!v.startsWith(a.value)) return false;
        break;
      case "$=":
        if (!v.endsWith(a.value)) return false;
        break;
      case "*=":
        if (!v.includes(a.value)) return false;
        break;
    }
  }
  if (c.pseudo.length > 0) {
    const siblings = el.parent ? childElements(el.parent) : [el];
    const index = siblings.indexOf(el);
    for (const p of c.pseudo) {
      if (p.kind === "first" && index !== 0) return false;
      if (p.kind === "last" && index !== siblings.length - 1) return false;
      if (p.kind === "nth" && index !== p.n - 1) return false;
    }
  }
  return true;
}

function select(root: ElementNode, sel: Selector): ElementNode[] {
  if (sel.parts.length === 0) return descendants(root);
  let context: ElementNode[] = [root];
  for (const part of sel.parts) {
    const next: ElementNode[] = [];
    for (const el of context) {
      const pool = part.combinator === ">" ? childElements(el) : descendants(el);
      for (const c of pool) if (matches(c, part.compound) && !next.includes(c)) next.push(c);
    }
    context = next;
  }
  return context;
}

/** Matched strings in document order; an unsupported selector matches nothing. */
export function evaluateCss(root: ElementNode, selector: string): string[] {
  const groups = compileCss(selector);
  if (!groups) return [];
  const out: string[] = [];
  for (const sel of groups) {
    for (const el of select(root, sel)) {
      if (sel.attribute === null) out.push(textContent(el));
      else if (Object.hasOwn(el.attrs, sel.attribute)) out.push(el.attrs[sel.attribute]);
    }
  }
  return out;
}
