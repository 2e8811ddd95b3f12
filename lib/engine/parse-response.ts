// Response parsing of a recipient call (05 §4): outcome, reason, price, reference, cookie and the
// data appended under the step's key.

import { toNumber } from "@/lib/types";
import type { SendResult } from "./ports";
import { documentData, findInDocument, parseResponseDocument, toRegex } from "./response-search";
import { type ErrorKind, parseRetryAfter } from "./retry-schedule";

/** The response variables of 05 §3.3, as rendered by the step's mappings. */
export interface ResponseVariables {
  outcome_search_term?: unknown;
  outcome_search_path?: unknown;
  outcome_on_match?: unknown;
  reason_path?: unknown;
  default_reason?: unknown;
  price_path?: unknown;
  fallback_price?: unknown;
  reference_path?: unknown;
  capture?: unknown;
  response_content_type_override?: unknown;
  cookie_search_term?: unknown;
}

export interface ParsedResponse {
  outcome: "success" | "failure" | "error";
  reason: string | null;
  errorKind: ErrorKind | null;
  /** Price read from the response (`price_path`/`fallback_price`), or null when neither is mapped. */
  price: number | null;
  reference: string | null;
  cookie: string | null;
  /** Parsed document (JSON/XML) or captures (HTML/text), without the outcome fields. */
  data: Record<string, unknown>;
  retryAfterSeconds: number | null;
}

function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "object" && "normal" in (v as object)) return str((v as { normal: unknown }).normal);
  return null;
}

function nonBlank(v: unknown): string | null {
  const s = str(v);
  return s !== null && s.trim() !== "" ? s : null;
}

function header(headers: Record<string, string | string[]>, name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function headerAll(headers: Record<string, string | string[]>, name: string): string[] {
  const v = headers[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

const INVERSE = { success: "failure", failure: "success", error: "success" } as const;

function onMatchOf(v: unknown): "success" | "failure" | "error" {
  const s = nonBlank(v)?.trim().toLowerCase();
  return s === "failure" || s === "error" ? s : "success";
}

/** A usable price: a finite number ≥ 0 after the lenient numeric reading (02 §4 `num()`). */
function priceOf(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === "number" ? v : toNumber(str(v) ?? "");
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function parseResponse(result: SendResult, vars: ResponseVariables, timeoutMs: number): ParsedResponse {
  const base = { price: null, reference: null, cookie: null, data: {}, retryAfterSeconds: null };
  if (!result.ok) {
    if (result.error === "timeout") {
      return { ...base, outcome: "error", reason: `Request timed out after ${timeoutMs} ms`, errorKind: "transport" };
    }
    if (result.error === "refused") {
      return { ...base, outcome: "error", reason: result.message ?? "URL must be public", errorKind: "validation" };
    }
    return { ...base, outcome: "error", reason: `Connection failed: ${result.code ?? "ERROR"}`, errorKind: "transport" };
  }
  const res = result.response;
  if (res.status >= 500 && res.status <= 599) {
    return { ...base, outcome: "error", reason: "Server error", errorKind: "server", retryAfterSeconds: parseRetryAfter(header(res.headers, "retry-after"), result.endedAt) };
  }
  const statusText = `HTTP ${res.status} ${res.statusText}`.trim();
  if (res.status === 408 || res.status === 429) {
    return {
      ...base,
      outcome: "error",
      reason: statusText,
      errorKind: "throttled",
      retryAfterSeconds: parseRetryAfter(header(res.headers, "retry-after"), result.endedAt),
    };
  }

  const contentType = nonBlank(vars.response_content_type_override) ?? header(res.headers, "content-type") ?? null;
  const doc = parseResponseDocument(res.body, contentType);

  const term = nonBlank(vars.outcome_search_term);
  const onMatchSet = nonBlank(vars.outcome_on_match) !== null;
  let outcome: "success" | "failure" | "error";
  let reason: string | null = null;
  if (term === null && !onMatchSet) {
    if (res.status >= 400) {
      // A refused request is never counted as a sale (decision; ap-code says success).
      outcome = "failure";
      reason = statusText;
    } else outcome = "success";
  } else {
    const path = nonBlank(vars.outcome_search_path);
    const candidates = (path === null || doc.kind === "text" ? [doc.raw] : findInDocument(doc, path))
      .map((c) => c.trim().toLowerCase())
      .filter((c) => c !== "");
    // Case-insensitive by flag rather than by lower-casing the pattern, which would break `\D`, `\S`…
    const re = toRegex(term ?? ".*", "i") ?? /(?!)/;
    const found = candidates.some((c) => re.test(c));
    const onMatch = onMatchOf(vars.outcome_on_match);
    outcome = found ? onMatch : INVERSE[onMatch];
  }

  if (outcome !== "success") {
    const reasonPath = nonBlank(vars.reason_path);
    if (reasonPath !== null) {
      const found = findInDocument(doc, reasonPath)
        .map((s) => s.trim())
        .filter((s) => s !== "")
        .sort();
      if (found.length > 0) reason = found.join(", ");
    }
    if (reason === null) reason = nonBlank(vars.default_reason)?.trim() ?? null;
  }

  let price: number | null = null;
  const pricePath = nonBlank(vars.price_path);
  const fallbackMapped = vars.fallback_price !== undefined && vars.fallback_price !== null && nonBlank(vars.fallback_price) !== null;
  if (pricePath !== null || fallbackMapped) {
    const first = pricePath !== null ? findInDocument(doc, pricePath)[0] : undefined;
    price = priceOf(first) ?? (fallbackMapped ? priceOf(vars.fallback_price) : null) ?? 0;
  }

  const referencePath = nonBlank(vars.reference_path);
  const reference = referencePath !== null ? (findInDocument(doc, referencePath)[0]?.trim() ?? null) : null;

  let cookie: string | null = null;
  const cookieTerm = nonBlank(vars.cookie_search_term);
  if (cookieTerm !== null) {
    const re = toRegex(cookieTerm, "i");
    cookie = headerAll(res.headers, "set-cookie").find((c) => re?.test(c)) ?? null;
  }

  const data = documentData(doc);
  if ((doc.kind === "html" || doc.kind === "text") && typeof vars.capture === "object" && vars.capture !== null) {
    const captures: Record<string, string | null> = {};
    for (const [name, pattern] of Object.entries(vars.capture as Record<string, unknown>)) {
      const src = nonBlank(pattern);
      const re = src !== null ? toRegex(src) : null;
      const m = re?.exec(doc.raw);
      captures[name] = m ? (m[1] ?? m[0]) : null;
    }
    data.capture = captures;
  }

  return { outcome, reason, errorKind: outcome === "error" ? "business" : null, price, reference, cookie, data, retryAfterSeconds: null };
}
