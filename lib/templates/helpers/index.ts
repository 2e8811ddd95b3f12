/**
 * The fixed allow-list of template helpers (spec 03 §2.2): format, lowercase, uppercase,
 * substring, replace, extract, math and the hash helpers. Block helpers (#if #unless #each #with)
 * live in the evaluator. There is no way to register more at run time.
 *
 * A helper may `prepare` at compile time (validate literal options, compile regexes and math
 * expressions once) and then `run` per render with evaluated arguments.
 */
import { TemplateError } from "../errors";
import type { Expr } from "../parser";
import { lookupVariable, type RenderState, type TemplateLimits } from "../runtime";
import { isRangeTyped, isTypedValue, toNumber, toText } from "../values";
import { DEFAULT_DATE_FORMAT, formatDate, isValidTimeZone, parseDateText, type DateInput } from "./dates";
import { HASH_ALGORITHMS, HASH_ENCODINGS, hashText, type HashAlgorithm, type HashEncoding } from "./hash";
import { compileMath, MathSyntaxError, type CompiledMath, type MathValue } from "./math";
import { formatNumber } from "./numeral";
import {
  cachedPattern,
  compileExtractPattern,
  compileReplacePattern,
  type ReplacePattern,
} from "./regex";

export interface PrepareInput {
  params: readonly Expr[];
  hash: ReadonlyMap<string, Expr>;
  limits: TemplateLimits;
  warn(message: string): void;
}

export type HelperOptions = Record<string, unknown>;

export interface HelperDefinition {
  /** Hash option names the helper understands; others draw a compile-time warning. */
  options: readonly string[];
  prepare?(input: PrepareInput): unknown;
  run(args: unknown[], options: HelperOptions, prepared: unknown, state: RenderState): unknown;
  /** Variable paths a prepared helper reads besides its arguments (math expressions). */
  paths?(prepared: unknown): readonly string[];
}

function literalString(e: Expr | undefined): string | undefined {
  return e && e.type === "literal" && typeof e.value === "string" ? e.value : undefined;
}

function has(o: HelperOptions, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key) && o[key] !== undefined && o[key] !== null;
}

// ---------------------------------------------------------------------------------------------
// format

type Classified = { kind: "date"; date: DateInput } | { kind: "number"; n: number } | { kind: "text" };

const STRICT_NUMBER = /^[-+]?(?:\d+(?:\.\d+)?|\.\d+)$/;
const LOOSE_NUMBER = /^[-+]?\$?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?$/;

function numericText(s: string): number | undefined {
  const t = s.trim();
  if (STRICT_NUMBER.test(t)) return Number(t);
  if (/\d/.test(t) && LOOSE_NUMBER.test(t)) return Number(t.replace(/[$,]/g, ""));
  return undefined;
}

/**
 * Date or number? (spec 03 §2.2 decision): range- and number-typed values are numbers; date, dob
 * and time-typed values (their normals are ISO dates) are dates; a plain value is a number when it
 * is numeric, else a date when it parses as one; anything else is text and is returned unchanged.
 */
function classify(v: unknown): Classified {
  let u = v;
  if (isTypedValue(v)) {
    if (isRangeTyped(v)) {
      const n = typeof v.avg === "number" ? v.avg : typeof v.min === "number" ? v.min : NaN;
      return Number.isFinite(n) ? { kind: "number", n } : { kind: "text" };
    }
    u = v.normal;
  }
  if (typeof u === "number") return Number.isFinite(u) ? { kind: "number", n: u } : { kind: "text" };
  if (u instanceof Date) return Number.isNaN(u.getTime()) ? { kind: "text" } : { kind: "date", date: { ms: u.getTime(), dateOnly: false } };
  if (typeof u === "string") {
    const n = numericText(u);
    if (n !== undefined) return { kind: "number", n };
    const d = parseDateText(u);
    if (d) return { kind: "date", date: d };
  }
  return { kind: "text" };
}

/** `dataType`: "String" keeps text; "Number" turns numeric-looking text into a number (spec 03 §2.2). */
function applyDataType(result: string | number, dataType: unknown): string | number {
  if (dataType === undefined || dataType === null) return result;
  const dt = toText(dataType).trim().toLowerCase();
  if (dt === "string") return typeof result === "number" ? String(result) : result;
  if (dt === "number") {
    if (typeof result === "number") return result;
    const t = result.trim();
    return STRICT_NUMBER.test(t) ? Number(t) : result;
  }
  return result;
}

