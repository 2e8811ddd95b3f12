/**
 * Request bodies from mapped request variables (spec 05 §3.2–3.3), written the way LeadConduit's
 * custom integration writes them (ap-code json.js, form.js, xml.js, query.js):
 *  - a typed value is sent as its `normal`, an invalid one (`valid: false`) as its `raw`;
 *  - arrays drop absent, `null` and `""` elements (`0` and `false` stay — our decision);
 *  - JSON: `json_property.*` as a document (a root array when every top-level key is an index);
 *  - form: `form_field.*` as `application/x-www-form-urlencoded`, nested keys dotted, arrays as
 *    repeated names (`phone=1&phone=2`);
 *  - XML: `xml_path.*` as elements, `name@attr`/`@attr` attributes, `#text` text, arrays as
 *    repeated elements, `<?xml version="1.0"?>` plus two-space pretty printing;
 *  - query: `parameter.*` appended to the URL.
 * `send_ascii` transliterates values to ASCII (`José` → `Jose`).
 */
import { XMLBuilder } from "fast-xml-parser";
import { isBlockedKey, isPlainObject, isTypedValue } from "@/lib/templates";
import { MappingError } from "./property";

export interface SerializeOptions {
  /** `send_ascii`: transliterate string values to ASCII. */
  ascii?: boolean;
}

// ---------------------------------------------------------------------------------------------
// ASCII transliteration

const SPECIAL: Record<string, string> = {
  ß: "ss", æ: "ae", Æ: "AE", ø: "o", Ø: "O", œ: "oe", Œ: "OE", ł: "l", Ł: "L", đ: "d", Đ: "D",
  ð: "d", Ð: "D", þ: "th", Þ: "Th", ı: "i", ŋ: "ng", Ŋ: "NG", ħ: "h", Ħ: "H",
  "‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
  "–": "-", "—": "-", "‐": "-", "−": "-", "…": "...", "€": "EUR", "£": "GBP", "©": "(c)", "®": "(r)",
  "™": "(tm)", "\u00a0": " ", "¿": "?", "¡": "!", "º": "o", "ª": "a",
};

/** Transliterate to ASCII: accents removed (`José` → `Jose`), common letters and punctuation mapped, the rest dropped. */
export function toAscii(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = "";
  for (const ch of text.normalize("NFKD")) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out += ch;
    else if (Object.prototype.hasOwnProperty.call(SPECIAL, ch)) out += SPECIAL[ch];
    // Combining marks (the accents NFKD split off) and anything unmapped are dropped.
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * The value as it goes on the wire: typed → normal (invalid → raw), recursively through arrays and
 * plain objects; `undefined` for values that cannot be sent (absent, non-finite numbers, functions,
 * class instances other than Date). Arrays are compacted.
 */
export function requestValue(v: unknown, options: SerializeOptions = {}): unknown {
  if (v === undefined || v === null) return v;
  switch (typeof v) {
    case "string":
      return options.ascii ? toAscii(v) : v;
    case "number":
      return Number.isFinite(v) ? v : undefined;
    case "boolean":
      return v;
    case "bigint":
      return String(v);
    case "object": {
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
      if (Array.isArray(v)) {
        const out: unknown[] = [];
        for (const x of v) {
          const r = requestValue(x, options);
          if (r !== undefined && r !== null && r !== "") out.push(r);
        }
        return out;
      }
      if (!isPlainObject(v)) return undefined;
      if (isTypedValue(v)) {
        const chosen = v.valid === false && Object.prototype.hasOwnProperty.call(v, "raw") ? v.raw : v.normal;
        // A typed value stands for one scalar; a nested typed value is not unwrapped again.
        if (chosen !== null && typeof chosen === "object" && !(chosen instanceof Date)) return undefined;
        return requestValue(chosen, options);
      }
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        if (isBlockedKey(k)) continue;
        const r = requestValue(v[k], options);
        if (r !== undefined) out[k] = r;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Text of a scalar request value ("" for absent). */
export function requestText(v: unknown, options: SerializeOptions = {}): string {
  const r = requestValue(v, options);
  if (r === undefined || r === null) return "";
  if (typeof r === "string") return r;
  if (typeof r === "number" || typeof r === "boolean") return String(r);
  return JSON.stringify(r);
}

// ---------------------------------------------------------------------------------------------
// JSON

/** `json_property.*` → the JSON body. Nothing mapped → `{}`. */
export function buildJsonBody(jsonProperty: unknown, options: SerializeOptions = {}): string {
  const v = requestValue(jsonProperty, options);
  if (v === undefined || v === null) return "{}";
  return JSON.stringify(v);
}

// ---------------------------------------------------------------------------------------------
// Form encoding

export type FormPair = [name: string, value: string];

function scalarText(v: unknown): string {
  return typeof v === "string" ? v : String(v);
}

/**
 * Flatten a value into form pairs: nested object keys joined with dots, arrays of scalars as the
 * same name repeated, arrays holding objects by index (`items.0.name`).
 */
export function formPairs(value: unknown, options: SerializeOptions = {}, prefix = ""): FormPair[] {
  const out: FormPair[] = [];
  const walk = (v: unknown, name: string) => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) {
      if (v.some((x) => x !== null && typeof x === "object")) v.forEach((x, i) => walk(x, name ? `${name}.${i}` : String(i)));
      else for (const x of v) out.push([name, scalarText(x)]);
      return;
    }
    if (typeof v === "object") {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, name ? `${name}.${k}` : k);
      return;
    }
    out.push([name, scalarText(v)]);
  };
  walk(requestValue(value, options), prefix);
  return out.filter(([name]) => name !== "");
}

/** `application/x-www-form-urlencoded` text; `encodeNames: false` leaves names as they are (values are always encoded). */
export function encodeForm(pairs: readonly FormPair[], encodeNames = true): string {
  return pairs
    .map(([n, v]) => `${encodeNames ? encodeURIComponent(n) : n}=${encodeURIComponent(v)}`)
    .join("&");
}

export interface FormOptions extends SerializeOptions {
  /** `encode_form_field_names` (default true). */
  encodeNames?: boolean;
}

/** `form_field.*` → the form body. */
export function buildFormBody(formField: unknown, options: FormOptions = {}): string {
  return encodeForm(formPairs(formField, options), options.encodeNames !== false);
}

/**
 * `parameter.*` appended to `url` after `?`, or `&` when the URL already has a query (spec 05 §3.3);
 * a `#fragment` stays at the end.
 */
export function appendQuery(url: string, parameters: unknown, options: SerializeOptions = {}): string {
  const query = encodeForm(formPairs(parameters, options));
  if (!query) return url;
  const hash = url.indexOf("#");
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const fragment = hash >= 0 ? url.slice(hash) : "";
  const sep = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
  return `${base}${sep}${query}${fragment}`;
}

// ---------------------------------------------------------------------------------------------
// XML

const XML_NAME = /^[A-Za-z_\u00C0-\u02FF\u0370-\u1FFF\u2070-\uFFEF][\w.\-\u00B7\u00C0-\u02FF\u0300-\u036F\u0370-\u1FFF\u2070-\uFFEF]*(?::[A-Za-z_][\w.\-]*)?$/;

function xmlName(name: string, what: "element" | "attribute"): string {
  if (!XML_NAME.test(name)) throw new MappingError(`"${name}" is not a valid XML ${what} name`);
  return name;
}

type XmlObject = Record<string, unknown>;

function xmlText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") throw new MappingError("an XML attribute or text value must be a single value");
  return scalarText(v);
}

