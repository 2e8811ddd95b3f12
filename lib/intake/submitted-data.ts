/**
 * The submitted data (spec 07 §1.3.4–§1.3.6): a nested object built from the query string and
 * the body. Form and query keys with dots are unflattened; repeated keys become arrays; JSON and
 * XML trees are kept as they are. Every builder enforces the depth and field caps as it goes,
 * never recurses deeper than the depth cap, and drops `__proto__` keys (prototype pollution).
 */

export type SubmittedScalar = string | number | boolean | null;
export type SubmittedValue = SubmittedScalar | SubmittedValue[] | SubmittedData;
export interface SubmittedData {
  [key: string]: SubmittedValue;
}
/** The same data keyed by dotted path (`address.city`); arrays stay whole values. */
export type FlatSubmission = Record<string, Exclude<SubmittedValue, SubmittedData>>;

/** A structural problem in submitted data; the caller words it for the content type at hand. */
export class DataShapeError extends Error {}

export interface ShapeLimits {
  maxDepth: number;
  maxFields: number;
}

const hasOwn = Object.hasOwn;

export function isPlainObject(v: unknown): v is SubmittedData {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function shortKey(key: string): string {
  return key.length > 80 ? `${key.slice(0, 77)}...` : key;
}

function tooMany(limits: ShapeLimits): DataShapeError {
  return new DataShapeError(`more than ${limits.maxFields} fields`);
}

function tooDeep(limits: ShapeLimits): DataShapeError {
  return new DataShapeError(`nested deeper than ${limits.maxDepth} levels`);
}

// ---------------------------------------------------------------------------------------------
// Form-encoded text (bodies and query strings)

const PLUS = /\+/g;
const PERCENT_RUN = /(?:%[0-9a-fA-F]{2})+/g;
const utf8 = new TextDecoder("utf-8");

function hexRunToText(run: string): string {
  const bytes = new Uint8Array(run.length / 3);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.substr(i * 3 + 1, 2), 16);
  return utf8.decode(bytes);
}

/**
 * Percent-decoding as UTF-8 with `+` as space. Malformed input never fails: a stray `%` stays
 * literal and invalid UTF-8 becomes U+FFFD (spec 07 §1.3.2).
 */
export function decodeFormComponent(s: string): string {
  let out = s.indexOf("+") === -1 ? s : s.replace(PLUS, " ");
  if (out.indexOf("%") === -1) return out;
  try {
    return decodeURIComponent(out);
  } catch {
    out = out.replace(PERCENT_RUN, hexRunToText);
    return out;
  }
}

interface BuildState {
  count: number;
  limits: ShapeLimits;
}

/** A name that is both a plain value and the parent of a dotted key (`a=1&a.b=2`). */
function conflict(holder: string, key?: string): DataShapeError {
  const child = key === undefined ? "dotted keys" : `"${shortKey(key)}"`;
  return new DataShapeError(`"${shortKey(holder)}" is both a value and the parent of ${child}`);
}

/** Adds one value under `name` in `obj`: a repeated name turns into an array of its values. */
function addValue(obj: SubmittedData, name: string, value: string, key: string, state: BuildState): void {
  if (++state.count > state.limits.maxFields) throw tooMany(state.limits);
  if (!hasOwn(obj, name)) {
    obj[name] = value;
    return;
  }
  const existing = obj[name];
  if (Array.isArray(existing)) existing.push(value);
  else if (isPlainObject(existing)) throw conflict(key);
  else obj[name] = [existing, value];
}

/** Inserts one decoded form pair, unflattening a dotted key (`a.b=1` → `{a:{b:"1"}}`). */
function insertPair(root: SubmittedData, key: string, value: string, state: BuildState): void {
  if (key.indexOf(".") === -1) {
    if (key !== "__proto__") addValue(root, key, value, key, state);
    return;
  }
  const segments = key.split(".");
  // Keys with empty segments (`a..b`, `.a`, `a.`) are not paths; keep them literally.
  if (segments.includes("")) {
    addValue(root, key, value, key, state);
    return;
  }
  if (segments.length > state.limits.maxDepth) throw tooDeep(state.limits);
  if (segments.includes("__proto__")) return;
  let obj = root;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    const s = segments[i];
    if (!hasOwn(obj, s)) {
      if (++state.count > state.limits.maxFields) throw tooMany(state.limits);
      const child: SubmittedData = {};
      obj[s] = child;
      obj = child;
      continue;
    }
    const existing = obj[s];
    // LeadConduit fails the request here (ap-code test "can't parse form-encoded data"; 07 I13).
    if (!isPlainObject(existing)) throw conflict(segments.slice(0, i + 1).join("."), key);
    obj = existing;
  }
  addValue(obj, segments[last], value, key, state);
}

