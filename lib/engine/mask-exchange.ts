// Recorded HTTP exchanges (06 §2.2): secrets masked before anything is stored — secret headers,
// URL passwords and secret-named query parameters, every occurrence of a secret value, and the
// clear values of maskable lead fields — and bodies cut at 64 KiB.

import { isSecretHeader } from "./build-request";
import type { HttpResponse, OutboundRequest, SendResult } from "./ports";
import type { HttpExchange } from "./types";

export const MASK = "********";
const MAX_STORED_BODY = 64 * 1024;
const SECRET_PARAM = /key|token|secret|password|signature/i;

export interface Scrubber {
  /** Clear secret values (≥ 4 characters) replaced by `********`. */
  secrets: readonly string[];
  /** Clear values of maskable fields and their masked forms, longest first (01 §5). */
  replacements: ReadonlyArray<{ clear: string; masked: string }>;
}

function replaceAll(text: string, s: Scrubber): string {
  let out = text;
  for (const secret of s.secrets) if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(MASK);
  for (const r of s.replacements) if (out.includes(r.clear)) out = out.split(r.clear).join(r.masked);
  return out;
}

export function scrubText(text: string, s: Scrubber): string {
  return s.secrets.length === 0 && s.replacements.length === 0 ? text : replaceAll(text, s);
}

/** URL with user-info password and secret-named query parameters masked, then value scrubbing. */
export function scrubUrl(url: string, s: Scrubber): string {
  let out = url;
  // Only URLs with user info or a query can hold URL-level secrets; parse just those.
  if (!url.includes("@") && !url.includes("?")) return scrubText(out, s);
  try {
    const u = new URL(url);
    let changed = false;
    if (u.password) {
      u.password = MASK;
      changed = true;
    }
    for (const name of [...new Set(u.searchParams.keys())]) {
      if (SECRET_PARAM.test(name)) {
        u.searchParams.set(name, MASK);
        changed = true;
      }
    }
    if (changed) out = u.href;
  } catch {
    // Not a URL: value scrubbing below still applies.
  }
  return scrubText(out, s);
}

function scrubHeaders<T extends string | string[]>(headers: Record<string, T>, s: Scrubber): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (isSecretHeader(name)) out[name] = (Array.isArray(value) ? value.map(() => MASK) : MASK) as T;
    else out[name] = (Array.isArray(value) ? value.map((v) => scrubText(v, s)) : scrubText(value as string, s)) as T;
  }
  return out;
}

function cutBody(body: string, s: Scrubber): { body: string; body_truncated?: boolean } {
  const scrubbed = scrubText(body, s);
  if (scrubbed.length <= MAX_STORED_BODY) return { body: scrubbed };
  return { body: scrubbed.slice(0, MAX_STORED_BODY), body_truncated: true };
}

/** The request as it would be stored (replay's `would_send`, 07 §2.8). */
export function scrubRequest(request: OutboundRequest, s: Scrubber): { method: string; url: string; headers: Record<string, string>; body: string | null } {
  return {
    method: request.method,
    url: scrubUrl(request.url, s),
    headers: scrubHeaders(request.headers, s),
    body: request.body === null ? null : scrubText(request.body, s),
  };
}

function responseOf(res: HttpResponse, endedAt: number, s: Scrubber): NonNullable<HttpExchange["response"]> {
  return {
    status: res.status,
    status_text: res.statusText,
    version: res.version ?? "1.1",
    headers: scrubHeaders(res.headers, s),
    ...cutBody(res.body, s),
    timestamp: endedAt,
  };
}

export function recordExchange(request: OutboundRequest, result: SendResult, s: Scrubber, error: string | null): HttpExchange {
  const body = request.body === null ? { body: null } : cutBody(request.body, s);
  const exchange: HttpExchange = {
    request: {
      method: request.method,
      uri: scrubUrl(request.url, s),
      version: "1.1",
      headers: scrubHeaders(request.headers, s),
      ...body,
      timestamp: result.startedAt,
    },
    response: result.ok ? responseOf(result.response, result.endedAt, s) : null,
    ms: Math.max(0, result.endedAt - result.startedAt),
  };
  if (!result.ok) exchange.error = error ?? result.error;
  return exchange;
}

const NOTHING: Scrubber = { secrets: [], replacements: [] };

/** Whether a mapping's property carries a secret: a secret header, the basic password, a secret-named parameter. */
function isSecretProperty(property: string): boolean {
  if (property === "basic_password") return true;
  if (/^header\./i.test(property)) return isSecretHeader(property.slice("header.".length));
  return SECRET_PARAM.test(property.slice(property.lastIndexOf(".") + 1));
}

/**
 * A step's mappings as its events record them (06 §2.2): the configuration may hold literal
 * secrets (an API key header, a password), which must not reach the audit trail either.
 */
export function maskMappings(mappings: unknown): unknown {
  if (!Array.isArray(mappings)) return mappings;
  return mappings.map((m: unknown) => {
    if (!m || typeof m !== "object") return m;
    const { property, value } = m as { property?: unknown; value?: unknown };
    if (typeof property !== "string" || typeof value !== "string") return m;
    if (isSecretProperty(property)) return { ...m, value: MASK };
    if (property === "url") return { ...m, value: scrubUrl(value, NOTHING) };
    return m;
  });
}
