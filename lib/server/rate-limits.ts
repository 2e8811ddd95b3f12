import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { databaseConfig } from "@/lib/store/database-url";

/**
 * Rate limits, one vocabulary for all of them. Per-second limits on hot paths (intake, feedback)
 * count in this process: a shared counter would cost a database round trip per request. Limits
 * that guard people and credentials (sign-in throttle, admin API) are shared by every instance
 * of a PostgreSQL deployment, in the `RateLimit` table; SQLite deployments are one process.
 */
export function perSecondLimit(points: number): ((key: string) => Promise<{ retryAfterSeconds: number } | null>) | null {
  if (!points) return null;
  const limiter = new RateLimiterMemory({ points, duration: 1 });
  return async (key) => {
    const wait = await spend(limiter, key);
    return wait === null ? null : { retryAfterSeconds: wait };
  };
}

let pool: pg.Pool | undefined;

export function sharedLimiter(keyPrefix: string, points: number, durationSeconds: number): RateLimiterAbstract {
  const config = databaseConfig();
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });
  if (config.provider !== "postgresql") return memory;
  pool ??= new pg.Pool({ connectionString: config.url, max: 2 });
  return new RateLimiterPostgres({
    storeClient: pool,
    tableName: "RateLimit",
    tableCreated: true, // prisma/postgresql/migrations
    keyPrefix,
    points,
    duration: durationSeconds,
    // The database unreachable: count in memory rather than refuse everyone.
    insuranceLimiter: memory,
  });
}

/** Spends `cost` points of `key`: null when allowed, else the whole seconds to wait (at least 1). */
export async function spend(limiter: RateLimiterAbstract, key: string, cost = 1): Promise<number | null> {
  try {
    await limiter.consume(key, cost);
    return null;
  } catch (res) {
    if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    throw res;
  }
}
