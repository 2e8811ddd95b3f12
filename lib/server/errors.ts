import { ZodError } from "zod";
import { zodIssues, type Issue } from "@/lib/schemas/issues";

export { zodIssues, type Issue };

/** The admin API's error vocabulary (spec 07 §2.2): one code, one status. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  version_conflict: 409,
  conflict: 409,
  idempotency_conflict: 409,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = "Resource") => new ApiError("not_found", `${what} not found`);
export const forbidden = (message = "Your role does not allow this") => new ApiError("forbidden", message);
export const validationError = (issues: Issue[], message = "The request is not valid") =>
  new ApiError("validation", message, { issues });

/**
 * Maps any thrown value to the error envelope. Unknown errors become a generic 500 that never
 * leaks a stack; the request id lets an operator find the logged details.
 */
export function toErrorResponse(err: unknown, requestId: string, log?: (err: unknown) => void): Response {
  let apiError: ApiError;
  if (err instanceof ApiError) apiError = err;
  else if (err instanceof ZodError) apiError = validationError(zodIssues(err));
  else {
    log?.(err);
    apiError = new ApiError("internal", "Internal error");
  }
  const body = { error: apiError.code, message: apiError.message, ...apiError.extra };
  return Response.json(body, {
    status: apiError.status,
    headers: { "X-Request-Id": requestId, ...apiError.headers },
  });
}
