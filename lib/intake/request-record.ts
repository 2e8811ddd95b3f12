import { decodeFormComponent } from "@/lib/intake/submitted-data";

/**
 * The stored copy of an intake request for the lead's source event (spec 07 §1.7, kb
 * HttpRequest): method, URL without `api_key`, headers without `Authorization`/`Cookie`, the
 * body as received, with secrets masked as spec 06 §2.2 asks.
 */
export interface RequestRecord {
  method: string;
  uri: string;
  version: string;
  headers: Record<string, string>;
  /** The decoded body text as received (untrimmed), or null when the request carried none. */
  body: string | null;
  /** Epoch milliseconds. */
  timestamp: number;
}

export const MASK = "********";

/** Secrets shorter than this are not searched for: masking "a" everywhere would destroy the record. */
const MIN_SECRET_LENGTH = 4;

const DROPPED_HEADERS = new Set(["authorization", "cookie"]);
const MASKED_HEADERS = new Set(["proxy-authorization", "set-cookie"]);
const SECRET_NAME = /key|token|secret|password|signature/i;

/** `content-type` → `Content-Type`, the spelling stored records use. */
function canonicalHeaderName(name: string): string {
  let out = "";
  let upper = true;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    out += upper ? c.toUpperCase() : c;
    upper = c === "-";
  }
  return out;
}

function isSecretHeader(lower: string): boolean {
  return MASKED_HEADERS.has(lower) || (lower !== "idempotency-key" && SECRET_NAME.test(lower));
}

/** Replaces every occurrence of each clear value (raw and percent-encoded) with its mask. */
function replaceAll(text: string, replacements: ReadonlyArray<readonly [string, string]>): string {
  let out = text;
  for (const [clear, masked] of replacements) {
    if (out.includes(clear)) out = out.split(clear).join(masked);
    const encoded = encodeURIComponent(clear);
    if (encoded !== clear && out.includes(encoded)) out = out.split(encoded).join(masked);
  }
  return out;
}

/** The URL with `api_key` removed and values of secret-named query parameters masked. */
function maskUrl(url: string): string {
  const q = url.indexOf("?");
  if (q === -1) return url;
  const query = url.slice(q + 1);
  if (!SECRET_NAME.test(query) && !query.includes("%")) return url;
  const kept: string[] = [];
  for (const segment of query.split("&")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    const rawName = eq === -1 ? segment : segment.slice(0, eq);
    const name = decodeFormComponent(rawName);
    if (name === "api_key") continue;
    kept.push(SECRET_NAME.test(name) ? `${rawName}=${MASK}` : segment);
  }
  return kept.length === 0 ? url.slice(0, q) : `${url.slice(0, q)}?${kept.join("&")}`;
}

export interface RequestRecordInput {
  method: string;
  url: string;
  headers: Headers;
  body: string | null;
  timestamp: number;
  /** Clear secrets to mask wherever they occur (presented API keys, bearer tokens…). */
  secrets?: readonly string[];
  /** HTTP version when the caller knows it; the Web Request API does not expose it. */
  version?: string;
}

export function buildRequestRecord(input: RequestRecordInput): RequestRecord {
  const secrets = new Set<string>();
  for (const s of input.secrets ?? []) if (s.length >= MIN_SECRET_LENGTH) secrets.add(s);
  const headers: Record<string, string> = {};
  input.headers.forEach((value, lower) => {
    if (DROPPED_HEADERS.has(lower) || isSecretHeader(lower)) {
      if (value.length >= MIN_SECRET_LENGTH) secrets.add(value);
      if (DROPPED_HEADERS.has(lower)) return;
      headers[canonicalHeaderName(lower)] = MASK;
      return;
    }
    headers[canonicalHeaderName(lower)] = value;
  });
  const record: RequestRecord = {
    method: input.method.toUpperCase(),
    uri: maskUrl(input.url),
    version: input.version ?? "1.1",
    headers,
    body: input.body,
    timestamp: input.timestamp,
  };
  if (secrets.size === 0) return record;
  return maskRequestRecord(record, [...secrets].map((s) => [s, MASK] as const));
}

/**
 * Replaces clear values in a stored request (URL, header values, body) by their masked forms.
 * The engine uses it for values of maskable fields (`ssn`, `dob`, `credential`: spec 01 §5),
 * which only it can recognise. Values shorter than 4 characters are left alone.
 */
export function maskRequestRecord(
  record: RequestRecord,
  replacements: ReadonlyArray<readonly [clear: string, masked: string]>,
): RequestRecord {
  // Longest first, so a secret that contains another is masked whole.
  const usable = replacements.filter(([clear]) => clear.length >= MIN_SECRET_LENGTH).sort((a, b) => b[0].length - a[0].length);
  if (usable.length === 0) return record;
  const headers: Record<string, string> = {};
  for (const name in record.headers) headers[name] = replaceAll(record.headers[name], usable);
  return {
    ...record,
    uri: replaceAll(record.uri, usable),
    headers,
    body: record.body === null ? null : replaceAll(record.body, usable),
  };
}
