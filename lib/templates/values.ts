/**
 * How template values look and convert. Variables are plain data (JSON-like objects and arrays,
 * strings, numbers, booleans, null) plus typed values: plain objects with an own `normal`
 * (spec 01 §3). Everything here reads **own** properties of plain objects and arrays only, so a
 * template can never reach a prototype, a constructor or a function (NOTES-engineering §3.5).
 */

const objectProto = Object.prototype;
const hasOwnProp = objectProto.hasOwnProperty;

/**
 * Keys that are never read, even as own properties: `JSON.parse('{"__proto__":1}')` creates an own
 * `__proto__`, and templates have no business with constructors or prototypes either way.
 */
export function isBlockedKey(key: string): boolean {
  return key === "__proto__" || key === "constructor" || key === "prototype";
}

/** A plain object: created by a literal, `JSON.parse` or `Object.create(null)`. Not an array. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === objectProto || proto === null;
}

/** Canonical array index: "0", "12" (not "01", "-1", "1.0"). */
function arrayIndex(key: string): number {
  const n = key.length;
  if (n === 0 || n > 15) return -1;
  const c0 = key.charCodeAt(0);
  if (c0 === 48) return n === 1 ? 0 : -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Own property `key` of a plain object, or element/`length` of an array; `undefined` for anything
 * else (strings, numbers, class instances, inherited and blocked keys).
 */
export function getOwn(container: unknown, key: string): unknown {
  if (typeof container !== "object" || container === null) return undefined;
  if (Array.isArray(container)) {
    if (key === "length") return container.length;
    const i = arrayIndex(key);
    return i >= 0 && i < container.length ? container[i] : undefined;
  }
  const proto = Object.getPrototypeOf(container);
  if (proto !== objectProto && proto !== null) return undefined;
  if (!hasOwnProp.call(container, key) || isBlockedKey(key)) return undefined;
  return (container as Record<string, unknown>)[key];
}

/** Follow `segments[from..]` through own properties; `undefined` as soon as one is missing. */
export function walkOwn(root: unknown, segments: readonly string[], from = 0): unknown {
  let cur = root;
  for (let i = from; i < segments.length; i++) {
    cur = getOwn(cur, segments[i]);
    if (cur === undefined) return undefined;
  }
  return cur;
}

export interface TypedValueLike {
  normal: unknown;
  raw?: unknown;
  valid?: unknown;
  [component: string]: unknown;
}

/** A typed value (spec 01 §3): a plain object with an own `normal`. */
export function isTypedValue(v: unknown): v is TypedValueLike {
  return isPlainObject(v) && hasOwnProp.call(v, "normal");
}

/** The value a typed value stands for (its `normal`); anything else unchanged. */
export function unwrap(v: unknown): unknown {
  return isTypedValue(v) ? v.normal : v;
}

/** Range-typed values are the only ones with `min`, `max` and `avg` components (spec 01 §4). */
export function isRangeTyped(v: TypedValueLike): boolean {
  return hasOwnProp.call(v, "min") && hasOwnProp.call(v, "max") && hasOwnProp.call(v, "avg");
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return isTypedValue(value) ? value.normal : value;
}

/**
 * Text of a value in Handlebars mode (spec 03 §2.1): typed → its normal, absent → "", arrays
 * comma-joined (like Handlebars' `Array#toString`), booleans "true"/"false", non-finite numbers "",
 * dates as ISO-8601. A plain object renders as JSON (with typed values as their normal) rather than
 * Handlebars' useless "[object Object]". Never HTML-escaped.
 */
export function toText(v: unknown): string {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
      return Number.isFinite(v) ? String(v) : "";
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      return String(v);
    case "object": {
      if (v === null) return "";
      if (Array.isArray(v)) {
        let s = "";
        for (let i = 0; i < v.length; i++) {
          if (i > 0) s += ",";
          s += toText(v[i]);
        }
        return s;
      }
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString();
      if (!isPlainObject(v)) return "";
      if (hasOwnProp.call(v, "normal")) return toText((v as TypedValueLike).normal);
      try {
        return JSON.stringify(v, jsonReplacer) ?? "";
      } catch {
        return "";
      }
    }
    default:
      return "";
  }
}

/** Blank per spec 02 §4: absent/null, whitespace-only string, empty array (or all blank), typed with blank raw. */
export function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.trim().length === 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!isBlank(v[i])) return false;
    return true;
  }
  if (isTypedValue(v)) return hasOwnProp.call(v, "raw") ? isBlank(v.raw) : isBlank(v.normal);
  return false;
}

/**
 * Handlebars truthiness for `#if`/`#unless`/`#with`, applied to a typed value's normal (so a
 * boolean field whose normal is `false` is false, as a marketer expects): false, "", 0, NaN,
 * null/undefined and [] are falsy.
 */
export function isTruthy(v: unknown, includeZero = false): boolean {
  const u = unwrap(v);
  if (u === undefined || u === null || u === false || u === "") return false;
  if (typeof u === "number") return includeZero ? !Number.isNaN(u) : u !== 0 && !Number.isNaN(u);
  if (Array.isArray(u)) return u.length > 0;
  return true;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** The number type's lenient parse (spec 01 §4 number): keep digits, "-" and "."; "" → NaN. */
export function parseLenientNumber(s: string): number {
  const stripped = s.replace(/[^0-9.-]/g, "");
  if (stripped.length === 0) return NaN;
  return Number(stripped);
}

/**
 * `num(v)` of spec 02 §4, used for `math` variables: number-typed → normal; range → avg (min when
 * avg is null); date/dob/time-typed → epoch ms; postal code → its zip; other typed → normal parsed
 * leniently; JS number → itself; string → lenient parse; Date → epoch ms; else NaN.
 */
export function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") return parseLenientNumber(v);
  if (v instanceof Date) return v.getTime();
  if (!isTypedValue(v)) return NaN;
  if (isRangeTyped(v)) {
    if (typeof v.avg === "number") return v.avg;
    return typeof v.min === "number" ? v.min : NaN;
  }
  const n = v.normal;
  if (typeof n === "number") return n;
  if (typeof n === "boolean") return NaN;
  if (hasOwnProp.call(v, "zip") && typeof v.zip === "string") return parseLenientNumber(v.zip);
  if (typeof n === "string") {
    if (YMD.test(n)) return Date.parse(`${n}T00:00:00Z`);
    if (ISO_INSTANT.test(n)) return Date.parse(n);
    return parseLenientNumber(n);
  }
  return NaN;
}
