// From a recipient step's rendered request variables to the exact HTTP request (05 §3.2–3.3),
// with the validation texts of the ap-code: a failing check is a final `error`, no request.

import { appendQuery, buildFormBody, buildJsonBody, buildXmlBody, encodeForm, formPairs, requestText, requestValue } from "@/lib/mappings";
import type { OutboundRequest } from "./ports";
import { type TargetPolicy, isAllowedTarget } from "./public-url";
import type { ResponseVariables } from "./parse-response";
import type { Vars } from "./types";

export type OutboundModule = "json" | "form" | "xml" | "query" | "leadconduit";

/** `custom.outbound.*`, the LeadConduit aliases `leadconduit-custom.outbound.*`, and `leadconduit-default.outbound`. */
export function outboundModuleOf(moduleId: string): OutboundModule | null {
  const m = /^(?:leadconduit-)?custom\.outbound\.(json|form|xml|query)$/.exec(moduleId);
  if (m) return m[1] as OutboundModule;
  if (moduleId === "leadconduit-default.outbound") return "leadconduit";
  return null;
}

export const DEFAULT_ACCEPT = "application/json;q=0.9,text/xml;q=0.8,application/xml;q=0.7,text/html;q=0.6,text/plain;q=0.5";
const FORM_CT = "application/x-www-form-urlencoded; charset=utf-8";
const JSON_CT = "application/json; charset=utf-8";
const XML_CT = "text/xml";

const METHODS: Record<OutboundModule, readonly string[]> = {
  json: ["POST", "PUT", "DELETE", "PATCH"],
  xml: ["POST", "PUT", "PATCH"],
  form: ["POST"],
  query: ["GET"],
  leadconduit: ["POST", "GET"],
};

export interface BuildRequestOptions {
  eventId: string;
  attempt: number;
  userAgent: string;
  targets: TargetPolicy;
}

export interface BuiltRequest {
  ok: true;
  request: OutboundRequest;
  timeoutMs: number;
  response: ResponseVariables;
  /** Clear secrets to scrub from the recorded exchange (06 §2.2). */
  secrets: string[];
}

export type BuildRequestResult = BuiltRequest | { ok: false; reason: string };

function text(v: unknown): string | null {
  if (v === undefined || v === null || (typeof v === "object" && !("normal" in (v as object)))) return null;
  const t = requestText(v).trim();
  return t === "" ? null : t;
}

