import { randomUUID } from "node:crypto";
import { presentedApiKeys, verifyApiKey } from "@/lib/intake/auth";
import { IntakeError, intakeErrors, type IntakeErrorCode } from "@/lib/intake/errors";
import { resolveLimits, type IntakeLimits } from "@/lib/intake/limits";
import { parseIntakeRequest, targetStart } from "@/lib/intake/parse-request";
import { buildRequestRecord, type RequestRecord } from "@/lib/intake/request-record";
import {
  intakeErrorResponse,
  preflightResponse,
  recordToResponse,
  resultResponseRecord,
  type IntakeResult,
  type ResponseRecord,
} from "@/lib/intake/respond";
import { flattenSubmittedData, type FlatSubmission, type SubmittedData } from "@/lib/intake/submitted-data";

/** What `lookup` must tell intake about the flow source (the rest of S is passed through). */
export interface IntakeSourceInfo {
  /** `sources[].enabled !== false` in the deployed flow version (false → 403). */
  enabled: boolean;
  /** `sources[].authentication_required === true` (spec 07 §1.4). */
  authenticationRequired: boolean;
  /**
   * hashApiKey() digests of the source entity's active keys. Consulted only when authentication
   * is required and no `authenticate` handler is given.
   */
  apiKeyHashes?: readonly string[];
}

/** Everything the engine gets for one lead. */
export interface IntakeSubmission<S extends IntakeSourceInfo = IntakeSourceInfo> {
  /** 24-hex flow id from the URL (lower-cased). */
  flowId: string;
  /** 24-hex source *entity* id from the URL (lower-cased). */
  sourceId: string;
  /** What lookup() returned. */
  source: S;
  /** Submitted data, nested (spec 07 §1.3.6); dotted flow field ids are read from it by dot path. */
  data: SubmittedData;
  /** The same data keyed by dotted names (`address.city`); arrays stay whole values. */
  fields: FlatSubmission;
  /** `submission.timestamp`: when the request arrived (epoch ms). */
  receivedAt: number;
  /** `submission.ip`: the client address, or null when unknown. */
  ip: string | null;
  /** The request id sent back in `X-Request-Id`; put it on logs and events. */
  requestId: string;
  /** The stored copy of the request for the source event (spec 07 §1.7), secrets masked. */
  request: RequestRecord;
  /**
   * The exact response intake will send for a result, for the source event's `response`
   * (the `Server-Timing` header is added only when sending).
   */
  responseFor(result: IntakeResult): ResponseRecord;
}

/** null/undefined: go ahead. Otherwise refuse with 429 and this `Retry-After`. */
export type RateLimitVerdict = { retryAfterSeconds: number } | null | undefined;

export interface IntakeRejection {
  status: number;
  code: IntakeErrorCode;
  message: string;
  requestId: string;
  flowId: string | null;
  sourceId: string | null;
}

export type IntakeStage = "lookup" | "authenticate" | "rate_limit" | "process" | "intake";

export interface IntakeHandlers<S extends IntakeSourceInfo> {
  /**
   * The flow source for a URL, resolved against the flow's deployed version; null when the flow
   * is missing, deleted or never deployed, or the entity is not one of its sources (→ 404).
   * Throwing means the store is unreachable (→ 503).
   */
  lookup(flowId: string, sourceId: string): S | null | Promise<S | null>;
  /**
   * Runs the engine for one lead and returns its final result. Must not throw once the lead
   * exists: faults after that are an `error` outcome (spec 07 §1.2). Throwing means the lead
   * could not be created at all (→ 503 with `Retry-After: 5`).
   */
  process(submission: IntakeSubmission<S>): Promise<IntakeResult>;
  /** Replaces the default check (verifyApiKey against `source.apiKeyHashes`). */
  authenticate?(key: string, source: S): boolean | Promise<boolean>;
  /** Rate limit per flow source (spec 07 §1.9). A failing limiter lets the lead through. */
  rateLimit?(source: S, flowId: string, sourceId: string): RateLimitVerdict | Promise<RateLimitVerdict>;
  /**
   * The client address for `submission.ip`. Default: first `X-Forwarded-For` entry, else
   * `X-Real-IP`, else null (the Web Request API has no socket address; trust these headers only
   * behind a proxy that sets them).
   */
  clientIp?(request: Request): string | null;
  limits?: Partial<IntakeLimits>;
  /** Called for every transport refusal (rows 1–11 are only logged: spec 07 §1.7). */
  onRejected?(rejection: IntakeRejection): void;
  /** Called when a handler throws (or intake itself fails); the answer is then 503. */
  onError?(error: unknown, stage: IntakeStage, requestId: string): void;
}

const INTAKE_PATH = /\/flows\/([0-9a-fA-F]{24})\/sources\/([0-9a-fA-F]{24})\/submit$/;