function checkLiteralTimezone(input: PrepareInput): void {
  const tz = literalString(input.hash.get("timezone"));
  if (tz !== undefined && tz.trim() !== "" && !isValidTimeZone(tz.trim())) {
    throw new TemplateError(`Unknown time zone "${tz}"`, "helper");
  }
  const dt = literalString(input.hash.get("dataType"));
  if (dt !== undefined && !["string", "number"].includes(dt.toLowerCase())) {
    input.warn(`dataType "${dt}" is not String or Number and is ignored`);
  }
}

const format: HelperDefinition = {
  options: ["format", "timezone", "locale", "dataType"],
  prepare(input) {
    if (input.params.length === 0) input.warn("format needs a value to format");
    checkLiteralTimezone(input);
    return null;
  },
  run(args, o) {
    const v = args[0];
    const fmt = has(o, "format") ? toText(o.format) : undefined;
    const timezone = has(o, "timezone") ? toText(o.timezone) : undefined;
    const locale = has(o, "locale") ? toText(o.locale) : undefined;
    const c = classify(v);
    let out: string;
    if (c.kind === "date" && (fmt || timezone || locale)) {
      out = formatDate(c.date, fmt || DEFAULT_DATE_FORMAT, { timezone, locale });
    } else if (c.kind === "number" && fmt) {
      out = formatNumber(c.n, fmt, locale);
    } else {
      out = toText(v);
    }
    return applyDataType(out, o.dataType);
  },
};

// ---------------------------------------------------------------------------------------------
// strings

const lowercase: HelperDefinition = {
  options: [],
  run: (args) => toText(args[0]).toLowerCase(),
};

const uppercase: HelperDefinition = {
  options: [],
  run: (args) => toText(args[0]).toUpperCase(),
};

function intOption(v: unknown): number | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  const n = typeof v === "number" ? v : Number(toText(v).trim());
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** 1-based, `end` inclusive, counted in characters (code points, so emoji are not split). */
const substring: HelperDefinition = {
  options: ["start", "end"],
  run(args, o) {
    const text = toText(args[0]);
    if (text === "") return "";
    const chars = Array.from(text);
    const start = Math.max(1, intOption(has(o, "start") ? o.start : args[1]) ?? 1);
    const endOpt = intOption(has(o, "end") ? o.end : args[2]);
    const end = endOpt === undefined ? chars.length : Math.min(chars.length, endOpt);
    return end < start ? "" : chars.slice(start - 1, end).join("");
  },
};

function checkSubject(text: string, s: RenderState, helper: string): void {
  if (text.length > s.limits.maxRegexSubject) {
    throw new TemplateError(
      `${helper}: text longer than ${s.limits.maxRegexSubject} characters is not searched with a regular expression`,
      "limit",
    );
  }
}

const replace: HelperDefinition = {
  options: ["pattern", "replace"],
  prepare(input) {
    const p = literalString(input.hash.get("pattern"));
    if (!input.hash.has("pattern")) input.warn("replace needs a pattern option");
    return p === undefined ? null : compileReplacePattern(p);
  },
  run(args, o, prepared, rt) {
    const text = toText(args[0]);
    if (!has(o, "pattern")) return text;
    const pattern = (prepared as ReplacePattern | null) ?? cachedPattern("replace", compileReplacePattern, toText(o.pattern));
    const replacement = has(o, "replace") ? toText(o.replace) : "";
    if ("literal" in pattern) {
      return pattern.literal === "" ? text : text.split(pattern.literal).join(replacement);
    }
    checkSubject(text, rt, "replace");
    return text.replace(pattern.regex, replacement);
  },
};

const extract: HelperDefinition = {
  options: ["pattern"],
  prepare(input) {
    const p = literalString(input.hash.get("pattern"));
    if (!input.hash.has("pattern")) input.warn("extract needs a pattern option");
    return p === undefined ? null : compileExtractPattern(p);
  },
  run(args, o, prepared, rt) {
    const text = toText(args[0]);
    if (!has(o, "pattern") || text === "") return "";
    const rx = (prepared as RegExp | null) ?? cachedPattern("extract", compileExtractPattern, toText(o.pattern));
    checkSubject(text, rt, "extract");
    const found: string[] = [];
    for (const m of text.matchAll(rx)) {
      const piece = m.length > 1 ? m[1] : m[0];
      if (piece) found.push(piece);
    }
    return found.join(" ");
  },
};

