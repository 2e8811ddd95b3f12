import { z } from "zod";
import { databaseConfig, type DatabaseConfig } from "@/lib/store/database-url";

const intFromEnv = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(min).max(max));

/** Every environment variable Leadflow reads, with its default. README lists them. */
const envSchema = z.object({
  PORT: intFromEnv(1, 65535).optional(),
  LEADFLOW_SESSION_DAYS: intFromEnv(1, 365).default(14),
  LEADFLOW_INTAKE_MAX_BYTES: intFromEnv(1024, 100 * 1024 * 1024).default(1024 * 1024),
  LEADFLOW_STEP_BUDGET_MS: intFromEnv(1, 600_000).default(30_000),
  LEADFLOW_RETRY_MAX_ATTEMPTS: intFromEnv(1, 100).default(10),
  LEADFLOW_RETRY_BASE_SECONDS: intFromEnv(0, 86_400).default(30),
  LEADFLOW_RETRY_CAP_SECONDS: intFromEnv(0, 86_400).default(3600),
  LEADFLOW_RETRY_JITTER: z
    .string()
    .regex(/^(0(\.\d+)?|1(\.0+)?)$/, "must be a number from 0 to 1")
    .transform(Number)
    .default(0.2),
  LEADFLOW_DELIVERY_ALLOW_HOSTS: z.string().default(""),
  /** Feedback webhook requests per second per recipient (06 §5.3); unset = no limit. */
  LEADFLOW_FEEDBACK_RATE_LIMIT: intFromEnv(0, 1_000_000).default(0),
  LEADFLOW_SQLITE_SYNCHRONOUS: z.enum(["FULL", "NORMAL"]).default("FULL"),
  LEADFLOW_WORKER: z.enum(["on", "off"]).default("on"),
  LEADFLOW_API_RATE_LIMIT: intFromEnv(0, 1_000_000).default(600),
  LEADFLOW_INTAKE_RATE_LIMIT: intFromEnv(0, 1_000_000).default(0),
  LEADFLOW_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof envSchema> & { database: DatabaseConfig };

let cached: Config | undefined;

/**
 * The validated configuration. A missing or malformed variable throws an error that names it,
 * so the server refuses to start instead of failing later (instrumentation.ts calls this).
 */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const result = { ...parsed.data, database: databaseConfig(env) };
  if (env === process.env) cached = result;
  return result;
}
