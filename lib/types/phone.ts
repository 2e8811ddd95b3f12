/**
 * `phone` type (spec 01 §4), US/NANP oriented, parsed by libphonenumber-js (max metadata,
 * default region US).
 *
 * Hot path: libphonenumber costs ~10µs a number. For a plain 10-digit NANP number (digits plus
 * ( ) - . and spaces, optionally 1 or +1 in front) its answers — validity and region — depend only
 * on a few leading digits, so they are cached per prefix (see phone-prefix.ts). phone.test.ts
 * compares this path with the library on random input.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { type TypedValue, textOf } from "./common";
import { NanpPrefixCache } from "./phone-prefix";

export type PhoneLineType = "home" | "work" | "mobile";

export interface PhoneValue extends TypedValue<string> {
  area?: string | null;
  /** NANP numbers only. */
  exchange?: string;
  /** NANP numbers only. */
  line?: string;
  /** Subscriber number: exchange + line for NANP (7 digits), the national number minus area elsewhere. */
  number?: string;
  extension?: string | null;
  /** Region the library assigns (`US`, `CA`, `DE` ...), null for non-geographic numbers. */
  country_code?: string | null;
  country_calling_code?: number;
  /** Line-type hint given after the number (`5127891111 m`), or null. */
  type: PhoneLineType | null;
  is_tollfree?: boolean;
}

const TOLL_FREE_AREAS = new Set(["800", "844", "855", "866", "877", "888"]);
const HINTS: Readonly<Record<string, PhoneLineType>> = { h: "home", w: "work", c: "mobile", m: "mobile" };
/** A trailing h/w/c/m right after a digit (or masked digit), optionally spaced and parenthesised. */
const HINT = /[\d*]\s*(?:\(\s*([hwcm])\s*\)|([hwcm]))$/i;
const MASKABLE_DIGIT = /[\d*]/g;
const STARS = /\*/g;
/** libphonenumber itself refuses input beyond 250 characters. */
const MAX_LEN = 250;

/** What the library tells about a number. */
interface Decoded {
  callingCode: string;
  national: string;
  ext: string | null;
  country: string | null;
  valid: boolean;
  possible: boolean;
  /** National destination code (area code), null when the number has none. */
  area: string | null;
}

/** Area code of a non-NANP number: the first group of its international format, as libphonenumber's NDC. */
function destinationCode(formattedInternational: string, national: string): string | null {
  const groups = formattedInternational.split(" ");
  if (groups.length < 3) return null;
  const first = groups[1].replace(/\D/g, "");
  return first.length > 0 && first.length < national.length && national.startsWith(first) ? first : null;
}

/** The library path: any text. */
export function decodeWithLibrary(text: string): Decoded | undefined {
  let p;
  try {
    p = parsePhoneNumberFromString(text, { defaultCountry: "US" });
  } catch {
    return undefined;
  }
  if (!p) return undefined;
  const national: string = p.nationalNumber;
  const callingCode: string = p.countryCallingCode;
  const nanp = callingCode === "1" && national.length === 10;
  return {
    callingCode,
    national,
    ext: p.ext ? String(p.ext) : null,
    country: p.country ?? null,
    valid: p.isValid(),
    possible: p.isPossible(),
    area: nanp ? national.slice(0, 3) : destinationCode(p.formatInternational(), national),
  };
}

/**
 * 10 national digits of a plain NANP number text, prefixed by "+" when written internationally,
 * or undefined when the text needs the library.
 */
function plainNanp(text: string): string | undefined {
  let digits = "";
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits.length === 11) return undefined;
      digits += text[i];
    } else if (c === 32 || c === 40 || c === 41 || c === 45 || c === 46) {
      // space ( ) - .
    } else if (c === 43 && i === 0) plus = true;
    else return undefined;
  }
  let national: string;
  if (digits.length === 11 && digits.charCodeAt(0) === 49) national = digits.slice(1);
  else if (digits.length === 10 && !plus) national = digits;
  else return undefined;
  const first = national.charCodeAt(0);
  if (first < 50 || first > 57) return undefined; // area codes start with 2-9
  return plus ? `+${national}` : national;
}

