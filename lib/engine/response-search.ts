// Reading values out of a parsed buyer response (05 §4): one `find(path)` per document kind —
// JSON dot paths with `*`, XPath for XML, CSS for HTML, a regex (first group) for text.

import { evaluateCss } from "./css-select";
import { type ElementNode, parseHtml, parseXml, xmlToObject } from "./markup-tree";
import { evaluateXPath } from "./xpath";

export type DocumentKind = "json" | "xml" | "html" | "text";

export interface ResponseDocument {
  kind: DocumentKind;
  raw: string;
  /** JSON: the value (top-level arrays wrapped as `{array}`); XML/HTML: the tree. */
  json?: unknown;
  tree?: ElementNode;
}

const regexCache = new Map<string, RegExp | null>();

/**
 * `/body/flags` → that regex; anything else → the text as a pattern. Null when invalid. Compiled
 * once per distinct source (response variables repeat lead after lead); never global, so a cached
 * instance carries no `lastIndex` state between uses.
 */
export function toRegex(src: string, extraFlags = ""): RegExp | null {
  const key = extraFlags + "\u0000" + src;
  let hit = regexCache.get(key);
  if (hit === undefined) {
    hit = compileRegex(src, extraFlags);
    if (regexCache.size >= 1000) regexCache.clear();
    regexCache.set(key, hit);
  }
  return hit;
}

function compileRegex(src: string, extraFlags: string): RegExp | null {
  const t = src.trim();
  const m = /^\/(.*)\/([a-z]*)$/s.exec(t);
  try {
    if (m) {
      const flags = [...new Set((m[2] + extraFlags).replace(/g/g, ""))].join("");
      return new RegExp(m[1], flags);
    }
    return new RegExp(t, extraFlags);
  } catch {
    return null;
  }
}

function kindOf(contentType: string): DocumentKind {
  const ct = contentType.toLowerCase();
  if (ct.includes("json")) return "json";
  if (ct.includes("html")) return "html";
  if (ct.includes("xml")) return "xml";
  return "text";
}

/** Parse by Content-Type (05 §4.1 item 4); unparseable or no Content-Type → text. */
export function parseResponseDocument(body: string, contentType: string | null): ResponseDocument {
  const kind = contentType ? kindOf(contentType) : "text";
  if (kind === "json") {
    try {
      const value: unknown = JSON.parse(body);
      return { kind, raw: body, json: Array.isArray(value) ? { array: value } : value };
    } catch {
      return { kind: "text", raw: body };
    }
  }
  if (kind === "xml") {
    const tree = parseXml(body);
    return tree ? { kind, raw: body, tree } : { kind: "text", raw: body };
  }
  if (kind === "html") return { kind, raw: body, tree: parseHtml(body) };
  return { kind: "text", raw: body };
}

/** The data appended for JSON and XML responses (05 §4.3); HTML and text append captures only. */
export function documentData(doc: ResponseDocument): Record<string, unknown> {
  if (doc.kind === "json") {
    const v = doc.json;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : { value: v };
  }
  if (doc.kind === "xml" && doc.tree) return xmlToObject(doc.tree);
  return {};
}

function scalarText(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

function visitSegment(v: unknown, seg: string, numeric: boolean, next: unknown[]): void {
  if (v === null || typeof v !== "object") return;
  if (seg === "*") {
    for (const x of Array.isArray(v) ? v : Object.values(v)) next.push(x);
    return;
  }
  if (Array.isArray(v) && !numeric) {
    for (const el of v) visitSegment(el, seg, numeric, next);
    return;
  }
  if (Object.hasOwn(v, seg)) next.push((v as Record<string, unknown>)[seg]);
}

/** Values at a dot path; `*` takes every element/property; a non-numeric segment maps over arrays. */
export function jsonPathValues(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const seg of path.split(".")) {
    if (seg === "") continue;
    const next: unknown[] = [];
    const numeric = /^\d+$/.test(seg);
    for (const v of current) visitSegment(v, seg, numeric, next);
    current = next;
  }
  // A path ending on an array means its elements.
  const out: unknown[] = [];
  for (const v of current) {
    if (Array.isArray(v)) for (const x of v) out.push(x);
    else out.push(v);
  }
  return out;
}

/** Strings found at `path` in the document, in order. */
export function findInDocument(doc: ResponseDocument, path: string): string[] {
  const p = path.trim();
  if (p === "") return [];
  switch (doc.kind) {
    case "json":
      return jsonPathValues(doc.json, p)
        .map(scalarText)
        .filter((s): s is string => s !== null);
    case "xml":
      return doc.tree ? evaluateXPath(doc.tree, p) : [];
    case "html":
      return doc.tree ? evaluateCss(doc.tree, p) : [];
    case "text": {
      const re = toRegex(p);
      if (!re) return [];
      const m = re.exec(doc.raw);
      if (!m) return [];
      return [m[1] ?? m[0]];
    }
  }
}
