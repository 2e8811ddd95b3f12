/**
 * Variable path resolution of spec 02 §2, shared by templates and the rule engine.
 *
 * First segment:
 *  - a reserved namespace (`lead source flow account submission recipient feedback appended`) or
 *    reserved top-level variable (`purchase_price event_id outcome reason`) → read literally; a bare
 *    `source`/`flow`/`recipient` that names an object with a `name` resolves to that name
 *    (so `source is not equal to "test"` tests the source's name);
 *  - `timestamp` → `submission.timestamp`;
 *  - `price` → `lead.price` when the lead has one, else the top-level `price` (recipient sale price);
 *  - otherwise `lead.<path>` if it exists, else `appended.<path>` if it exists, else the literal
 *    top-level `<path>` (our addition: inbound-mapping templates read the submitted data at the top
 *    level, spec 03 §3.1, and custom top-level variables such as `minimum_price` keep working).
 * Later segments are own properties of plain objects or array indexes (`lead.interests.0`).
 */
import { getOwn, isPlainObject, walkOwn } from "./values";

const RESERVED = new Set([
  "lead",
  "source",
  "flow",
  "account",
  "submission",
  "recipient",
  "feedback",
  "appended",
  "purchase_price",
  "event_id",
  "outcome",
  "reason",
]);
const NAMED_NAMESPACES = new Set(["source", "flow", "recipient"]);

export function isReservedRoot(segment: string): boolean {
  return RESERVED.has(segment);
}

const splitCache = new Map<string, readonly string[]>();
const SPLIT_CACHE_MAX = 10_000;

/**
 * Split a dot path into segments. `[...]` also delimits a segment, so `items[0].name` and
 * `items.[0].name` both give `items`, `0`, `name` (the kb documents `{{items[0]}}`).
 * Cached: rule engines call this with the same few hundred paths over and over.
 */
export function parsePath(path: string): readonly string[] {
  const cached = splitCache.get(path);
  if (cached !== undefined) return cached;
  const p = path.trim();
  let segs: string[];
  if (p.indexOf("[") < 0) {
    segs = p.length === 0 ? [] : p.split(".");
  } else {
    segs = [];
    let cur = "";
    for (let i = 0; i < p.length; i++) {
      const c = p[i];
      if (c === ".") {
        if (cur.length > 0 || (i > 0 && p[i - 1] !== "]")) segs.push(cur);
        cur = "";
      } else if (c === "[") {
        if (cur.length > 0) segs.push(cur);
        const end = p.indexOf("]", i + 1);
        if (end < 0) {
          cur = p.slice(i);
          i = p.length;
          break;
        }
        segs.push(p.slice(i + 1, end));
        cur = "";
        i = end;
      } else {
        cur += c;
      }
    }
    if (cur.length > 0) segs.push(cur);
  }
  const frozen = Object.freeze(segs);
  if (splitCache.size >= SPLIT_CACHE_MAX) splitCache.clear();
  splitCache.set(path, frozen);
  return frozen;
}

export interface ResolveOptions {
  /**
   * A bare `source`, `flow` or `recipient` resolves to the object's `name` (spec 02 §2). Default
   * true. Template block helpers (`#with source`) pass false to get the object itself.
   */
  namespaceAsName?: boolean;
}

/** `resolvePath` over pre-split segments (templates split once at compile time). */
export function resolveSegments(
  vars: unknown,
  segs: readonly string[],
  options?: ResolveOptions,
): unknown {
  if (segs.length === 0) return undefined;
  const first = segs[0];
  if (RESERVED.has(first)) {
    const top = getOwn(vars, first);
    if (segs.length === 1) {
      if (
        options?.namespaceAsName !== false &&
        NAMED_NAMESPACES.has(first) &&
        isPlainObject(top) &&
        Object.prototype.hasOwnProperty.call(top, "name")
      ) {
        return top.name;
      }
      return top;
    }
    return top === undefined ? undefined : walkOwn(top, segs, 1);
  }
  if (first === "timestamp") {
    const ts = getOwn(getOwn(vars, "submission"), "timestamp");
    return segs.length === 1 || ts === undefined ? ts : walkOwn(ts, segs, 1);
  }
  if (first === "price") {
    const leadPrice = getOwn(getOwn(vars, "lead"), "price");
    if (leadPrice !== undefined && leadPrice !== null) {
      return segs.length === 1 ? leadPrice : walkOwn(leadPrice, segs, 1);
    }
    return walkOwn(vars, segs, 0);
  }
  const lead = getOwn(vars, "lead");
  if (lead !== undefined) {
    const v = walkOwn(lead, segs, 0);
    if (v !== undefined) return v;
  }
  const appended = getOwn(vars, "appended");
  if (appended !== undefined) {
    const v = walkOwn(appended, segs, 0);
    if (v !== undefined) return v;
  }
  return walkOwn(vars, segs, 0);
}

export type PathResolver = (vars: unknown) => unknown;

/**
 * `resolvePath` with the first-segment rule decided once: returns a function of the vars. Templates
 * compile every path this way; a rule engine can do the same for its lhv paths.
 */
export function compilePathResolver(path: string | readonly string[], options?: ResolveOptions): PathResolver {
  const segs = typeof path === "string" ? parsePath(path) : Object.freeze([...path]);
  const n = segs.length;
  if (n === 0) return () => undefined;
  const first = segs[0];
  if (RESERVED.has(first)) {
    if (n === 1) {
      if (options?.namespaceAsName !== false && NAMED_NAMESPACES.has(first)) {
        return (vars) => {
          const top = getOwn(vars, first);
          return isPlainObject(top) && Object.prototype.hasOwnProperty.call(top, "name") ? top.name : top;
        };
      }
      return (vars) => getOwn(vars, first);
    }
    if (n === 2) {
      const second = segs[1];
      return (vars) => getOwn(getOwn(vars, first), second);
    }
    if (n === 3) {
      const second = segs[1];
      const third = segs[2];
      return (vars) => getOwn(getOwn(getOwn(vars, first), second), third);
    }
    return (vars) => walkOwn(vars, segs, 0);
  }
  if (first === "timestamp" || first === "price") return (vars) => resolveSegments(vars, segs, options);
  if (n === 1) {
    return (vars) => {
      const lead = getOwn(getOwn(vars, "lead"), first);
      if (lead !== undefined) return lead;
      const appended = getOwn(getOwn(vars, "appended"), first);
      return appended !== undefined ? appended : getOwn(vars, first);
    };
  }
  return (vars) => {
    const lead = getOwn(vars, "lead");
    if (lead !== undefined) {
      const v = walkOwn(lead, segs, 0);
      if (v !== undefined) return v;
    }
    const appended = getOwn(vars, "appended");
    if (appended !== undefined) {
      const v = walkOwn(appended, segs, 0);
      if (v !== undefined) return v;
    }
    return walkOwn(vars, segs, 0);
  };
}

/**
 * Resolve a variable path against the lead context (spec 02 §2). Returns the value as stored
 * (typed values stay typed) or `undefined` when absent. Reads own properties of plain objects and
 * array elements only; `__proto__`, `constructor` and `prototype` are never read.
 */
export function resolvePath(vars: unknown, path: string, options?: ResolveOptions): unknown {
  return resolveSegments(vars, parsePath(path), options);
}
