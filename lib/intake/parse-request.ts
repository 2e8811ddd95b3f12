import { parseFormBody, parseJsonBody, parseXmlBody } from "@/lib/intake/body-parsers";
import { decodeBody, xmlDeclaredEncoding } from "@/lib/intake/charset";
import { intakeErrors } from "@/lib/intake/errors";
import type { IntakeLimits } from "@/lib/intake/limits";
import { bodyMediaType, charsetOf, negotiateResponseType, type IntakeMediaType } from "@/lib/intake/media-type";
import { readBodyWithLimit } from "@/lib/intake/read-body";
import {
  DataShapeError,
  decodeFormComponent,
  deepMerge,
  normalizeTrustedFormKeys,
  parseFormEncoded,
  type SubmittedData,
  type SubmittedValue,
} from "@/lib/intake/submitted-data";

/** A request that passed rows 3–9 of spec 07 §1.2. */
export interface ParsedIntakeRequest {
  method: "GET" | "POST";
  /** The negotiated response media type (spec 07 §1.5.2). */
  responseType: IntakeMediaType;
  /** The first `redir_url` query value when valid; the 303 `Location`. */
  redirUrl: string | null;
  /** Submitted data: body merged with the query (query wins), `api_key` removed (spec 07 §1.3.6). */
  data: SubmittedData;
  /** Every `api_key` value sent (query first, then body), already removed from `data`. */
  apiKeys: string[];
  /** The body text as received (decoded, untrimmed); null when no body was read. */
  bodyText: string | null;
}

/** Where the request target (path + query) starts in an absolute URL string. */
export function targetStart(url: string): number {
  const scheme = url.indexOf("//");
  const slash = url.indexOf("/", scheme === -1 ? 0 : scheme + 2);
  return slash === -1 ? url.length : slash;
}

/** The raw query string (without `?`), or "" when there is none. */
export function rawQuery(url: string): string {
  const q = url.indexOf("?");
  if (q === -1) return "";
  const hash = url.indexOf("#", q);
  return hash === -1 ? url.slice(q + 1) : url.slice(q + 1, hash);
}

/** The first value of a query parameter, read straight from the raw query. */
function firstQueryValue(query: string, name: string): string | null {
  for (const segment of query.split("&")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    const key = decodeFormComponent(eq === -1 ? segment : segment.slice(0, eq));
    if (key === name) return eq === -1 ? "" : decodeFormComponent(segment.slice(eq + 1));
  }
  return null;
}

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Checks `redir_url` (spec 07 §1.2 row 5): an absolute http(s) URL with a host. Returns the
 * value for `Location`: as given when it is plain visible ASCII (LeadConduit echoes it), else the
 * URL's normalised form, since header values cannot carry raw non-ASCII or control characters.
 */
function checkRedirUrl(value: string): string {
  if (!/^https?:\/\//i.test(value)) throw intakeErrors.invalidRedirUrl();
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw intakeErrors.invalidRedirUrl();
  }
  if (parsed.hostname === "") throw intakeErrors.invalidRedirUrl();
  return VISIBLE_ASCII.test(value) ? value : parsed.href;
}

/** Removes a top-level `api_key` from data, adding its string value(s) to `into`. */
function takeApiKeys(data: SubmittedData | null | undefined, into: string[]): void {
  if (!data || !Object.hasOwn(data, "api_key")) return;
  const v: SubmittedValue = data.api_key;
  delete data.api_key;
  if (typeof v === "string") into.push(v);
  else if (Array.isArray(v)) for (const e of v) if (typeof e === "string") into.push(e);
}

/** A POST carries a body only with Content-Length (even 0) or chunked Transfer-Encoding (ap-code). */
function declaresBody(headers: Headers): boolean {
  if (headers.has("content-length")) return true;
  const te = headers.get("transfer-encoding");
  return te !== null && /chunked/i.test(te);
}

async function parseBody(
  request: Request,
  contentType: string,
  mediaType: IntakeMediaType,
  limits: IntakeLimits,
): Promise<{ text: string; data: SubmittedData | null }> {
  const bytes = await readBodyWithLimit(request, limits.maxBodyBytes);
  const isXml = mediaType === "application/xml" || mediaType === "text/xml";
  let charset = charsetOf(contentType);
  // The XML declaration's encoding counts only when the header names none (spec 07 §1.3.2).
  if (charset === null && isXml) charset = xmlDeclaredEncoding(bytes);
  const text = decodeBody(bytes, charset);
  const trimmed = text.trim();
  // An empty body is not an error: the submission is the query string alone (ap-code).
  if (trimmed === "") return { text, data: null };
  if (mediaType === "application/json") return { text, data: parseJsonBody(trimmed, limits) };
  if (isXml) return { text, data: parseXmlBody(trimmed, limits) };
  return { text, data: parseFormBody(trimmed, limits) };
}

/**
 * Rows 3–9 of spec 07 §1.2 for a request whose flow and source exist and are enabled: method
 * (405), Accept (406), redir_url (400), declared size (413), Content-Type (415/406), reading
 * with the byte limit (413) and parsing (400). Throws IntakeError.
 */
export async function parseIntakeRequest(request: Request, limits: IntakeLimits): Promise<ParsedIntakeRequest> {
  const method = request.method.toUpperCase();
  if (method !== "GET" && method !== "POST") throw intakeErrors.methodNotAllowed(method);

  const headers = request.headers;
  const responseType = negotiateResponseType(headers.get("accept"));
  if (responseType === null) throw intakeErrors.notAcceptable();

  const query = rawQuery(request.url);
  let redirUrl: string | null = null;
  if (query !== "" && (query.includes("redir") || query.includes("%"))) {
    const value = firstQueryValue(query, "redir_url");
    if (value !== null) redirUrl = checkRedirUrl(value);
  }

  let body: { text: string; data: SubmittedData | null } | null = null;
  if (method === "POST" && declaresBody(headers)) {
    const declared = Number(headers.get("content-length"));
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) throw intakeErrors.payloadTooLarge(limits.maxBodyBytes);
    const contentType = headers.get("content-type");
    if (!contentType) throw intakeErrors.contentTypeRequired();
    const mediaType = bodyMediaType(contentType);
    if (mediaType === null) throw intakeErrors.unsupportedContentType();
    body = await parseBody(request, contentType, mediaType, limits);
  }

  let queryData: SubmittedData;
  try {
    queryData = parseFormEncoded(query, limits);
  } catch (e) {
    if (e instanceof DataShapeError) throw intakeErrors.invalidQuery(e.message);
    throw e;
  }

  // Taken from both sides before merging: every value sent is a credential to try and to mask.
  const apiKeys: string[] = [];
  takeApiKeys(queryData, apiKeys);
  takeApiKeys(body?.data, apiKeys);
  const data = body?.data ? deepMerge(body.data, queryData) : queryData;
  normalizeTrustedFormKeys(data);
  return { method: method as "GET" | "POST", responseType, redirUrl, data, apiKeys, bodyText: body ? body.text : null };
}
