/**
 * The intake transport error vocabulary (spec 07 §1.6): one code, one status, one exact body.
 * These answers happen before a lead exists, so they create no lead and no event.
 * Bodies are LeadConduit's exact texts where the spec marks them (ap-code); the rest are ours.
 */

export const INTAKE_ERRORS = {
  invalid_redir_url: { status: 400, json: false },
  invalid_json: { status: 400, json: false },
  invalid_form: { status: 400, json: false },
  invalid_xml: { status: 400, json: false },
  invalid_query: { status: 400, json: false },
  unauthorized: { status: 401, json: true },
  source_disabled: { status: 403, json: true },
  not_found: { status: 404, json: true },
  method_not_allowed: { status: 405, json: false },
  not_acceptable: { status: 406, json: false },
  unsupported_content_type: { status: 406, json: false },
  payload_too_large: { status: 413, json: false },
  uri_too_long: { status: 414, json: false },
  content_type_required: { status: 415, json: false },
  rate_limited: { status: 429, json: true },
  unavailable: { status: 503, json: true },
} as const;

export type IntakeErrorCode = keyof typeof INTAKE_ERRORS;

export const SUPPORTED_CONTENT_TYPES_TEXT =
  "MIME type in Content-Type header is not supported. Use only application/x-www-form-urlencoded, application/json, application/xml, text/xml.";

/** A transport-level refusal. `body` is the exact response text (plain text or the JSON message). */
export class IntakeError extends Error {
  readonly status: number;
  constructor(
    readonly code: IntakeErrorCode,
    readonly body: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body);
    this.name = "IntakeError";
    this.status = INTAKE_ERRORS[code].status;
  }
  /** JSON errors answer `{"message":…}`; the others answer the text as `text/plain`. */
  get isJson(): boolean {
    return INTAKE_ERRORS[this.code].json;
  }
}

/** Ends a parser message with exactly one period, as the ap-code texts do. */
function sentence(message: string): string {
  const m = message.replace(/\s+/g, " ").trim();
  return m.endsWith(".") ? m : `${m}.`;
}

export const intakeErrors = {
  invalidRedirUrl: () => new IntakeError("invalid_redir_url", "Invalid redir_url"),
  invalidJson: (message: string) => new IntakeError("invalid_json", `Unable to parse JSON -- ${message}`),
  invalidForm: (message: string) => new IntakeError("invalid_form", `Unable to parse body -- ${sentence(message)}`),
  invalidXml: (message: string) =>
    new IntakeError("invalid_xml", `Body does not contain XML or XML is unparseable -- ${sentence(message)}`),
  /** Not a LeadConduit text: LeadConduit keeps dotted query keys flat and cannot fail here. */
  invalidQuery: (message: string) => new IntakeError("invalid_query", `Unable to parse query string -- ${sentence(message)}`),
  unauthorized: () =>
    new IntakeError("unauthorized", "Unauthorized source", { "WWW-Authenticate": 'Basic realm="Leadflow"' }),
  sourceDisabled: () => new IntakeError("source_disabled", "Source is disabled"),
  notFound: () => new IntakeError("not_found", "Not found"),
  methodNotAllowed: (method: string) =>
    new IntakeError("method_not_allowed", `The ${method.toUpperCase()} method is not allowed`, { Allow: "GET, POST" }),
  notAcceptable: () =>
    new IntakeError("not_acceptable", "Not capable of generating content according to the Accept header"),
  unsupportedContentType: () => new IntakeError("unsupported_content_type", SUPPORTED_CONTENT_TYPES_TEXT),
  payloadTooLarge: (limit: number) =>
    new IntakeError("payload_too_large", `Request body is too large (limit ${limit} bytes)`),
  uriTooLong: () => new IntakeError("uri_too_long", "URI too long"),
  contentTypeRequired: () => new IntakeError("content_type_required", "Content-Type header is required"),
  rateLimited: (retryAfterSeconds: number) =>
    new IntakeError("rate_limited", "Too many requests", {
      "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
    }),
  unavailable: () => new IntakeError("unavailable", "Service unavailable", { "Retry-After": "5" }),
};
