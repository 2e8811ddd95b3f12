/**
 * `state` type (spec 01 §4): US states, DC, US territories and Canadian provinces/territories.
 * Always valid; unknown values keep their text as both `normal` and `name`.
 */
import { type TypedValue, trimmedText } from "./common";

export interface StateValue extends TypedValue<string> {
  name: string;
}

/** Code -> full name. */
export const STATES: Readonly<Record<string, string>> = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California",
  CO: "Colorado", CT: "Connecticut", DE: "Delaware", FL: "Florida", GA: "Georgia",
  HI: "Hawaii", ID: "Idaho", IL: "Illinois", IN: "Indiana", IA: "Iowa",
  KS: "Kansas", KY: "Kentucky", LA: "Louisiana", ME: "Maine", MD: "Maryland",
  MA: "Massachusetts", MI: "Michigan", MN: "Minnesota", MS: "Mississippi", MO: "Missouri",
  MT: "Montana", NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey",
  NM: "New Mexico", NY: "New York", NC: "North Carolina", ND: "North Dakota", OH: "Ohio",
  OK: "Oklahoma", OR: "Oregon", PA: "Pennsylvania", RI: "Rhode Island", SC: "South Carolina",
  SD: "South Dakota", TN: "Tennessee", TX: "Texas", UT: "Utah", VT: "Vermont",
  VA: "Virginia", WA: "Washington", WV: "West Virginia", WI: "Wisconsin", WY: "Wyoming",
  DC: "District of Columbia",
  // US territories
  PR: "Puerto Rico", GU: "Guam", VI: "U.S. Virgin Islands", AS: "American Samoa",
  MP: "Northern Mariana Islands", FM: "Federated States of Micronesia",
  MH: "Marshall Islands", PW: "Palau",
  // Canadian provinces and territories
  AB: "Alberta", BC: "British Columbia", MB: "Manitoba", NB: "New Brunswick",
  NL: "Newfoundland and Labrador", NS: "Nova Scotia", NT: "Northwest Territories",
  NU: "Nunavut", ON: "Ontario", PE: "Prince Edward Island", QC: "Quebec",
  SK: "Saskatchewan", YT: "Yukon",
};

/** Other common spellings of full names (keys already in lookup form, see key()). */
const ALIASES: Readonly<Record<string, string>> = {
  "washington dc": "DC", "washington d c": "DC", "d c": "DC",
  "virgin islands": "VI", "us virgin islands": "VI", "u s virgin islands": "VI",
  "united states virgin islands": "VI",
  "micronesia": "FM", "northern marianas": "MP", "commonwealth of puerto rico": "PR",
  "newfoundland": "NL", "labrador": "NL", "québec": "QC", "yukon territory": "YT",
  "northwest territory": "NT", "pei": "PE",
};

const SEPARATORS = /[\s.,_-]+/g;

/** Lookup form: lower case, punctuation and runs of spaces collapsed to one space. */
function key(s: string): string {
  return s.toLowerCase().replace(SEPARATORS, " ").trim();
}

const LOOKUP = new Map<string, string>();
for (const [code, name] of Object.entries(STATES)) {
  LOOKUP.set(code.toLowerCase(), code);
  LOOKUP.set(key(name), code);
}
for (const [alias, code] of Object.entries(ALIASES)) LOOKUP.set(alias, code);

/** Longest accepted name is well under this; longer text cannot be a state. */
const MAX_LEN = 64;

export function parseState(raw: unknown): StateValue {
  const text = trimmedText(raw);
  const code = text.length <= MAX_LEN ? LOOKUP.get(key(text)) : undefined;
  if (code === undefined) return { normal: text, raw, valid: true, name: text };
  return { normal: code, raw, valid: true, name: STATES[code] };
}
