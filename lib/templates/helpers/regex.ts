/**
 * Regular expressions written in templates (`replace pattern="regexp(...)"`, `extract pattern=`).
 * They are compiled once (at template compile time when the pattern is a literal) and screened for
 * the classic catastrophic-backtracking shape: a repeated group that itself contains a variable
 * repetition (`(a+)+`, `(\w*,?)*`). Node has no regex time-out, so this screen plus a cap on the
 * subject length (TemplateLimits.maxRegexSubject) are what keep a marketer's typo from stalling the
 * intake server. Both are cooperative limits, not a sandbox.
 */
import { TemplateError } from "../errors";

const QUANT_AFTER = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

function quantifierAt(src: string, i: number): { len: number; variable: boolean } | null {
  const m = QUANT_AFTER.exec(src.slice(i, i + 24));
  if (!m) return null;
  const q = m[0];
  let variable = true;
  if (q[0] === "{") {
    const inner = q.slice(1, -1).split(",");
    variable = inner.length === 2 && inner[1] !== inner[0];
  }
  let len = q.length;
  if (src[i + len] === "?") len++; // lazy modifier
  return { len, variable };
}

/** True when the pattern nests a variable repetition inside a repeated group. */
export function hasNestedQuantifier(src: string): boolean {
  const stack: boolean[] = [false]; // per open group: contains a variable quantifier
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") {
      i++;
      const q = quantifierAt(src, i + 1);
      if (q) {
        if (q.variable) stack[stack.length - 1] = true;
        i += q.len;
      }
      continue;
    }
    if (c === "[") {
      let j = i + 1;
      if (src[j] === "^") j++;
      if (src[j] === "]") j++;
      while (j < src.length && src[j] !== "]") j += src[j] === "\\" ? 2 : 1;
      i = j;
      const q = quantifierAt(src, i + 1);
      if (q) {
        if (q.variable) stack[stack.length - 1] = true;
        i += q.len;
      }
      continue;
    }
    if (c === "(") {
      stack.push(false);
      if (src[i + 1] === "?") {
        // Group modifiers (?: (?= (?! (?<= (?<! (?<name> are not quantifiers.
        if (src[i + 2] === "<" && src[i + 3] !== "=" && src[i + 3] !== "!") {
          const end = src.indexOf(">", i + 3);
          i = end > 0 ? end : i + 2;
        } else {
          i += src[i + 2] === "<" ? 3 : 2;
        }
      }
      continue;
    }
    if (c === ")") {
      const inner = stack.length > 1 ? stack.pop()! : false;
      const q = quantifierAt(src, i + 1);
      if (q) {
        if (q.variable && inner) return true;
        i += q.len;
        if (q.variable) stack[stack.length - 1] = true;
      }
      if (inner) stack[stack.length - 1] = true;
      continue;
    }
    const q = quantifierAt(src, i + 1);
    if (q) {
      if (q.variable) stack[stack.length - 1] = true;
      i += q.len;
    }
  }
  return false;
}

/** Compile a template regex with the `g` flag plus the given flags (`i m s u` allowed). */
export function compileTemplateRegex(body: string, flags = ""): RegExp {
  if (!/^[imsu]*$/.test(flags)) throw new TemplateError(`Unsupported regular expression flags "${flags}"`, "helper");
  if (hasNestedQuantifier(body)) {
    throw new TemplateError(
      `Regular expression /${body}/ nests a repetition inside a repeated group, which can take exponential time; rewrite it without the nesting`,
      "helper",
    );
  }
  try {
    return new RegExp(body, `g${flags}`);
  } catch (e) {
    throw new TemplateError(`Invalid regular expression /${body}/: ${(e as Error).message}`, "helper");
  }
}

/** `regexp(body)` or `regexp(/body/flags)` → body and flags; anything else → null. */
export function unwrapRegexp(pattern: string): { body: string; flags: string } | null {
  if (!pattern.startsWith("regexp(") || !pattern.endsWith(")")) return null;
  const inner = pattern.slice(7, -1);
  const m = /^\/([\s\S]*)\/([a-z]*)$/.exec(inner);
  return m ? { body: m[1], flags: m[2] } : { body: inner, flags: "" };
}

export type ReplacePattern = { regex: RegExp } | { literal: string };

/** `replace`'s pattern: `regexp(...)` is a regular expression, anything else literal text. */
export function compileReplacePattern(pattern: string): ReplacePattern {
  const rx = unwrapRegexp(pattern);
  return rx ? { regex: compileTemplateRegex(rx.body, rx.flags) } : { literal: pattern };
}

/** `extract`'s pattern is always a regular expression; a `regexp(...)` wrapper is accepted too. */
export function compileExtractPattern(pattern: string): RegExp {
  const rx = unwrapRegexp(pattern);
  return rx ? compileTemplateRegex(rx.body, rx.flags) : compileTemplateRegex(pattern);
}

const dynamicCache = new Map<string, ReplacePattern | RegExp | TemplateError>();

/** Patterns that come from variables at render time are compiled once per distinct text. */
export function cachedPattern<T extends ReplacePattern | RegExp>(
  key: string,
  compile: (p: string) => T,
  pattern: string,
): T {
  const k = `${key}\u0000${pattern}`;
  let hit = dynamicCache.get(k);
  if (hit === undefined) {
    try {
      hit = compile(pattern);
    } catch (e) {
      hit = e instanceof TemplateError ? e : new TemplateError(String(e), "render");
    }
    if (dynamicCache.size > 500) dynamicCache.clear();
    dynamicCache.set(k, hit);
  }
  if (hit instanceof TemplateError) throw hit;
  return hit as T;
}
