/**
 * Body decoding (spec 07 §1.3.2). Only four charsets are honoured; anything else is read as
 * UTF-8. Labels resolve as browsers resolve them (WHATWG Encoding): `us-ascii`, `iso-8859-1` and
 * `latin1` are all windows-1252, which is what senders labelled that way actually produce.
 * Invalid byte sequences become U+FFFD instead of failing the request.
 */

type Encoding = "utf-8" | "windows-1252";

const LABELS: Record<string, Encoding> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "iso-8859-1": "windows-1252",
  iso8859_1: "windows-1252",
  "iso_8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  latin1: "windows-1252",
  l1: "windows-1252",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  "x-cp1252": "windows-1252",
};

// TextDecoder is stateless between non-streaming decode() calls, so one instance is enough.
const utf8 = new TextDecoder("utf-8");

// windows-1252 differs from ISO-8859-1 only in 0x80–0x9F. Decoded by hand because Node 20's
// TextDecoder("windows-1252") silently decodes ISO-8859-1 (0x80 → U+0080 instead of "€").
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const C1 = /[\x80-\x9f]/g;

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return C1.test(latin1) ? latin1.replace(C1, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80])) : latin1;
}

/** The encoding for a charset label; null when the label is not one we honour. */
export function encodingFor(label: string | null | undefined): Encoding | null {
  if (!label) return null;
  return LABELS[label.trim().toLowerCase()] ?? null;
}

/** Decodes body bytes with the named charset, falling back to UTF-8. */
export function decodeBody(bytes: Uint8Array, charset: string | null): string {
  return encodingFor(charset) === "windows-1252" ? decodeWindows1252(bytes) : utf8.decode(bytes);
}

/**
 * The `encoding="…"` of an XML declaration at the very start of the bytes, if any. Read from
 * the raw bytes because all four honoured encodings agree on ASCII.
 */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  while (start < bytes.length && (bytes[start] === 0x20 || bytes[start] === 0x09 || bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
  // "<?xml"
  if (bytes[start] !== 0x3c || bytes[start + 1] !== 0x3f) return null;
  const end = Math.min(bytes.length, start + 200);
  let head = "";
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    head += String.fromCharCode(b);
    if (b === 0x3e) break; // ">"
  }
  const m = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m ? m[1].toLowerCase() : null;
}
