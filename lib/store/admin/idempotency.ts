// Idempotency-Key for admin POSTs (spec 07 §2.1): the first response for (principal, key) is kept
// 24 h; a retry of the same request gets it again, a different request with that key is refused.
import { createHash } from "node:crypto";
import { db } from "@/lib/store/prisma";
import { ApiError, toErrorResponse } from "@/lib/server/errors";
import type { Principal } from "@/lib/server/auth/principal";
import { isUniqueViolation } from "./prisma-errors";

const KEEP_MS = 24 * 3600_000;
/** A claim older than this whose response never arrived belongs to a request that died. */
const ABANDONED_MS = 5 * 60_000;
const IN_PROGRESS = 0;

type Claimed = { status: number; body: unknown; requestHash: string } | null;

async function claim(userId: string, key: string, requestHash: string): Promise<Claimed> {
  const records = db().idempotencyRecord;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await records.create({ data: { userId, key, requestHash, status: IN_PROGRESS, body: {} } });
      return null;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const existing = await records.findUnique({ where: { userId_key: { userId, key } } });
    if (!existing) continue;
    const age = Date.now() - existing.createdAt.getTime();
    if (age > KEEP_MS || (existing.status === IN_PROGRESS && age > ABANDONED_MS)) {
      await records.deleteMany({ where: { userId, key, createdAt: existing.createdAt } });
      continue;
    }
    return existing;
  }
  throw new ApiError("idempotency_in_progress", "A request with this Idempotency-Key is still being processed");
}

function purgeExpiredSometimes() {
  if (Math.random() > 0.01) return;
  db()
    .idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_MS) } } })
    .catch(() => undefined);
}

async function jsonOf(response: Response): Promise<unknown> {
  const text = await response.clone().text();
  return text === "" ? null : JSON.parse(text);
}

/**
 * Runs a POST handler under the request's `Idempotency-Key`, if it has one. `bodyHash` lets a
 * route that streams its body (CSV upload) give the digest it computed instead of buffering.
 * Responses below 500 (including 4xx answers) are kept; a 5xx frees the key for a retry.
 * `secretKeys` names top-level response keys holding secrets shown once (`token`, `key`): they
 * are never stored, so a replay answers the same record with those keys set to null.
 */
export async function idempotent(
  ctx: { request: Request; principal: Principal },
  run: () => Promise<Response | unknown>,
  options: { bodyHash?: string; secretKeys?: readonly string[] } = {},
): Promise<Response> {
  const { request, principal } = ctx;
  const key = request.headers.get("idempotency-key");
  if (key === null) {
    const result = await run();
    return result instanceof Response ? result : Response.json(result);
  }
  if (key.length < 1 || key.length > 255) {
    throw new ApiError("bad_request", "Idempotency-Key must be 1 to 255 characters");
  }
  const url = new URL(request.url);
  const bodyHash = options.bodyHash ?? createHash("sha256").update(await request.clone().text()).digest("hex");
  const requestHash = createHash("sha256").update(`${request.method} ${url.pathname}${url.search}\n${bodyHash}`).digest("hex");

  purgeExpiredSometimes();
  // The principal is the credential: a person's browser session, or one API token (two scripts
  // with their own tokens must not collide on a key). Stored in the record's userId column.
  const owner = principal.via === "token" && principal.tokenId ? `token:${principal.tokenId}` : principal.userId;
  const existing = await claim(owner, key, requestHash);
  if (existing) {
    if (existing.requestHash !== requestHash) {
      throw new ApiError("idempotency_conflict", "This Idempotency-Key was used for a different request");
    }
    if (existing.status === IN_PROGRESS) {
      throw new ApiError("idempotency_in_progress", "A request with this Idempotency-Key is still being processed");
    }
    return Response.json(existing.body, { status: existing.status, headers: { "Idempotent-Replayed": "true" } });
  }

  const records = db().idempotencyRecord;
  const where = { userId_key: { userId: owner, key } };
  let response: Response;
  try {
    const result = await run();
    response = result instanceof Response ? result : Response.json(result);
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) {
      const errorResponse = toErrorResponse(err, "");
      await records.update({ where, data: { status: err.status, body: (await jsonOf(errorResponse)) as object } });
    } else {
      await records.delete({ where }).catch(() => undefined);
    }
    throw err;
  }
  let body: unknown;
  try {
    body = await jsonOf(response);
  } catch {
    // Not JSON: nothing this helper can replay faithfully, so the key stays free.
    await records.delete({ where }).catch(() => undefined);
    return response;
  }
  if (response.status >= 500) {
    await records.delete({ where }).catch(() => undefined);
    return response;
  }
  let kept = body ?? {};
  if (options.secretKeys?.length && kept && typeof kept === "object" && !Array.isArray(kept)) {
    kept = { ...kept, ...Object.fromEntries(options.secretKeys.map((k) => [k, null])) };
  }
  await records.update({ where, data: { status: response.status, body: kept as object } });
  return response;
}
