/** `postal_code` type (spec 01 §4): tried as US, then CA, then GB. */
import { type TypedValue, trimmedText } from "./common";

export interface PostalCodeValue extends TypedValue<string> {
  country_code?: "US" | "CA" | "GB";
  // US
  zip?: string;
  four?: string | null;
  // CA
  fsa?: string;
  ldu?: string;
  district?: string;
  // GB
  outcode?: string;
  incode?: string;
}

const US = /^(\d{5})(?:[\s-]*(\d{4}))?$/;
const CA = /^(([A-Z])\d[A-Z])\s*(\d[A-Z]\d)$/i;
// Outward code: 1-2 letters, 1-2 digits, optional letter/digit; inward code: digit + 2 letters.
const GB = /^([A-Z]{1,2}\d{1,2}[A-Z\d]?)\s*(\d[A-Z]{2})$/i;
/** The longest accepted form ("78704   - 1234"-like) is short; longer text is rejected early. */
const MAX_LEN = 32;

export function parsePostalCode(raw: unknown): PostalCodeValue {
  const text = trimmedText(raw);
  if (text.length > MAX_LEN) return { normal: text, raw, valid: false };

  let m = US.exec(text);
  if (m) {
    const four = m[2] ?? null;
    return {
      normal: four ? `${m[1]}-${four}` : m[1],
      raw,
      valid: true,
      zip: m[1],
      four,
      country_code: "US",
    };
  }
  m = CA.exec(text);
  if (m) {
    const fsa = m[1].toUpperCase();
    const ldu = m[3].toUpperCase();
    return {
      normal: `${fsa} ${ldu}`,
      raw,
      valid: true,
      fsa,
      ldu,
      district: fsa[0],
      country_code: "CA",
    };
  }
  m = GB.exec(text);
  if (m) {
    const outcode = m[1].toUpperCase();
    const incode = m[2].toUpperCase();
    return { normal: `${outcode} ${incode}`, raw, valid: true, outcode, incode, country_code: "GB" };
  }
  return { normal: text, raw, valid: false };
}