const PREFIX_CACHE = new NanpPrefixCache();

function decodeNanp(national: string, international: boolean): Decoded | undefined {
  // Invalid numbers get the default region in national form but none in +1 form: keyed on both.
  const facts = PREFIX_CACHE.get(national, international, () => {
    const d = decodeWithLibrary(international ? `+1${national}` : national);
    if (!d || d.national !== national || d.ext !== null || d.callingCode !== "1") return undefined;
    return { valid: d.valid, country: d.country };
  });
  if (!facts) return undefined;
  return {
    callingCode: "1",
    national,
    ext: null,
    country: facts.country,
    valid: facts.valid,
    possible: true,
    area: national.slice(0, 3),
  };
}

function decode(text: string, fastPath: boolean): Decoded | undefined {
  const plain = fastPath ? plainNanp(text) : undefined;
  if (plain !== undefined) {
    const international = plain.charCodeAt(0) === 43;
    const d = decodeNanp(international ? plain.slice(1) : plain, international);
    if (d) return d;
  }
  return decodeWithLibrary(text);
}

/** Re-applies `*` positions of the input onto the digits the library read (aligned from the end). */
function overlayMask(text: string, national: string, ext: string | null): [string, string | null] {
  const seq = text.match(MASKABLE_DIGIT) ?? [];
  const full = (national + (ext ?? "")).split("");
  for (let k = 1; k <= Math.min(seq.length, full.length); k++) {
    if (seq[seq.length - k] === "*") full[full.length - k] = "*";
  }
  const masked = full.join("");
  return [masked.slice(0, national.length), ext === null ? null : masked.slice(national.length)];
}

function build(d: Decoded, national: string, ext: string | null, raw: unknown, type: PhoneLineType | null, valid: boolean): PhoneValue {
  const area = d.area === null ? null : national.slice(0, d.area.length);
  const normal = ext ? `${national}x${ext}` : national;
  if (d.callingCode === "1" && national.length === 10) {
    return {
      normal,
      raw,
      valid,
      area,
      exchange: national.slice(3, 6),
      line: national.slice(6),
      number: national.slice(3),
      extension: ext,
      country_code: d.country,
      country_calling_code: 1,
      type,
      is_tollfree: area !== null && TOLL_FREE_AREAS.has(area),
    };
  }
  return {
    normal,
    raw,
    valid,
    area,
    number: area === null ? national : national.slice(area.length),
    extension: ext,
    country_code: d.country,
    country_calling_code: Number(d.callingCode),
    type,
    is_tollfree: false,
  };
}

/** `fastPath: false` forces the library for every input (tests compare both paths). */
export function parsePhone(raw: unknown, fastPath = true): PhoneValue {
  const full = textOf(raw);
  if (full === undefined) return { normal: "", raw, valid: false, type: null };
  let text = full.trim();
  if (text.length > MAX_LEN) return { normal: text, raw, valid: false, type: null };

  // Line-type hint: read after trimming, removed before parsing and from `raw`.
  let type: PhoneLineType | null = null;
  const last = text.charCodeAt(text.length - 1) | 0x20; // lower-case letters, ')' stays ')'
  if (last === 0x29 || last === 0x63 || last === 0x68 || last === 0x6d || last === 0x77) {
    const m = HINT.exec(text);
    if (m) {
      type = HINTS[(m[1] ?? m[2]).toLowerCase()];
      text = text.slice(0, m.index + 1);
      if (typeof raw === "string") raw = raw.slice(0, raw.length - raw.trimStart().length + text.length);
    }
  }

  const masked = text.includes("*");
  const d = decode(masked ? text.replace(STARS, "0") : text, fastPath);
  if (!d || !d.possible) return { normal: text, raw, valid: false, type };
  if (!masked) return build(d, d.national, d.ext, raw, type, d.valid);
  // Masked digits hide what the library would need; a masked number of plausible length is valid.
  const [national, ext] = overlayMask(text, d.national, d.ext);
  return build(d, national, ext, raw, type, true);
}
