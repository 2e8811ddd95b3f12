/**
 * Mapping property paths (spec 03 §3): dot notation; an all-digit segment (`tags.0`) is an array
 * index; `{123}` forces a literal object key made of digits (`data{123}.value` and
 * `data.{123}.value` both mean `data` → `"123"` → `value`). Everything else between dots is a
 * literal key, brackets and `@` included (`bar[interest]`, `dob@year` for XML attributes).
 */

export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MappingError";
  }
}

export interface PropertySegment {
  key: string;
  /** True for an array index segment (`0`, `12`); false for object keys, including `{123}`. */
  index: boolean;
}

const INDEX = /^(?:0|[1-9]\d{0,8})$/;
const BLOCKED = new Set(["__proto__", "constructor", "prototype"]);

/** Parse a property path; throws MappingError for empty paths, empty segments and unsafe keys. */
export function parseProperty(property: string): PropertySegment[] {
  if (typeof property !== "string" || property.trim() === "") throw new MappingError("property is required");
  const p = property.trim();
  const segs: PropertySegment[] = [];
  let cur = "";
  let afterLiteral = false;
  const push = (key: string, index: boolean) => {
    if (BLOCKED.has(key)) throw new MappingError(`property "${property}": segment "${key}" is not allowed`);
    segs.push({ key, index });
  };
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === ".") {
      if (cur === "" && !afterLiteral) throw new MappingError(`property "${property}" has an empty segment`);
      if (cur !== "") push(cur, INDEX.test(cur));
      cur = "";
      afterLiteral = false;
      continue;
    }
    if (c === "{") {
      const m = /^\{(\d+)\}/.exec(p.slice(i));
      if (m) {
        if (cur !== "") push(cur, INDEX.test(cur));
        cur = "";
        push(m[1], false);
        afterLiteral = true;
        i += m[0].length - 1;
        continue;
      }
    }
    if (afterLiteral) throw new MappingError(`property "${property}": expected "." after {${segs[segs.length - 1].key}}`);
    cur += c;
  }
  if (cur !== "") push(cur, INDEX.test(cur));
  else if (!afterLiteral) throw new MappingError(`property "${property}" has an empty segment`);
  return segs;
}

/** Inverse of parseProperty, for messages and flat keys (`{123}` written back for literal digit keys). */
export function formatProperty(segs: readonly PropertySegment[]): string {
  return segs.map((s) => (!s.index && /^\d+$/.test(s.key) ? `{${s.key}}` : s.key)).join(".");
}
