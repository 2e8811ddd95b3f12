import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { ApiError, toErrorResponse, zodIssues } from "./errors";
import { logger } from "./logger";
import { resolvePrincipal, type Principal } from "./auth/principal";
import { roleAtLeast, type Role } from "./auth/roles";
import { sameOrigin } from "./request-origin";
import { enforceRateLimit } from "./api-rate-limit";

export type ApiContext<P> = {
  request: Request;
  params: P;
  principal: Principal;
  requestId: string;
  log: typeof logger;
};

type RouteArgs<P> = { params: Promise<P> };
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const MAX_JSON_BYTES = 5 * 1024 * 1024;

/**
 * The one wrapper every admin route handler uses (NOTES-engineering §3.1): request id, logging,
 * authentication, rate limit, role check, CSRF origin check for cookie writes, and error mapping.
 */
export function withApi<P = Record<string, never>>(
  options: { role?: Role },
  handler: (ctx: ApiContext<P>) => Promise<Response | unknown>,
) {
  return async (request: Request, args: RouteArgs<P>): Promise<Response> => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const log = logger.child({ requestId });
    try {
      const principal = await resolvePrincipal(request);
      if (!principal) throw new ApiError("unauthenticated", "Sign in or send a valid API token");
      if (principal.via === "session" && UNSAFE.has(request.method) && !sameOrigin(request)) {
        throw new ApiError("forbidden", "Cross-origin request refused (Origin header missing or foreign)");
      }
      await enforceRateLimit(principal, request);
      if (!roleAtLeast(principal.role, options.role ?? "viewer")) {
        throw new ApiError("forbidden", `This needs the ${options.role} role`);
      }
      const params = ((await args?.params) ?? {}) as P;
      const result = await handler({ request, params, principal, requestId, log });
      const response = result instanceof Response ? result : Response.json(result);
      response.headers.set("X-Request-Id", requestId);
      return response;
    } catch (err) {
      return toErrorResponse(err, requestId, (e) => log.error({ err: e }, "unhandled error in API route"));
    }
  };
}

/** Reads and validates a JSON body with the given zod schema (415 / 413 / 400 / 422 as spec 07 §2.2). */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json)");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new ApiError("payload_too_large", "JSON body is larger than 5 MiB");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "The body is not valid JSON");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError("validation", "The request is not valid", { issues: zodIssues(parsed.error) });
  return parsed.data;
}

/** Parses query parameters (repeated keys become arrays) with a zod schema; bad formats are 400 (spec 07 §2.2). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    const prev = params[key];
    params[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    throw new ApiError("bad_request", "Invalid query parameters", { issues: zodIssues(parsed.error) });
  }
  return parsed.data;
}
