/**
 * Cache of libphonenumber's answers (validity, region) for 10-digit NANP numbers, keyed by the
 * leading national digits that can influence them.
 *
 * Why it is exact: a 10-digit number fully matches a pattern alternative `X\d{N}` iff its first
 * 10-N digits match X, so an alternative only "sees" 10-N leading digits. Region detection also
 * reads leading-digit patterns. The key length is derived from the installed metadata at load:
 * BASE digits in general, more for numbers that start with the literal prefix of a deeper
 * alternative (e.g. Barbados `246521[0369]\d{3}` needs 7). Anything unexpected in the metadata
 * makes the key the whole number (still exact, just fewer hits).
 */
import metadataJson from "libphonenumber-js/metadata.max.json";

export interface PrefixFacts {
  valid: boolean;
  country: string | null;
}

interface DeepPrefix {
  /** Literal leading digits every match of the alternative starts with. */
  literal: string;
  /** Leading digits the alternative can look at. */
  length: number;
}

export interface NanpKeying {
  base: number;
  deep: DeepPrefix[];
}

/** Key lengths up to this use the dense table; deeper alternatives are listed by literal prefix. */
const DENSE_DIGITS = 6;

/** Top-level alternatives of a regex source. */
function alternatives(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") i++;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "|" && depth === 0) {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  out.push(pattern.slice(start));
  return out;
}

const FREE_TAIL = /\\d\{(\d+)(?:,\d*)?\}$/;
const QUANTIFIER = /[?*+{]/;
const QUANTIFIER_FREE = /^[\d|()[\]-]*$/;

/** Leading literal digits of an alternative (digits not made optional/repeated by a quantifier). */
function literalPrefix(alt: string): string {
  let i = 0;
  while (i < alt.length && alt[i] >= "0" && alt[i] <= "9" && !QUANTIFIER.test(alt[i + 1] ?? "")) i++;
  return alt.slice(0, i);
}

/** Upper bound of digits a quantifier-free pattern can consume: atoms of its longest alternative. */
function leadingDigitsBound(pattern: string): number | undefined {
  const plain = pattern.replace(/\(\?:/g, "(");
  if (!QUANTIFIER_FREE.test(plain)) return undefined;
  const atoms = (s: string) => s.replace(/\[[^\]]*\]/g, "d").replace(/[^\dd]/g, "").length;
  // Nested alternations only shorten alternatives; counting a whole top-level alternative is an upper bound.
  return Math.max(...alternatives(plain).map(atoms));
}

export function analyseNanp(metadata: unknown): NanpKeying {
  const whole: NanpKeying = { base: 10, deep: [] };
  try {
    const m = metadata as { country_calling_codes: Record<string, string[]>; countries: Record<string, unknown[]> };
    let base = 3;
    const deep: DeepPrefix[] = [];
    for (const country of m.country_calling_codes["1"]) {
      const data = m.countries[country];
      const types = Array.isArray(data[11]) ? (data[11] as unknown[]) : [];
      const patterns = [data[2], ...types.map((t) => (Array.isArray(t) ? t[0] : undefined))];
      for (const pattern of patterns) {
        if (typeof pattern !== "string" || pattern === "") continue;
        for (const alt of alternatives(pattern)) {
          const tail = FREE_TAIL.exec(alt);
          if (!tail) return whole;
          const length = 10 - Number(tail[1]);
          if (length <= DENSE_DIGITS) base = Math.max(base, length);
          else {
            const literal = literalPrefix(alt);
            if (literal.length === 0) return whole;
            deep.push({ literal, length: Math.min(10, length) });
          }
        }
      }
      const leading = data[10];
      if (typeof leading === "string" && leading !== "") {
        const bound = leadingDigitsBound(leading);
        if (bound === undefined || bound > DENSE_DIGITS) return whole;
        base = Math.max(base, bound);
      }
    }
    return { base, deep };
  } catch {
    return whole;
  }
}

export const NANP_KEYING: NanpKeying = analyseNanp(metadataJson);

/**
 * Facts per key. Facts are interned (a few dozen distinct values), so the dense table holds a
 * one-byte index per (form, BASE-digit prefix): 2 MB for BASE 6, no eviction needed.
 */
export class NanpPrefixCache {
  private readonly facts: PrefixFacts[] = [{ valid: false, country: null }]; // index 0 = unknown
  private readonly factIndex = new Map<string, number>();
  private readonly dense: Uint8Array | undefined;
  private readonly sparse = new Map<string, number>();
  private readonly denseSize: number;

  constructor(private readonly keying: NanpKeying = NANP_KEYING) {
    this.denseSize = keying.base <= DENSE_DIGITS ? 10 ** keying.base : 0;
    this.dense = this.denseSize > 0 ? new Uint8Array(2 * this.denseSize) : undefined;
  }

  private keyLength(national: string): number {
    let length = this.keying.base;
    for (const d of this.keying.deep) if (d.length > length && national.startsWith(d.literal)) length = d.length;
    return length;
  }

  get(national: string, international: boolean, compute: () => PrefixFacts | undefined): PrefixFacts | undefined {
    const length = this.keyLength(national);
    let slot = -1;
    let key = "";
    let index: number;
    if (this.dense && length === this.keying.base) {
      slot = (international ? this.denseSize : 0) + Number(national.slice(0, length));
      index = this.dense[slot];
    } else {
      key = (international ? "+" : "") + national.slice(0, length);
      index = this.sparse.get(key) ?? 0;
    }
    if (index !== 0) return this.facts[index];

    const facts = compute();
    if (!facts) return undefined;
    const id = `${facts.valid}|${facts.country}`;
    let interned = this.factIndex.get(id);
    if (interned === undefined) {
      if (this.facts.length > 255) return facts; // more distinct facts than a byte holds: do not cache
      interned = this.facts.length;
      this.facts.push(facts);
      this.factIndex.set(id, interned);
    }
    if (slot >= 0 && this.dense) this.dense[slot] = interned;
    else if (this.sparse.size < 100_000) this.sparse.set(key, interned);
    return facts;
  }
}
