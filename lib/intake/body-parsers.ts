import { XMLParser, XMLValidator } from "fast-xml-parser";
import { intakeErrors } from "@/lib/intake/errors";
import {
  checkTree,
  DataShapeError,
  isPlainObject,
  parseFormEncoded,
  type ShapeLimits,
  type SubmittedData,
} from "@/lib/intake/submitted-data";

/** Raw CR, LF and TAB: removed before the one JSON retry (spec 07 §1.3.3). */
const RAW_WHITESPACE = /[\r\n\t]/g;

/**
 * A JSON body (spec 07 §1.3.3). `text` is already trimmed and non-empty. Sources often put raw
 * newlines/tabs inside strings, so a failed parse is retried once without them.
 */
export function parseJsonBody(text: string, limits: ShapeLimits): SubmittedData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    try {
      parsed = JSON.parse(text.replace(RAW_WHITESPACE, ""));
    } catch (e) {
      throw intakeErrors.invalidJson((e as Error).message);
    }
  }
  if (!isPlainObject(parsed)) throw intakeErrors.invalidJson("body must be a JSON object");
  try {
    return checkTree(parsed, limits);
  } catch (e) {
    if (e instanceof DataShapeError) throw intakeErrors.invalidJson(e.message);
    throw e;
  }
}

/** A form-encoded body (spec 07 §1.3.4). */
export function parseFormBody(text: string, limits: ShapeLimits): SubmittedData {
  try {
    return parseFormEncoded(text, limits);
  } catch (e) {
    if (e instanceof DataShapeError) throw intakeErrors.invalidForm(e.message);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// XML

const XML_REFERENCE = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function codePointText(cp: number): string {
  // NUL, surrogates and values beyond Unicode are not characters.
  return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(cp);
}

/**
 * The five predefined XML entities and numeric character references, nothing else: DOCTYPE
 * entities are refused before parsing, so no document can define its own (XXE, entity bombs),
 * and an unknown `&name;` stays as written.
 */
const xmlEntityDecoder = {
  setExternalEntities: () => {},
  addInputEntities: () => {},
  reset: () => {},
  setXmlVersion: () => {},
  decode: (text: string): string =>
    text.indexOf("&") === -1
      ? text
      : text.replace(XML_REFERENCE, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
          name !== undefined ? NAMED[name] : codePointText(dec !== undefined ? parseInt(dec, 10) : parseInt(hex as string, 16)),
        ),
};

function xmlParser(maxDepth: number): XMLParser {
  return new XMLParser({
    // xml2js shape as LeadConduit configures it: attributes merged as plain keys, text beside
    // attributes under "_", values kept as strings, declarations and PIs ignored.
    ignoreAttributes: false,
    attributeNamePrefix: "",
    textNodeName: "_",
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: true,
    processEntities: true,
    entityDecoder: xmlEntityDecoder,
    // +1 for the root element, which is dropped.
    maxNestedTags: maxDepth + 1,
  });
}

const parsers = new Map<number, XMLParser>();

function parserFor(maxDepth: number): XMLParser {
  let p = parsers.get(maxDepth);
  if (!p) {
    p = xmlParser(maxDepth);
    parsers.set(maxDepth, p);
  }
  return p;
}

/** Counts "<" in the text, stopping once past `stop`: a cheap bound on the element count. */
function countTagOpeners(text: string, stop: number): number {
  let n = 0;
  let i = text.indexOf("<");
  while (i !== -1 && n <= stop) {
    n++;
    i = text.indexOf("<", i + 1);
  }
  return n;
}

/**
 * An XML body (spec 07 §1.3.5): the root element is dropped, children become keys. `text` is
 * already trimmed and non-empty. Entity declarations are refused outright (XXE, entity bombs).
 */
export function parseXmlBody(text: string, limits: ShapeLimits): SubmittedData {
  if (/<!DOCTYPE/i.test(text) && /<!ENTITY/i.test(text)) {
    throw intakeErrors.invalidXml("DOCTYPE with entity declarations is not allowed");
  }
  // Each field needs at least one tag; refuse absurd element counts before the parser does
  // a lot of work for a request that will be refused anyway.
  const tagBudget = 2 * limits.maxFields + 64;
  if (countTagOpeners(text, tagBudget) > tagBudget) {
    throw intakeErrors.invalidXml(`more than ${limits.maxFields} fields`);
  }
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    const where = col === undefined ? ` Line: ${line}` : ` Line: ${line} Column: ${col}`;
    throw intakeErrors.invalidXml(`${msg}${where}`);
  }
  let doc: unknown;
  try {
    doc = parserFor(limits.maxDepth).parse(text);
  } catch (e) {
    const message = (e as Error).message;
    if (/nested tags/i.test(message)) throw intakeErrors.invalidXml(`nested deeper than ${limits.maxDepth} levels`);
    throw intakeErrors.invalidXml(message);
  }
  let root: unknown;
  if (isPlainObject(doc)) {
    for (const k in doc) {
      root = doc[k];
      break;
    }
  }
  // `<lead/>` or `<lead>text</lead>` carry no fields.
  if (!isPlainObject(root)) return {};
  try {
    return checkTree(root, limits);
  } catch (e) {
    if (e instanceof DataShapeError) throw intakeErrors.invalidXml(e.message);
    throw e;
  }
}
