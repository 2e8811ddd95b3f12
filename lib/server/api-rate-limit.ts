import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "./config";
import { ApiError } from "./errors";
import type { Principal } from "./auth/principal";

/**
 * The admin API's rate limit (07 §2.1): requests per minute per principal (a user's sessions
 * together, or one API token); running a report or replaying a lead costs 10. Counted per
 * instance: behind N instances a principal gets up to N times the limit.
 */
const EXPENSIVE = /^\/api\/(?:reports\/(?!saved(?:\/[^/]+)?\/?$)|saved-reports\/[^/]+\/run|leads\/[^/]+\/replay|flows\/[^/]+\/test)/;

let limiter: RateLimiterMemory | null | undefined;

function perMinute(): RateLimiterMemory | null {
  if (limiter === undefined) {
    const points = config().LEADFLOW_API_RATE_LIMIT;
    limiter = points > 0 ? new RateLimiterMemory({ points, duration: 60 }) : null;
  }
  return limiter;
}

export function requestCost(pathname: string): number {
  return EXPENSIVE.test(pathname) ? 10 : 1;
}

export async function enforceRateLimit(principal: Principal, request: Request): Promise<void> {
  const rl = perMinute();
  if (!rl) return;
  const key = principal.via === "token" && principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.userId}`;
  try {
    await rl.consume(key, requestCost(new URL(request.url).pathname));
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    const wait = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    throw new ApiError("rate_limited", `Too many requests: the limit is ${rl.points} per minute. Try again in ${wait} s.`, {}, { "Retry-After": String(wait) });
  }
}