// ---------------------------------------------------------------------------------------------
// math

type PreparedMath = { compiled: CompiledMath } | { error: string } | null;

const mathCache = new Map<string, CompiledMath | null>();

function mathFor(expression: string): CompiledMath | null {
  let hit = mathCache.get(expression);
  if (hit === undefined) {
    try {
      hit = compileMath(expression);
    } catch {
      hit = null;
    }
    if (mathCache.size > 500) mathCache.clear();
    mathCache.set(expression, hit);
  }
  return hit;
}

function mathVariable(v: unknown): MathValue {
  if (Array.isArray(v)) return v.map((x) => toNumber(x));
  return toNumber(v);
}

/**
 * Returns a number (spec 03 §2.2); comparisons give 1/0 (our decision: the kb says math returns
 * numbers only); an invalid expression or a non-numeric result renders "". `format`/`locale`
 * format the number like the format helper (a string); `dataType` as for format.
 */
const math: HelperDefinition = {
  options: ["format", "locale", "dataType"],
  prepare(input): PreparedMath {
    const expr = literalString(input.params[0]);
    if (input.params.length === 0) input.warn("math needs an expression");
    if (expr === undefined) return null;
    try {
      return { compiled: compileMath(expr) };
    } catch (e) {
      const msg = e instanceof MathSyntaxError ? e.message : String(e);
      input.warn(`math expression "${expr}" is invalid (${msg}) and renders ""`);
      return { error: msg };
    }
  },
  paths(prepared) {
    const p = prepared as PreparedMath;
    return p && "compiled" in p ? p.compiled.variables : [];
  },
  run(args, o, prepared, rt) {
    const p = prepared as PreparedMath;
    let compiled: CompiledMath | null;
    if (p && "error" in p) compiled = null;
    else if (p) compiled = p.compiled;
    else compiled = mathFor(toText(args[0]));
    if (!compiled) return "";
    let result: MathValue;
    try {
      result = compiled.evaluate((segs, name) => mathVariable(lookupVariable(rt, segs, name)));
    } catch {
      return "";
    }
    const n = typeof result === "boolean" ? (result ? 1 : 0) : result;
    if (typeof n !== "number" || !Number.isFinite(n)) return "";
    const fmt = has(o, "format") ? toText(o.format) : "";
    const out: string | number = fmt ? formatNumber(n, fmt, has(o, "locale") ? toText(o.locale) : undefined) : n;
    return applyDataType(out, o.dataType);
  },
};

// ---------------------------------------------------------------------------------------------
// hashes

function encodingOf(v: unknown): HashEncoding {
  const e = toText(v).trim().toLowerCase();
  const enc = e === "binary" ? "latin1" : e;
  if (!(HASH_ENCODINGS as readonly string[]).includes(enc)) {
    throw new TemplateError(`Unknown hash encoding "${e}"; use hex, base64 or latin1`, "render");
  }
  return enc as HashEncoding;
}

/**
 * Arguments are concatenated without a separator, then `salt` appended (spec 03 §2.2). Hashing
 * nothing gives "" rather than the digest of an empty string (our decision): an absent email must
 * not turn into a valid-looking hash that a buyer would match.
 */
function hashHelper(alg: HashAlgorithm): HelperDefinition {
  return {
    options: ["salt", "encoding"],
    prepare(input) {
      const enc = literalString(input.hash.get("encoding"));
      if (enc !== undefined) {
        try {
          encodingOf(enc);
        } catch (e) {
          throw new TemplateError((e as Error).message, "helper");
        }
      }
      return null;
    },
    run(args, o) {
      let text = "";
      for (const a of args) text += toText(a);
      if (text === "") return "";
      if (has(o, "salt")) text += toText(o.salt);
      const enc = has(o, "encoding") ? encodingOf(o.encoding) : "hex";
      try {
        return hashText(alg, text, enc);
      } catch (e) {
        throw new TemplateError((e as Error).message, "render");
      }
    },
  };
}

const entries: [string, HelperDefinition][] = [
  ["format", format],
  ["lowercase", lowercase],
  ["uppercase", uppercase],
  ["substring", substring],
  ["replace", replace],
  ["extract", extract],
  ["math", math],
  ...HASH_ALGORITHMS.map((a): [string, HelperDefinition] => [a, hashHelper(a)]),
];

export const HELPERS: ReadonlyMap<string, HelperDefinition> = new Map(entries);

export const HELPER_NAMES: readonly string[] = entries.map(([n]) => n);
