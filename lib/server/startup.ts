import { config } from "./config";
import { logger } from "./logger";

/**
 * Refuses to start on a bad configuration (the message names the variable), then starts this
 * instance's outbox worker (delivery retries, crash recovery) and the hourly retention purge
 * unless LEADFLOW_WORKER=off.
 */
export async function startServer() {
  let settings;
  try {
    settings = config();
  } catch (err) {
    console.error(`Leadflow cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  if (settings.LEADFLOW_WORKER === "off") return;
  const { startOutboxWorker } = await import("@/lib/store/outbox/worker");
  const { startRetentionPurge } = await import("@/lib/store/retention/purge");
  const { sqlDb } = await import("@/lib/store/sql/connection");
  startOutboxWorker();
  startRetentionPurge(sqlDb(), logger.child({ area: "retention" }));
  logger.info({ workers: ["outbox", "retention"] }, "background workers started");
}
