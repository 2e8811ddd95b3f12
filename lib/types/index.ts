/**
 * Field types (spec 01): parse submitted values into typed values.
 *
 *   parse("phone", "(512) 789-1111")  -> { normal: "5127891111", raw: "(512) 789-1111", valid: true, area: "512", ... }
 *   parse("string", "  hi ")          -> "hi"            (types without components are plain strings)
 *   parseField("email", ["a@b.co", " "]) -> [ {normal: "a@b.co", ...} ]  (intake hygiene, arrays)
 *
 * Parsers never throw and never reject: values they cannot understand get `valid: false` and keep `raw`.
 */
import { type TypedValue, isTypedValue } from "./common";
import { parseBoolean } from "./boolean";
import { parseDate } from "./date";
import { parseDob } from "./dob";
import { parseEmail } from "./email";
import { parseGender } from "./gender";
import { parseIp } from "./ip";
import { parseNumber } from "./number";
import { parsePhone } from "./phone";
import { parsePostalCode } from "./postal-code";
import { parseRange } from "./range";
import { parseSsn } from "./ssn";
import { parseState } from "./state";
import { parseStreet } from "./street";
import { parseCredential, parseString, parseText } from "./text";
import { parseTime } from "./time";
import { parseTrustedFormUrl } from "./trustedform-url";
import { parseUrl } from "./url";

import { TYPE_INFO, TYPE_NAMES, type TypeInfo, type TypeName } from "./catalog";

export { type TypedValue, isTypedValue } from "./common";
export { TYPE_NAMES, TYPE_INFO, isTypeName, type TypeName, type TypeInfo } from "./catalog";
export { MASKABLE_TYPES, isMaskable, mask, maskReplacements } from "./mask";
export { STANDARD_FIELDS, STANDARD_FIELD_IDS, standardField, type FieldDefinition } from "./standard-fields";
export { toBoolean, type BooleanValue } from "./boolean";
export { toNumber, type NumberValue } from "./number";
export type { DateValue } from "./date";
export type { DobValue } from "./dob";
export type { EmailValue } from "./email";
export type { GenderValue } from "./gender";
export type { IpValue } from "./ip";
export type { PhoneValue, PhoneLineType } from "./phone";
export type { PostalCodeValue } from "./postal-code";
export type { RangeValue } from "./range";
export type { SsnValue } from "./ssn";
export type { StateValue } from "./state";
export type { StreetValue } from "./street";
export type { TextValue, CredentialValue } from "./text";
export type { TimeValue } from "./time";
export type { TrustedFormUrlValue } from "./trustedform-url";
export type { UrlValue } from "./url";

/** A parsed field value: a typed value, or a plain string for `string` fields. */
export type ParsedValue = TypedValue | string;

/** What a field holds after intake: one parsed value or, for repeated values, an array of them. */
export type FieldValue = ParsedValue | ParsedValue[];

export interface TypeDefinition extends TypeInfo {
  parse: (raw: unknown) => ParsedValue;
}

const PARSERS: Record<TypeName, (raw: unknown) => ParsedValue> = {
  boolean: parseBoolean,
  number: parseNumber,
  range: parseRange,
  string: parseString,
  first_name: parseText,
  last_name: parseText,
  city: parseText,
  email: parseEmail,
  phone: (raw) => parsePhone(raw),
  postal_code: parsePostalCode,
  state: parseState,
  street: parseStreet,
  gender: parseGender,
  date: parseDate,
  dob: (raw) => parseDob(raw),
  time: parseTime,
  url: parseUrl,
  trustedform_url: parseTrustedFormUrl,
  ip: parseIp,
  ssn: parseSsn,
  credential: parseCredential,
};

/** Per-type parser plus its metadata (components, UI operators, maskability). */
export const TYPES: ReadonlyMap<string, TypeDefinition> = new Map(
  TYPE_NAMES.map((name) => {
    const meta = TYPE_INFO.get(name) as TypeInfo;
    return [name, Object.freeze({ ...meta, parse: PARSERS[name] })];
  }),
);

const STRING_TYPE = TYPES.get("string") as TypeDefinition;

/**
 * Parses one value with the named type. Unknown type names parse as `string`.
 * `null`/`undefined` give `undefined`; an already-parsed typed value is returned unchanged
 * (idempotent). Never throws.
 */
export function parse(type: string, raw: unknown): ParsedValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  try {
    if (isTypedValue(raw)) return raw;
    return (TYPES.get(type) ?? STRING_TYPE).parse(raw);
  } catch {
    return unparseable(type, raw);
  }
}

/**
 * The parsers themselves do not throw; this covers hostile objects (throwing getters, proxies)
 * so that intake can promise "parsing never rejects a lead".
 */
function unparseable(type: string, raw: unknown): ParsedValue {
  return TYPES.has(type) && type !== "string" ? { normal: "", raw, valid: false } : "";
}

export interface ParseFieldOptions {
  /**
   * Re-parse typed-value-shaped input from its `raw` instead of trusting it. Use for data that
   * arrives from outside (a JSON body could otherwise carry a forged `{normal, raw, valid: true}`).
   */
  reparseTyped?: boolean;
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim().length === 0);
}

/**
 * Intake hygiene plus parsing for one field (spec 01 §3, 07 §1.3.6): null and blank strings are
 * absent (`undefined`); arrays are parsed element by element (blank elements dropped, nested
 * arrays flattened; all blank -> absent); everything else goes through `parse`.
 */
export function parseField(type: string, value: unknown, options?: ParseFieldOptions): FieldValue | undefined {
  if (isBlank(value)) return undefined;
  try {
    if (Array.isArray(value)) {
      const out: ParsedValue[] = [];
      collect(type, value, options, out, 0);
      return out.length > 0 ? out : undefined;
    }
    return parseScalar(type, value, options);
  } catch {
    return unparseable(type, value);
  }
}

/** Nested arrays deeper than this are parsed as opaque (invalid) values instead of recursed into. */
const MAX_ARRAY_DEPTH = 8;

function collect(type: string, arr: unknown[], options: ParseFieldOptions | undefined, out: ParsedValue[], depth: number): void {
  for (const el of arr) {
    if (isBlank(el)) continue;
    if (Array.isArray(el) && depth < MAX_ARRAY_DEPTH) {
      collect(type, el, options, out, depth + 1);
      continue;
    }
    const p = parseScalar(type, el, options);
    if (p !== undefined) out.push(p);
  }
}

function parseScalar(type: string, value: unknown, options: ParseFieldOptions | undefined): ParsedValue | undefined {
  const definition = TYPES.get(type) ?? STRING_TYPE;
  if (isTypedValue(value)) {
    const raw = value.raw;
    if (isBlank(raw)) return undefined;
    if (!options?.reparseTyped) return value;
    // A typed value nested in `raw` is not trusted either: it parses as an opaque (invalid) object.
    return definition.parse(raw);
  }
  return definition.parse(value);
}
