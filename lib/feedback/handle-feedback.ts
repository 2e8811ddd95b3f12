/**
 * The buyers' feedback endpoint `POST /feedback?event_id=…` (spec 06 §5.3): LeadConduit's wire
 * format over the Web Request/Response API, with intake's transport pieces (07 §1): the same body
 * parsers, media-type negotiation, error texts and stored request/response records. No database:
 * the route hands in the look-up and the processing.
 */
import {
  DEFAULT_INTAKE_LIMITS,
  IntakeError,
  buildRequestRecord,
  intakeErrorResponse,
  intakeErrors,
  recordToResponse,
  requestIdFor,
  type IntakeLimits,
  type IntakeMediaType,
  type RateLimitVerdict,
  type RequestRecord,
  type ResponseRecord,
  type SubmittedValue,
} from "@/lib/intake";
import { parseIntakeRequest, targetStart } from "@/lib/intake/parse-request";
import { escapeXml } from "@/lib/intake/respond";

/** Lead fields the answer carries when present (06 §5.3, kb examples), in this order. */
export const ANSWER_LEAD_FIELDS = ["email", "first_name", "last_name", "phone_1"] as const;

/** What the recipient is told (06 §5.3). */
export interface FeedbackAnswer {
  outcome: "success" | "failure" | "error";
  reason: string | null;
  lead: { id: string } & Partial<Record<(typeof ANSWER_LEAD_FIELDS)[number], string>>;
}

/** A parsed feedback request. */
export interface FeedbackSubmission {
  /** 24-hex, lower-cased: the query's `event_id`, else the body's. */
  eventId: string;
  /** As sent, trimmed ("" when missing): processing judges it (06 §5.4 step 1). */
  type: string;
  /** As sent (not yet trimmed or cut), or null. */
  reason: unknown;
  requestId: string;
  /** The stored copy of the request (secret headers masked). */
  request: RequestRecord;
  /** The exact answer for a result, for the feedback-received event's `response`. */
  responseFor(answer: FeedbackAnswer): ResponseRecord;
}

export interface FeedbackHandlers<T> {
  /** The recipient event behind an event id; null when unknown, expired or not a recipient event (→ 404). */
  find(eventId: string): Promise<T | null>;
  /** Optional rate limit (429); a failing limiter lets the request through. */
  rateLimit?(target: T): RateLimitVerdict | Promise<RateLimitVerdict>;
  /** Processes and stores the feedback; throwing means nothing could be stored (→ 503). */
  process(target: T, submission: FeedbackSubmission): Promise<FeedbackAnswer>;
  limits?: Partial<IntakeLimits>;
  onError?(error: unknown, requestId: string): void;
}

/** Feedback bodies are a few fields; anything near intake's 1 MiB is not feedback. */
export const FEEDBACK_MAX_BODY_BYTES = 64 * 1024;
const EVENT_ID = /^[0-9a-f]{24}$/;
const MAX_TYPE_LENGTH = 100;