/** The flow and source entity ids of a submit URL path, or null (spec 07 §1.1: no other forms). */
export function matchIntakePath(pathname: string): { flowId: string; sourceId: string } | null {
  const m = INTAKE_PATH.exec(pathname);
  return m ? { flowId: m[1].toLowerCase(), sourceId: m[2].toLowerCase() } : null;
}

const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** The caller's `X-Request-Id` when it is 1–128 visible ASCII characters, else a new one. */
export function requestIdFor(header: string | null): string {
  return header !== null && REQUEST_ID.test(header) ? header : randomUUID();
}

function defaultClientIp(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  if (forwarded) {
    const first = forwarded.split(",")[0].trim();
    if (first !== "") return first;
  }
  const real = request.headers.get("x-real-ip");
  return real ? real.trim() || null : null;
}

function pathOf(url: string, start: number): string {
  let end = url.indexOf("?", start);
  if (end === -1) end = url.indexOf("#", start);
  return end === -1 ? url.slice(start) : url.slice(start, end);
}

/**
 * Handles one intake request end to end, in the order of spec 07 §1.2:
 * 414 → 404 → (OPTIONS 204) → 403 → 405 → 406 → redir_url 400 → 413 → 415/406 → 400 → 401 → 429
 * → process → 201/303. The route handler exports it for every method, including HEAD/PUT/
 * PATCH/DELETE/OPTIONS, so those get the documented answers rather than the framework's.
 */
export async function handleIntake<S extends IntakeSourceInfo>(
  request: Request,
  handlers: IntakeHandlers<S>,
): Promise<Response> {
  const startedAt = performance.now();
  const receivedAt = Date.now();
  const requestId = requestIdFor(request.headers.get("x-request-id"));
  const limits = resolveLimits(handlers.limits);
  let ids: { flowId: string; sourceId: string } | null = null;

  const fail = (error: unknown, stage: IntakeStage): IntakeError => {
    handlers.onError?.(error, stage, requestId);
    return intakeErrors.unavailable();
  };

  try {
    const url = request.url;
    const start = targetStart(url);
    // Checked first: nothing else should look at a URL this long.
    if (url.length - start > limits.maxUrlLength) throw intakeErrors.uriTooLong();
    ids = matchIntakePath(pathOf(url, start));
    if (ids === null) throw intakeErrors.notFound();
    const { flowId, sourceId } = ids;

    // Pre-flights carry no credentials and need no database: answer before the look-up.
    if (request.method.toUpperCase() === "OPTIONS") return preflightResponse(requestId, startedAt);

    let source: S | null;
    try {
      source = await handlers.lookup(flowId, sourceId);
    } catch (e) {
      throw fail(e, "lookup");
    }
    if (source === null) throw intakeErrors.notFound();
    if (source.enabled === false) throw intakeErrors.sourceDisabled();

    const parsed = await parseIntakeRequest(request, limits);

    const authorization = request.headers.get("authorization");
    const presented = authorization !== null || parsed.apiKeys.length > 0 ? presentedApiKeys(authorization, parsed.apiKeys) : [];
    if (source.authenticationRequired) {
      let ok = false;
      try {
        for (const key of presented) {
          ok = handlers.authenticate
            ? await handlers.authenticate(key, source)
            : verifyApiKey(key, source.apiKeyHashes ?? []);
          if (ok) break;
        }
      } catch (e) {
        throw fail(e, "authenticate");
      }
      if (!ok) throw intakeErrors.unauthorized();
    }

    if (handlers.rateLimit) {
      let verdict: RateLimitVerdict;
      try {
        verdict = await handlers.rateLimit(source, flowId, sourceId);
      } catch (e) {
        // A broken limiter must not cost leads: report it and let the request through.
        handlers.onError?.(e, "rate_limit", requestId);
        verdict = null;
      }
      if (verdict) throw intakeErrors.rateLimited(verdict.retryAfterSeconds);
    }

    const submission: IntakeSubmission<S> = {
      flowId,
      sourceId,
      source,
      data: parsed.data,
      fields: flattenSubmittedData(parsed.data),
      receivedAt,
      ip: (handlers.clientIp ?? defaultClientIp)(request),
      requestId,
      request: buildRequestRecord({
        method: parsed.method,
        url,
        headers: request.headers,
        body: parsed.bodyText,
        timestamp: receivedAt,
        secrets: presented,
      }),
      responseFor: (result) => resultResponseRecord(result, parsed.responseType, parsed.redirUrl, requestId),
    };

    let result: IntakeResult;
    try {
      result = await handlers.process(submission);
    } catch (e) {
      throw fail(e, "process");
    }
    return recordToResponse(submission.responseFor(result), startedAt);
  } catch (e) {
    const error = e instanceof IntakeError ? e : fail(e, "intake");
    handlers.onRejected?.({
      status: error.status,
      code: error.code,
      message: error.body,
      requestId,
      flowId: ids?.flowId ?? null,
      sourceId: ids?.sourceId ?? null,
    });
    return intakeErrorResponse(error, requestId, startedAt);
  }
}
