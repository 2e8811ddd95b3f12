// `matches pattern` forms (spec 02 §5): `/body/flags` is a regular expression (the `i` flag always
// added); anything else is a glob anchored at both ends (`*` any run, `?` one character).
// Patterns are tested against text(lhv), which is already lower-cased.

export type Matcher = (text: string) => boolean;

const REGEX_FORM = /^\/([\s\S]+)\/([a-z]*)$/;
const VALID_FLAGS = /^[dgimsuvy]*$/;

export function isRegexForm(pattern: string): boolean {
  return REGEX_FORM.test(pattern.trim());
}

export class PatternError extends Error {}

/** Compile a pattern; throws `PatternError` for an invalid regular expression. */
export function compilePattern(pattern: string): Matcher {
  const p = pattern.trim();
  const m = REGEX_FORM.exec(p);
  if (m) {
    const [, body, flags] = m;
    if (!VALID_FLAGS.test(flags) || new Set(flags).size !== flags.length) {
      throw new PatternError(`Invalid regular expression flags "${flags}"`);
    }
    // `g`/`y` would make RegExp#test stateful (lastIndex) across evaluations: drop them.
    const f = flags.replace(/[gy]/g, "") + (flags.includes("i") ? "" : "i");
    let re: RegExp;
    try {
      re = new RegExp(body, f);
    } catch (e) {
      throw new PatternError(e instanceof Error ? e.message : String(e));
    }
    return (s) => re.test(s);
  }
  return compileGlob(p.toLowerCase());
}

function compileGlob(g: string): Matcher {
  // Fast paths for the shapes people actually write ("512*", "*@gmail.com", "*test*", "TX").
  if (!/[*?]/.test(g)) return (s) => s === g;
  if (!g.includes("?")) {
    const parts = g.split("*");
    if (parts.length === 2) {
      const [a, b] = parts;
      if (b === "") return (s) => s.startsWith(a);
      if (a === "") return (s) => s.endsWith(b);
      return (s) => s.length >= a.length + b.length && s.startsWith(a) && s.endsWith(b);
    }
    if (parts.length === 3 && parts[0] === "" && parts[2] === "") {
      const mid = parts[1];
      return (s) => s.includes(mid);
    }
  }
  let src = "^";
  for (const ch of g) {
    if (ch === "*") src += "[\\s\\S]*";
    else if (ch === "?") src += "[\\s\\S]";
    else src += ch.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  }
  const re = new RegExp(src + "$", "iu");
  return (s) => re.test(s);
}
