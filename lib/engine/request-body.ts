// Request documents from flat request variables (05 §3.3): dotted properties become nested
// JSON, repeated form fields or XML elements. Typed values are sent as their `normal`, invalid
// ones as their `raw` (ap-code). (Engine-local until lib/mappings publishes its serializers.)

import { isTypedValue } from "./deps";

/** A value ready to be written into a body: typed → normal (invalid → raw), recursively. */
export function wireValue(v: unknown): unknown {
  if (isTypedValue(v)) return v.valid === false ? v.raw : v.normal;
  if (Array.isArray(v)) return v.map(wireValue);
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = wireValue(x);
    return out;
  }
  return v;
}

/** Text of a scalar for form/query/XML bodies; objects become JSON text. */
export function wireText(v: unknown): string {
  const w = wireValue(v);
  if (w === null || w === undefined) return "";
  if (typeof w === "string") return w;
  if (typeof w === "number" || typeof w === "boolean") return String(w);
  return JSON.stringify(w);
}

/** `send_ascii`: `José` → `Jose` (diacritics dropped, other non-ASCII removed). */
export function toAscii(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x00-\x7f]/g, "");
}

export function asciiDeep(v: unknown): unknown {
  if (typeof v === "string") return toAscii(v);
  if (Array.isArray(v)) return v.map(asciiDeep);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = asciiDeep(x);
    return out;
  }
  return v;
}

/** Segments of a property path; `{123}` forces a literal (object) key (03 §3). */
function segmentsOf(path: string): Array<{ key: string; index: boolean }> {
  const out: Array<{ key: string; index: boolean }> = [];
  for (const raw of path.match(/\{[^}]*\}|[^.{}]+/g) ?? []) {
    if (raw.startsWith("{")) out.push({ key: raw.slice(1, -1), index: false });
    else out.push({ key: raw, index: /^\d+$/.test(raw) });
  }
  return out;
}

const ARRAY = Symbol("array");
type Node = Map<string, Node | unknown> & { [ARRAY]?: boolean };

function newNode(isArray: boolean): Node {
  const n = new Map() as Node;
  n[ARRAY] = isArray;
  return n;
}

function isNode(v: unknown): v is Node {
  return v instanceof Map;
}

