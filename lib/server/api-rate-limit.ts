import { config } from "./config";
import { ApiError } from "./errors";
import type { Principal } from "./auth/principal";
import { sharedLimiter, spend } from "./rate-limits";

/**
 * The admin API's rate limit (07 §2.1): requests per minute per principal (a user's sessions
 * together, or one API token); running a report or replaying a lead costs 10.
 */
const EXPENSIVE = /^\/api\/(?:reports\/(?!saved(?:\/[^/]+)?\/?$)|saved-reports\/[^/]+\/run|leads\/[^/]+\/replay|flows\/[^/]+\/test)/;

let limiter: ReturnType<typeof sharedLimiter> | null | undefined;

export function requestCost(pathname: string): number {
  return EXPENSIVE.test(pathname) ? 10 : 1;
}

export async function enforceRateLimit(principal: Principal, request: Request): Promise<void> {
  const points = config().LEADFLOW_API_RATE_LIMIT;
  limiter ??= points > 0 ? sharedLimiter("api", points, 60) : null;
  if (!limiter) return;
  const key = principal.via === "token" && principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.userId}`;
  const wait = await spend(limiter, key, requestCost(new URL(request.url).pathname));
  if (wait !== null) {
    throw new ApiError("rate_limited", `Too many requests: the limit is ${points} per minute. Try again in ${wait} s.`, {}, { "Retry-After": String(wait) });
  }
}