/**
 * Parses `application/x-www-form-urlencoded` text (a body or a query string) into submitted data.
 * Linear in the text: each `&`-separated segment is looked at once.
 */
export function parseFormEncoded(text: string, limits: ShapeLimits): SubmittedData {
  const root: SubmittedData = {};
  if (text.length === 0) return root;
  const state: BuildState = { count: 0, limits };
  const len = text.length;
  let start = 0;
  while (start < len) {
    let amp = text.indexOf("&", start);
    if (amp === -1) amp = len;
    if (amp > start) {
      const segment = text.slice(start, amp);
      const eq = segment.indexOf("=");
      if (eq === -1) insertPair(root, decodeFormComponent(segment), "", state);
      else insertPair(root, decodeFormComponent(segment.slice(0, eq)), decodeFormComponent(segment.slice(eq + 1)), state);
    }
    start = amp + 1;
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Parsed trees (JSON, XML)

function checkNode(node: SubmittedData | SubmittedValue[], depth: number, state: BuildState): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      if (++state.count > state.limits.maxFields) throw tooMany(state.limits);
      const v = node[i];
      if (typeof v === "object" && v !== null) {
        if (depth + 1 > state.limits.maxDepth) throw tooDeep(state.limits);
        checkNode(v, depth + 1, state);
      }
    }
    return;
  }
  for (const k in node) {
    if (k === "__proto__") {
      delete node[k];
      continue;
    }
    if (++state.count > state.limits.maxFields) throw tooMany(state.limits);
    const v = node[k];
    if (typeof v === "object" && v !== null) {
      if (depth + 1 > state.limits.maxDepth) throw tooDeep(state.limits);
      checkNode(v, depth + 1, state);
    }
  }
}

/**
 * Enforces the caps on a tree produced by a parser (JSON.parse is iterative in V8, so a deep
 * document parses fine; this walk stops at the depth cap before the stack could suffer) and
 * removes own `__proto__` keys. Mutates and returns the tree.
 */
export function checkTree(tree: SubmittedData, limits: ShapeLimits): SubmittedData {
  checkNode(tree, 1, { count: 0, limits });
  return tree;
}

// ---------------------------------------------------------------------------------------------
// Merging, names, flattening

/**
 * Deep-merges `source` into `target` (spec 07 §1.3.6: query data into body data). Where both
 * hold a key the source wins, except that two objects are merged key by key.
 */
export function deepMerge(target: SubmittedData, source: SubmittedData): SubmittedData {
  for (const k in source) {
    const s = source[k];
    const t = hasOwn(target, k) ? target[k] : undefined;
    if (isPlainObject(s) && isPlainObject(t)) deepMerge(t, s);
    else target[k] = s;
  }
  return target;
}

/**
 * TrustedForm names (spec 07 §1.3.6): `xxTrustedFormCertUrl` in any case becomes
 * `trustedform_cert_url`; ping-URL keys are removed (they only matter to pings, §1.8).
 * Top-level keys only, as LeadConduit does.
 */
export function normalizeTrustedFormKeys(data: SubmittedData): void {
  for (const k in data) {
    // All three names are 20 characters long: skip the lower-casing for every other key.
    if (k.length !== 20) continue;
    const lower = k.toLowerCase();
    if (lower === "xxtrustedformcerturl") {
      const v = data[k];
      delete data[k];
      data.trustedform_cert_url = v;
    } else if (lower === "xxtrustedformpingurl" || lower === "trustedform_ping_url") {
      delete data[k];
    }
  }
}

function flattenInto(out: FlatSubmission, node: SubmittedData, prefix: string | null): void {
  for (const k in node) {
    const v = node[k];
    const path = prefix === null ? k : `${prefix}.${k}`;
    if (isPlainObject(v)) flattenInto(out, v, path);
    else out[path] = v;
  }
}

/** The submitted data keyed by dotted names (API.md: "flattened with dots"). */
export function flattenSubmittedData(data: SubmittedData): FlatSubmission {
  const out: FlatSubmission = {};
  flattenInto(out, data, null);
  return out;
}