function blankElement(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

function toPlain(node: Node): unknown {
  if (node[ARRAY]) {
    // Numeric segments build arrays; holes and blank elements are dropped (03 §3.2, 05 §3.3).
    const keys = [...node.keys()].sort((a, b) => Number(a) - Number(b));
    const out: unknown[] = [];
    for (const k of keys) {
      const v = node.get(k);
      const plain = isNode(v) ? toPlain(v) : wireValue(v);
      if (!blankElement(plain)) out.push(plain);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of node) out[k] = isNode(v) ? toPlain(v) : wireValue(v);
  return out;
}

/** Nested document from `{ "contact.email": …, "phones.0": … }`; all-numeric top-level keys → an array. */
export function unflatten(entries: ReadonlyArray<[string, unknown]>): unknown {
  const topNumeric = entries.length > 0 && entries.every(([p]) => segmentsOf(p)[0]?.index === true);
  const root = newNode(topNumeric);
  for (const [path, value] of entries) {
    const segs = segmentsOf(path);
    if (segs.length === 0) continue;
    let node = root;
    for (let i = 0; i < segs.length - 1; i++) {
      const next = node.get(segs[i].key);
      if (isNode(next)) node = next;
      else {
        const child = newNode(segs[i + 1].index);
        // A value already set here becomes the element's text (XML `lead.dob` plus `lead.dob@year`).
        if (next !== undefined) child.set("#text", next);
        node.set(segs[i].key, child);
        node = child;
      }
    }
    const last = segs[segs.length - 1].key;
    const existing = node.get(last);
    if (isNode(existing)) existing.set("#text", value);
    else node.set(last, value);
  }
  return toPlain(root);
}

/** Entries under `prefix.` with the prefix removed, in mapping order. */
export function entriesUnder(vars: Readonly<Record<string, unknown>>, prefix: string): Array<[string, unknown]> {
  const p = prefix + ".";
  const out: Array<[string, unknown]> = [];
  for (const k of Object.keys(vars)) if (k.startsWith(p) && k.length > p.length) out.push([k.slice(p.length), vars[k]]);
  return out;
}

export function serializeJson(entries: ReadonlyArray<[string, unknown]>): string {
  return JSON.stringify(entries.length === 0 ? {} : unflatten(entries));
}

export function encodeFormComponent(s: string): string {
  return encodeURIComponent(s);
}

/**
 * `a=1&phone=x&phone=y`: a trailing numeric segment repeats the name (`phone.0`, `phone.2`), in
 * index order, blanks dropped. `encodeNames: false` leaves names unencoded (values still are).
 */
export function serializeForm(entries: ReadonlyArray<[string, unknown]>, encodeNames = true): string {
  const order: string[] = [];
  const values = new Map<string, Array<{ index: number; value: unknown }>>();
  for (const [path, value] of entries) {
    const m = /^(.*)\.(\d+)$/.exec(path);
    const name = m ? m[1] : path;
    const index = m ? Number(m[2]) : -1;
    let list = values.get(name);
    if (!list) {
      list = [];
      values.set(name, list);
      order.push(name);
    }
    if (index === -1) {
      list.length = 0;
      list.push({ index, value });
    } else {
      const at = list.findIndex((e) => e.index === index);
      if (at >= 0) list[at] = { index, value };
      else list.push({ index, value });
    }
  }
  const parts: string[] = [];
  for (const name of order) {
    const list = (values.get(name) ?? []).slice().sort((a, b) => a.index - b.index);
    const encodedName = encodeNames ? encodeFormComponent(name) : name;
    for (const { value } of list) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        const text = wireText(item);
        if (text === "" && value !== "") continue;
        parts.push(`${encodedName}=${encodeFormComponent(text)}`);
      }
    }
  }
  return parts.join("&");
}

function escapeXml(s: string, attr = false): string {
  let out = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  if (attr) out = out.replace(/"/g, "&quot;");
  return out;
}

function xmlElement(name: string, value: unknown, indent: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) xmlElement(name, v, indent, lines);
    return;
  }
  if (value === null || typeof value !== "object") {
    lines.push(`${indent}<${name}>${escapeXml(wireText(value))}</${name}>`);
    return;
  }
  const obj = value as Record<string, unknown>;
  const attrs: string[] = [];
  const children: Array<[string, unknown]> = [];
  let text: string | null = null;
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith("@")) attrs.push(` ${k.slice(1)}="${escapeXml(wireText(v), true)}"`);
    else if (k === "#text") text = wireText(v);
    else children.push([k, v]);
  }
  const open = `${indent}<${name}${attrs.join("")}`;
  if (children.length === 0) {
    lines.push(text === null || text === "" ? `${open}/>` : `${open}>${escapeXml(text)}</${name}>`);
    return;
  }
  lines.push(`${open}>`);
  if (text !== null && text !== "") lines.push(`${indent}  ${escapeXml(text)}`);
  for (const [k, v] of children) xmlElement(k, v, indent + "  ", lines);
  lines.push(`${indent}</${name}>`);
}

/**
 * XML body from `xml_path.*` (05 §3.3): `lead.dob@year` is an attribute, numeric segments repeat
 * elements; `<?xml version="1.0"?>` and two-space indentation.
 */
export function serializeXml(entries: ReadonlyArray<[string, unknown]>): string {
  // `a.b@c` → `a.b.{@c}` so attributes land inside their element.
  const rewritten = entries.map(([p, v]): [string, unknown] => {
    const at = p.lastIndexOf("@");
    return at > 0 ? [`${p.slice(0, at)}.{@${p.slice(at + 1)}}`, v] : [p, v];
  });
  const doc = unflatten(rewritten);
  const lines = ['<?xml version="1.0"?>'];
  if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) {
    for (const [k, v] of Object.entries(doc as Record<string, unknown>)) xmlElement(k, v, "", lines);
  }
  return lines.join("\n");
}
