/**
 * Type names and their metadata (spec 01 §4, §6) without the parsers, so UI code and schemas can
 * import them without pulling phone metadata and e-mail domain lists into a bundle.
 */

export const TYPE_NAMES = [
  "boolean", "number", "range", "string", "first_name", "last_name", "city", "email", "phone",
  "postal_code", "state", "street", "gender", "date", "dob", "time", "url", "trustedform_url",
  "ip", "ssn", "credential",
] as const;

export type TypeName = (typeof TYPE_NAMES)[number];

export interface TypeInfo {
  name: TypeName;
  /** Components reachable by dot path (`lead.phone_1.area`), incl. raw/valid; empty for `string`. */
  components: readonly string[];
  /** Operators a UI should offer (spec 01 §6); the rule engine accepts any operator anywhere. */
  operators: readonly string[];
  /** Masked in events and stored leads (spec 01 §5). */
  maskable: boolean;
}

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

function info(name: TypeName, components: string[], operators: string[][], maskable = false): TypeInfo {
  // Typed values always carry raw/valid; only plain `string` has no components at all.
  const all = name === "string" ? [] : ["raw", "valid", ...components];
  return Object.freeze({ name, components: Object.freeze(all), operators: Object.freeze(operators.flat()), maskable });
}

const INFOS: TypeInfo[] = [
  info("boolean", [], [TRUE_FALSE, BLANK, FORMAT]),
  info("number", [], [EQ, CMP, BETWEEN, INCLUDES, INCLUDED, BLANK, FORMAT]),
  info("range", ["min", "max", "avg", "mid"], [EQ, CMP, INCLUDES, INCLUDED, BLANK, FORMAT]),
  info("string", [], [EQ, INCLUDES, INCLUDED, MATCH, BLANK, OBSCENE]),
  info("first_name", [], [EQ, MATCH, BLANK, FORMAT, OBSCENE]),
  info("last_name", [], [EQ, MATCH, BLANK, FORMAT, OBSCENE]),
  info("city", [], [EQ, INCLUDES, INCLUDED, MATCH, BLANK, FORMAT, OBSCENE]),
  info("email", ["user", "domain", "host", "tld", "is_free", "is_disposable"], [EQ, INCLUDES, INCLUDED, MATCH, BLANK, FORMAT, OBSCENE]),
  info("phone", ["area", "exchange", "line", "number", "extension", "country_code", "country_calling_code", "type", "is_tollfree"],
    [EQ, INCLUDES, INCLUDED, BLANK, FORMAT]),
  info("postal_code", ["zip", "four", "fsa", "ldu", "district", "outcode", "incode", "country_code"],
    [EQ, INCLUDES, INCLUDED, MATCH, BLANK, FORMAT]),
  info("state", ["name"], [EQ, INCLUDES, INCLUDED, BLANK, OBSCENE]),
  info("street", ["number", "name"], [EQ, INCLUDES, INCLUDED, MATCH, BLANK, FORMAT, OBSCENE]),
  info("gender", ["abbr"], [EQ, BLANK, FORMAT]),
  info("date", [], [EQ, CMP, BETWEEN, BLANK, FORMAT]),
  info("dob", ["year", "age"], [EQ, CMP, BETWEEN, BLANK, FORMAT], true),
  info("time", [], [EQ, CMP, BETWEEN, BLANK, FORMAT]),
  info("url", ["protocol", "host", "port", "path", "query", "hash"], [EQ, INCLUDES, INCLUDED, BLANK, FORMAT, OBSCENE]),
  info("trustedform_url", ["cert_id", "type", "is_web", "is_mobile", "is_facebook", "is_masked", "host", "path"], [BLANK, FORMAT]),
  info("ip", ["is_ipv4", "ipv6_format"], [EQ, INCLUDES, INCLUDED, BLANK, FORMAT]),
  info("ssn", ["first_three", "middle_two", "last_four"], [EQ, INCLUDES, INCLUDED, BLANK, FORMAT], true),
  info("credential", [], [EQ, INCLUDES, INCLUDED, BLANK], true),
];

/** Per-type metadata. A Map: type names come from user data ("__proto__" must not resolve). */
export const TYPE_INFO: ReadonlyMap<string, TypeInfo> = new Map(INFOS.map((i) => [i.name, i]));

export function isTypeName(type: string): type is TypeName {
  return TYPE_INFO.has(type);
}