function xmlElement(v: unknown): XmlObject {
  return isPlainObject(v) ? xmlNode(v) : { "#text": xmlText(v) };
}

function xmlNode(obj: Record<string, unknown>): XmlObject {
  const node: XmlObject = {};
  const elementFor = (name: string): XmlObject[] => {
    const cur = node[name];
    if (cur === undefined) {
      const created: XmlObject = {};
      node[name] = created;
      return [created];
    }
    return Array.isArray(cur) ? (cur as XmlObject[]) : [cur as XmlObject];
  };
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (k === "#text") {
      node["#text"] = xmlText(v);
    } else if (k.startsWith("@")) {
      node[`@${xmlName(k.slice(1), "attribute")}`] = xmlText(v);
    } else if (k.indexOf("@") > 0) {
      const at = k.indexOf("@");
      const el = xmlName(k.slice(0, at), "element");
      const attr = xmlName(k.slice(at + 1), "attribute");
      for (const target of elementFor(el)) target[`@${attr}`] = xmlText(v);
    } else {
      const el = xmlName(k, "element");
      const existing = node[el];
      if (Array.isArray(v)) {
        const items = v.map(xmlElement);
        // Attributes mapped onto the element name before its values apply to each repetition.
        if (existing && !Array.isArray(existing)) for (const it of items) Object.assign(it, existing);
        node[el] = items;
      } else {
        const content = xmlElement(v);
        if (existing && !Array.isArray(existing)) Object.assign(existing as XmlObject, content);
        else node[el] = content;
      }
    }
  }
  return node;
}

const xmlBuilder = new XMLBuilder({
  format: true,
  indentBy: "  ",
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  suppressEmptyNode: true,
});

export const XML_DECLARATION = '<?xml version="1.0"?>';

/**
 * `xml_path.*` → the XML body. One root element is required (several top-level names, or a root
 * that repeats, throw MappingError); nothing mapped → the declaration alone (ap-code).
 */
export function buildXmlBody(xmlPath: unknown, options: SerializeOptions = {}): string {
  const v = requestValue(xmlPath, options);
  if (v === undefined || v === null) return XML_DECLARATION;
  if (!isPlainObject(v)) throw new MappingError("XML paths must start with an element name");
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (keys.length === 0) return XML_DECLARATION;
  if (keys.length > 1 || keys[0].includes("@") || keys[0] === "#text" || Array.isArray(v[keys[0]])) {
    throw new MappingError(`An XML document has exactly one root element; the mappings give ${keys.length > 1 ? keys.join(", ") : `a repeated or invalid root "${keys[0]}"`}`);
  }
  const body = xmlBuilder.build(xmlNode(v)) as string;
  return `${XML_DECLARATION}\n${body.replace(/\n+$/, "")}`;
}
