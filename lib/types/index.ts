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

export { type TypedValue, isTypedValue } from "./common";
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

export const TYPE_NAMES = [
  "boolean", "number", "range", "string", "first_name", "last_name", "city", "email", "phone",
  "postal_code", "state", "street", "gender", "date", "dob", "time", "url", "trustedform_url",
  "ip", "ssn", "credential",
] as const;

export type TypeName = (typeof TYPE_NAMES)[number];

/** A parsed field value: a typed value, or a plain string for `string` fields. */
export type ParsedValue = TypedValue | string;

/** What a field holds after intake: one parsed value or, for repeated values, an array of them. */
export type FieldValue = ParsedValue | ParsedValue[];

// Operators a UI should offer per type (spec 01 §6); the rule engine accepts any operator anywhere.
const EQ = ["is equal to", "is not equal to"];
const CMP = ["is less than", "is less than or equal to", "is greater than", "is greater than or equal to"];
const BETWEEN = ["is between", "is not between"];
const INCLUDES = ["includes", "does not include"];
const INCLUDED = ["is included in", "is not included in"];
const MATCH = ["matches pattern", "does not match pattern"];
const TRUE_FALSE = ["is true", "is not true", "is false", "is not false"];
const BLANK = ["is blank", "is not blank"];
const FORMAT = ["format is valid", "format is invalid"];
const OBSCENE = ["is obscene", "is not obscene"];

export interface TypeDefinition {
  name: TypeName;
  parse: (raw: unknown) => ParsedValue;
  /** Components reachable by dot path (`lead.phone_1.area`), incl. raw/valid; empty for `string`. */
  components: readonly string[];
  operators: readonly string[];
  maskable: boolean;
}

function def(
  name: TypeName,
  parseFn: (raw: unknown) => ParsedValue,
  components: string[],
  operators: string[][],
  maskable = false,
): TypeDefinition {
  // Typed values always carry raw/valid; only plain `string` has no components at all.
  const all = name === "string" ? [] : ["raw", "valid", ...components];
  return Object.freeze({ name, parse: parseFn, components: Object.freeze(all), operators: Object.freeze(operators.flat()), maskable });
}

const DEFINITIONS: TypeDefinition[] = [
  def("boolean", parseBoolean, [], [TRUE_FALSE, BLANK, FORMAT]),
  def("number", parseNumber, [], [EQ, CMP, BETWEEN, INCLUDES, INCLUDED, BLANK, FORMAT]),
  def("range", parseRange, ["min", "max", "avg", "mid"], [EQ, CMP, INCLUDES, INCLUDED, BLANK, FORMAT]),
  def("string", parseString, [], [EQ, INCLUDES, INCLUDED, MATCH, BLANK, OBSCENE]),
  def("first_name", parseText, [], [EQ, MATCH, BLANK, FORMAT, OBSCENE]),
  def("last_name", parseText, [], [EQ, MATCH, BLANK, FORMAT, OBSCENE]),
  def("city", parseText, [], [EQ, INCLUDES, INCLUDED, MATCH, BLANK, FORMAT, OBSCENE]),
  def("email", parseEmail, ["user", "domain", "host", "tld", "is_free", "is_disposable"],
    [EQ, INCLUDES, INCLUDED, MATCH, BLANK, FORMAT, OBSCENE]),
  def("phone", (raw) => parsePhone(raw),
    ["area", "exchange", "line", "number", "extension", "country_code", "country_calling_code", "type", "is_tollfree"],
    [EQ, INCLUDES, INCLUDED, BLANK, FORMAT]),
  def("postal_code", parsePostalCode,
    ["zip", "four", "fsa", "ldu", "district", "outcode", "incode", "country_code"],
    [EQ, INCLUDES, INCLUDED, MATCH, BLANK, FORMAT]),
  def("state", parseState, ["name"], [EQ, INCLUDES, INCLUDED, BLANK, OBSCENE]),
  def("street", parseStreet, ["number", "name"], [EQ, INCLUDES, INCLUDED, MATCH, BLANK, FORMAT, OBSCENE]),
  def("gender", parseGender, ["abbr"], [EQ, BLANK, FORMAT]),
  def("date", parseDate, [], [EQ, CMP, BETWEEN, BLANK, FORMAT]),
  def("dob", (raw) => parseDob(raw), ["year", "age"], [EQ, CMP, BETWEEN, BLANK, FORMAT], true),
  def("time", parseTime, [], [EQ, CMP, BETWEEN, BLANK, FORMAT]),
  def("url", parseUrl, ["protocol", "host", "port", "path", "query", "hash"],
    [EQ, INCLUDES, INCLUDED, BLANK, FORMAT, OBSCENE]),
  def("trustedform_url", parseTrustedFormUrl,
    ["cert_id", "type", "is_web", "is_mobile", "is_facebook", "is_masked", "host", "path"], [BLANK, FORMAT]),
  def("ip", parseIp, ["is_ipv4", "ipv6_format"], [EQ, INCLUDES, INCLUDED, BLANK, FORMAT]),
  def("ssn", parseSsn, ["first_three", "middle_two", "last_four"], [EQ, INCLUDES, INCLUDED, BLANK, FORMAT], true),
  def("credential", parseCredential, [], [EQ, INCLUDES, INCLUDED, BLANK], true),
];

/** Per-type parser, components, UI operators and maskability. A Map: type names come from user data. */
export const TYPES: ReadonlyMap<string, TypeDefinition> = new Map(DEFINITIONS.map((d) => [d.name, d]));

const STRING_TYPE = TYPES.get("string") as TypeDefinition;

export function isTypeName(type: string): type is TypeName {
  return TYPES.has(type);
}

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
