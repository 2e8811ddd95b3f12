import type { IntakeError } from "@/lib/intake/errors";
import type { IntakeMediaType } from "@/lib/intake/media-type";

/** What the engine reports back for a handled lead (spec 07 §1.5.3). */
export interface IntakeResult {
  outcome: "success" | "failure" | "error";
  /** Rendered or generated reason; omitted from the body when null/empty. */
  reason?: string | null;
  /** The lead's 24-hex id. */
  leadId: string;
  /** The purchase price. Only used when the outcome is `success`; otherwise the body says 0. */
  price?: number | null;
}

/** The stored copy of a response (kb HttpResponse; spec 06 §2.2). */
export interface ResponseRecord {
  status: number;
  status_text: string;
  version: string;
  headers: Record<string, string>;
  body: string;
  /** Epoch milliseconds. */
  timestamp: number;
}

const STATUS_TEXT: Record<number, string> = {
  201: "Created",
  204: "No Content",
  303: "See Other",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

/** The price the body states: the purchase price on success, otherwise 0 (spec 07 §1.5.3). */
function bodyPrice(result: IntakeResult): number {
  if (result.outcome !== "success") return 0;
  const p = result.price;
  return typeof p === "number" && Number.isFinite(p) ? p : 0;
}

// XML 1.0 forbids most C0 controls and U+FFFE/U+FFFF; a reason may contain anything a template
// produced, so those become U+FFFD instead of producing a document no client can parse. CR is
// written as a character reference so it survives XML line-end normalisation.
const XML_ESCAPES = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text content for an XML answer (shared with the feedback endpoint's `<result>`). */
export function escapeXml(text: string): string {
  return text.replace(XML_ESCAPES, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case "\r":
        return "&#xD;";
      default:
        return "\uFFFD";
    }
  });
}

/**
 * The result body in LeadConduit's exact bytes: compact JSON, or XML with a declaration without
 * encoding, two-space indentation, `\n` line ends and no trailing newline. Key order: outcome,
 * reason (when non-empty), lead.id, price. The form-urlencoded type gets the JSON text (quirk).
 */
export function resultBody(result: IntakeResult, mediaType: IntakeMediaType): string {
  const price = bodyPrice(result);
  const reason = typeof result.reason === "string" && result.reason !== "" ? result.reason : null;
  if (mediaType === "application/xml" || mediaType === "text/xml") {
    return (
      '<?xml version="1.0"?>\n<result>\n' +
      `  <outcome>${escapeXml(result.outcome)}</outcome>\n` +
      (reason === null ? "" : `  <reason>${escapeXml(reason)}</reason>\n`) +
      `  <lead>\n    <id>${escapeXml(result.leadId)}</id>\n  </lead>\n` +
      `  <price>${String(price)}</price>\n</result>`
    );
  }
  return reason === null
    ? JSON.stringify({ outcome: result.outcome, lead: { id: result.leadId }, price })
    : JSON.stringify({ outcome: result.outcome, reason, lead: { id: result.leadId }, price });
}

/** Headers every intake response carries (spec 07 §1.5.4, §1.9). */
function commonHeaders(requestId: string): Record<string, string> {
  return { "X-Request-Id": requestId, "Access-Control-Allow-Origin": "*" };
}

/**
 * The response for a handled lead as a record (what the source event stores): 201, or 303 with
 * `Location` when the request carried a valid `redir_url`.
 */
export function resultResponseRecord(
  result: IntakeResult,
  mediaType: IntakeMediaType,
  redirUrl: string | null,
  requestId: string,
  now: number = Date.now(),
): ResponseRecord {
  const body = resultBody(result, mediaType);
  const status = redirUrl === null ? 201 : 303;
  const headers: Record<string, string> = {
    "Content-Type": mediaType,
    "Content-Length": String(Buffer.byteLength(body, "utf8")),
  };
  if (redirUrl !== null) headers.Location = redirUrl;
  Object.assign(headers, commonHeaders(requestId));
  return { status, status_text: STATUS_TEXT[status], version: "1.1", headers, body, timestamp: now };
}

function serverTiming(startedAt: number): string {
  return `total;dur=${Math.max(0, performance.now() - startedAt).toFixed(1)}`;
}

/** `headers` always names Content-Type when there is a body, so undici adds no default type. */
function respond(status: number, headers: Record<string, string>, body: string | null, startedAt: number): Response {
  return new Response(body, { status, headers: { ...headers, "Server-Timing": serverTiming(startedAt) } });
}

/** A Web Response from a record; `startedAt` is a performance.now() reading for Server-Timing. */
export function recordToResponse(record: ResponseRecord, startedAt: number): Response {
  return respond(record.status, record.headers, record.body, startedAt);
}

/** The answer to a transport error (spec 07 §1.6): text/plain texts or `{"message":…}`. */
export function intakeErrorResponse(error: IntakeError, requestId: string, startedAt: number): Response {
  const body = error.isJson ? JSON.stringify({ message: error.body }) : error.body;
  return respond(
    error.status,
    {
      "Content-Type": error.isJson ? "application/json" : "text/plain",
      "Content-Length": String(Buffer.byteLength(body, "utf8")),
      ...error.headers,
      ...commonHeaders(requestId),
    },
    body,
    startedAt,
  );
}

/** The CORS pre-flight answer for OPTIONS on an intake URL (spec 07 §1.9). */
export function preflightResponse(requestId: string, startedAt: number): Response {
  return respond(
    204,
    {
      "Access-Control-Allow-Methods": "GET, POST",
      "Access-Control-Allow-Headers": "Accept, Content-Type, Authorization, X-Request-Id",
      "Access-Control-Max-Age": "86400",
      ...commonHeaders(requestId),
    },
    null,
    startedAt,
  );
}