function objectOf(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function truthy(v: unknown, dflt: boolean): boolean {
  const t = text(v)?.toLowerCase();
  if (t === undefined || t === null) return dflt;
  if (["true", "t", "yes", "y", "1"].includes(t)) return true;
  if (["false", "f", "no", "n", "0"].includes(t)) return false;
  return dflt;
}

const secretHeaderCache = new Map<string, boolean>();

/** Header names whose values are secrets (06 §2.2), `Idempotency-Key` excepted. */
export function isSecretHeader(name: string): boolean {
  let hit = secretHeaderCache.get(name);
  if (hit === undefined) {
    hit = secretHeaderName(name);
    if (secretHeaderCache.size >= 1000) secretHeaderCache.clear();
    secretHeaderCache.set(name, hit);
  }
  return hit;
}

function secretHeaderName(name: string): boolean {
  const n = name.toLowerCase();
  if (n === "idempotency-key") return false;
  if (n === "authorization" || n === "proxy-authorization" || n === "cookie" || n === "set-cookie") return true;
  return /key|token|secret|password|signature/.test(n);
}

/** Timeout in ms from `timeout_seconds`: 1–120, default 10 (05 §3.3). */
export function timeoutMsOf(v: unknown): number {
  const n = Number(text(v));
  if (!Number.isFinite(n) || n <= 0) return 10_000;
  return Math.round(Math.min(120, Math.max(1, n)) * 1000);
}

/** Every `lead.*` normal flattened with dots, plus `price` (leadconduit-default.outbound). */
function leadconduitPairs(vars: Vars, ascii: boolean): Array<[string, string]> {
  const lead = { ...objectOf(vars.lead) };
  if (vars.price !== undefined && vars.price !== null) lead.price = vars.price;
  return formPairs(lead, { ascii });
}

/** The document sent as one form parameter beside extra parameters; `param` null leaves it out. */
function stuffedForm(module: OutboundModule, requestVars: Readonly<Record<string, unknown>>, ascii: boolean, param: string | null, doc: string): string {
  const pairs: Array<[string, string]> = param === null ? [] : [[param, doc]];
  for (const [k, v] of Object.entries(objectOf(requestVars.extra_parameter))) pairs.push([k, requestText(v, { ascii })]);
  if (module === "json") {
    for (const [k, v] of Object.entries(objectOf(requestVars.nested_extra_parameter))) {
      pairs.push([k, JSON.stringify(requestValue(v, { ascii }) ?? null)]);
    }
  }
  return encodeForm(pairs);
}

// Recipient URLs repeat lead after lead; parsing one costs about a microsecond.
const parsedUrls = new Map<string, { href: string; protocol: string; hostname: string } | null>();

function parseUrl(text: string): { href: string; protocol: string; hostname: string } | null {
  let hit = parsedUrls.get(text);
  if (hit === undefined) {
    try {
      const u = new URL(text);
      hit = { href: u.href, protocol: u.protocol, hostname: u.hostname };
    } catch {
      hit = null;
    }
    if (parsedUrls.size >= 1000) parsedUrls.clear();
    parsedUrls.set(text, hit);
  }
  return hit;
}

/**
 * Builds the request, or the validation error text. `requestVars` are the step's mapped variables
 * (nested, as lib/mappings assigns them); `vars` is the recipient context (leadconduit module).
 */
export function buildRequest(
  module: OutboundModule,
  requestVars: Readonly<Record<string, unknown>>,
  vars: Vars,
  options: BuildRequestOptions,
): BuildRequestResult {
  const ascii = truthy(requestVars.send_ascii, false);
  const urlText = text(requestVars.url);
  if (urlText === null) return { ok: false, reason: "URL is required" };
  const parsed = parseUrl(ascii ? requestText(urlText, { ascii }) : urlText);
  if (parsed === null || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) return { ok: false, reason: "URL must be valid" };
  if (!isAllowedTarget(parsed.hostname, options.targets)) return { ok: false, reason: "URL must be public" };
  let href = parsed.href;

  const allowed = METHODS[module];
  let method = allowed[0];
  const mappedMethod = text(requestVars.method)?.toUpperCase();
  if (mappedMethod && (module === "json" || module === "xml" || module === "leadconduit")) {
    if (!allowed.includes(mappedMethod)) return { ok: false, reason: `Unsupported HTTP method - use ${allowed.join(", ")}` };
    method = mappedMethod;
  }

  const onMatch = text(requestVars.outcome_on_match);
  if (onMatch !== null && !["success", "failure", "error"].includes(onMatch.toLowerCase())) {
    return { ok: false, reason: "Outcome on match must be 'success', 'failure', or 'error'" };
  }

  // Mapped headers (arrays joined, objects and blanks dropped), validated before defaults apply.
  const mapped = new Map<string, [string, string]>();
  for (const [name, value] of Object.entries(objectOf(requestVars.header))) {
    const w = requestValue(value, { ascii });
    let v: string | null;
    if (Array.isArray(w)) v = w.map((x) => requestText(x)).filter((x) => x.trim() !== "").join(", ");
    else if (w !== null && typeof w === "object") v = null;
    else v = w === undefined || w === null ? null : requestText(w).trim();
    if (v === null || v === "") continue;
    mapped.set(name.toLowerCase(), [name, v]);
  }
  if (mapped.has("content-length")) return { ok: false, reason: "Content-Length header is not allowed" };
  if (mapped.has("accept")) return { ok: false, reason: "Accept header is not allowed" };

  let body: string | null = null;
  let contentType: string | null = null;
  const stuffed = (param: string | null, doc: string) => stuffedForm(module, requestVars, ascii, param, doc);

  try {
    switch (module) {
      case "json": {
        const json = buildJsonBody(requestVars.json_property, { ascii });
        const param = text(requestVars.json_parameter);
        if (param !== null) {
          body = stuffed(json === "{}" ? null : param, json);
          contentType = FORM_CT;
        } else {
          body = json;
          contentType = JSON_CT;
        }
        break;
      }
      case "xml": {
        const xml = buildXmlBody(requestVars.xml_path, { ascii });
        const param = text(requestVars.xml_parameter);
        if (param !== null) {
          body = stuffed(param, xml);
          contentType = FORM_CT;
        } else {
          body = xml;
          contentType = XML_CT;
        }
        break;
      }
      case "form":
        body = buildFormBody(requestVars.form_field, { ascii, encodeNames: truthy(requestVars.encode_form_field_names, true) });
        contentType = FORM_CT;
        break;
      case "query":
        href = appendQuery(href, requestVars.parameter, { ascii });
        break;
      case "leadconduit": {
        const encoded = encodeForm(leadconduitPairs(vars, ascii));
        if (method === "GET") href = appendQuery(href, Object.fromEntries(leadconduitPairs(vars, ascii)));
        else {
          body = encoded;
          contentType = FORM_CT;
        }
        break;
      }
    }
  } catch (err) {
    // A document the mappings cannot express (e.g. two XML roots) is a configuration error.
    return { ok: false, reason: err instanceof Error ? err.message : "Invalid request mappings" };
  }

  const mappedCt = mapped.get("content-type");
  if (mappedCt) {
    const need = contentType === FORM_CT ? "form-urlencoded" : module === "json" ? "json" : module === "xml" ? "xml" : null;
    if (need === null || !mappedCt[1].toLowerCase().includes(need)) return { ok: false, reason: "Invalid Content-Type header value" };
  }

  const headers: Record<string, string> = {};
  headers["Accept"] = DEFAULT_ACCEPT;
  if (contentType !== null && body !== null) headers["Content-Type"] = contentType;
  const user = text(requestVars.basic_username);
  const password = text(requestVars.basic_password);
  if (user !== null && password !== null) headers["Authorization"] = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  headers["Idempotency-Key"] = options.eventId;
  headers["X-Leadflow-Delivery-Attempt"] = String(options.attempt);
  headers["User-Agent"] = options.userAgent;
  // A mapped header of the same name (any case) wins over every default.
  for (const [lower, [name, value]] of mapped) {
    for (const k of Object.keys(headers)) if (k.toLowerCase() === lower) delete headers[k];
    headers[name] = value;
  }

  const secrets: string[] = [];
  if (password !== null) secrets.push(password);
  for (const [name, value] of Object.entries(headers)) if (isSecretHeader(name)) secrets.push(value);

  const response: ResponseVariables = {
    outcome_search_term: requestVars.outcome_search_term,
    outcome_search_path: requestVars.outcome_search_path,
    outcome_on_match: requestVars.outcome_on_match,
    reason_path: requestVars.reason_path,
    default_reason: requestVars.default_reason,
    price_path: requestVars.price_path,
    fallback_price: requestVars.fallback_price,
    reference_path: requestVars.reference_path,
    response_content_type_override: requestVars.response_content_type_override,
    cookie_search_term: requestVars.cookie_search_term,
  };
  if (requestVars.capture !== undefined) response.capture = objectOf(requestVars.capture);

  return {
    ok: true,
    request: {
      method,
      url: href,
      headers,
      body,
      followRedirects: truthy(requestVars.follow_redirects, module === "query"),
    },
    timeoutMs: timeoutMsOf(requestVars.timeout_seconds),
    response,
    secrets,
  };
}
