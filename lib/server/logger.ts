import pino from "pino";

/** Structured JSON logs; a child per request carries its request id (and lead id on intake). */
export const logger = pino({
  level: process.env.LEADFLOW_LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { app: "leadflow" },
});