/** The first scalar of a submitted value as text (a repeated key gives an array: the first counts). */
function scalarText(v: SubmittedValue | undefined): string | null {
  if (Array.isArray(v)) return scalarText(v[0]);
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

/** The answer body: compact JSON (`reason` always present), or XML with root `<result>` as 07 §1.5.3. */
export function feedbackAnswerBody(answer: FeedbackAnswer, mediaType: IntakeMediaType): string {
  const lead: Record<string, string> = { id: answer.lead.id };
  for (const f of ANSWER_LEAD_FIELDS) if (typeof answer.lead[f] === "string" && answer.lead[f] !== "") lead[f] = answer.lead[f]!;
  if (mediaType !== "application/xml" && mediaType !== "text/xml") {
    // The form-urlencoded type also gets JSON text, the LeadConduit quirk intake keeps (07 §1.5.2).
    return JSON.stringify({ outcome: answer.outcome, reason: answer.reason, lead });
  }
  const leadXml = Object.entries(lead)
    .map(([k, v]) => `    <${k}>${escapeXml(v)}</${k}>\n`)
    .join("");
  return (
    '<?xml version="1.0"?>\n<result>\n' +
    `  <outcome>${escapeXml(answer.outcome)}</outcome>\n` +
    (answer.reason === null || answer.reason === "" ? "" : `  <reason>${escapeXml(answer.reason)}</reason>\n`) +
    `  <lead>\n${leadXml}  </lead>\n</result>`
  );
}

export function feedbackResponseRecord(answer: FeedbackAnswer, mediaType: IntakeMediaType, requestId: string, now = Date.now()): ResponseRecord {
  const body = feedbackAnswerBody(answer, mediaType);
  return {
    status: 201,
    status_text: "Created",
    version: "1.1",
    headers: {
      "Content-Type": mediaType,
      "Content-Length": String(Buffer.byteLength(body, "utf8")),
      "X-Request-Id": requestId,
      "Access-Control-Allow-Origin": "*",
    },
    body,
    timestamp: now,
  };
}

/**
 * One feedback request, in this order: 414 → 405 (POST only) → 406 Accept → 413 → 415 / 406
 * Content-Type → 400 body → 404 unknown event → 429 → process → 201. Every refusal before
 * `process` stores nothing (06 §5.3).
 */
export async function handleFeedback<T>(request: Request, handlers: FeedbackHandlers<T>): Promise<Response> {
  const startedAt = performance.now();
  const receivedAt = Date.now();
  const requestId = requestIdFor(request.headers.get("x-request-id"));
  const limits: IntakeLimits = { ...DEFAULT_INTAKE_LIMITS, maxBodyBytes: FEEDBACK_MAX_BODY_BYTES, ...handlers.limits };
  try {
    if (request.url.length - targetStart(request.url) > limits.maxUrlLength) throw intakeErrors.uriTooLong();
    const method = request.method.toUpperCase();
    // Buyers post feedback from their servers: no GET form and no CORS pre-flight.
    if (method !== "POST") throw new IntakeError("method_not_allowed", `The ${method} method is not allowed`, { Allow: "POST" });
    const parsed = await parseIntakeRequest(request, limits);
    const eventId = scalarText(parsed.data.event_id)?.trim().toLowerCase() ?? "";
    if (!EVENT_ID.test(eventId)) throw intakeErrors.notFound();

    let target: T | null;
    try {
      target = await handlers.find(eventId);
    } catch (e) {
      handlers.onError?.(e, requestId);
      throw intakeErrors.unavailable();
    }
    if (target === null) throw intakeErrors.notFound();

    if (handlers.rateLimit) {
      let verdict: RateLimitVerdict = null;
      try {
        verdict = await handlers.rateLimit(target);
      } catch (e) {
        handlers.onError?.(e, requestId);
      }
      if (verdict) throw intakeErrors.rateLimited(verdict.retryAfterSeconds);
    }

    const submission: FeedbackSubmission = {
      eventId,
      // Only refusal texts repeat an unknown type; nobody needs more of it than this.
      type: (scalarText(parsed.data.type)?.trim() ?? "").slice(0, MAX_TYPE_LENGTH),
      reason: parsed.data.reason === undefined ? null : scalarText(parsed.data.reason),
      requestId,
      request: buildRequestRecord({ method: "POST", url: request.url, headers: request.headers, body: parsed.bodyText, timestamp: receivedAt, secrets: parsed.apiKeys }),
      responseFor: (answer) => feedbackResponseRecord(answer, parsed.responseType, requestId),
    };
    let answer: FeedbackAnswer;
    try {
      answer = await handlers.process(target, submission);
    } catch (e) {
      handlers.onError?.(e, requestId);
      throw intakeErrors.unavailable();
    }
    return recordToResponse(submission.responseFor(answer), startedAt);
  } catch (e) {
    if (e instanceof IntakeError) return intakeErrorResponse(e, requestId, startedAt);
    handlers.onError?.(e, requestId);
    return intakeErrorResponse(intakeErrors.unavailable(), requestId, startedAt);
  }
}
