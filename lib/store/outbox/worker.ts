import { config } from "@/lib/server/config";
import { logger } from "@/lib/server/logger";
import { sqlDb } from "@/lib/store/sql/connection";
import { engineRuntime } from "@/lib/store/intake/intake-service";
import { drainOutbox, type OutboxContext } from "./retry-worker";
import { recoverInterrupted } from "./recovery";
import { failInterruptedImports } from "@/lib/store/admin/interrupted-imports";

const TICK_MS = 1000;
const RECOVERY_EVERY_MS = 15_000;

export function outboxContext(): OutboxContext {
  const sql = sqlDb();
  const runtime = engineRuntime(sql);
  const c = config();
  return {
    sql,
    ports: runtime.ports,
    settings: { maxAttempts: c.LEADFLOW_RETRY_MAX_ATTEMPTS, baseSeconds: c.LEADFLOW_RETRY_BASE_SECONDS, capSeconds: c.LEADFLOW_RETRY_CAP_SECONDS, jitter: c.LEADFLOW_RETRY_JITTER },
    accountTimeZone: async () => (await runtime.account()).time_zone,
    deployedFlow: runtime.flows,
  };
}

/**
 * The background loop of an instance: drains due delivery retries every second and recovers
 * leads (and CSV imports) of dead processes every 15 s. Instances coordinate through leases in the database.
 */
export function startOutboxWorker() {
  const ctx = outboxContext();
  const log = logger.child({ area: "outbox" });
  let lastRecovery = 0;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (Date.now() - lastRecovery >= RECOVERY_EVERY_MS) {
        lastRecovery = Date.now();
        const recovered = await recoverInterrupted(ctx.sql);
        if (recovered) log.warn({ recovered }, "recorded interrupted leads");
        const imports = await failInterruptedImports();
        if (imports) log.warn({ imports }, "marked interrupted imports as failed");
      }
      while ((await drainOutbox(ctx)) > 0) {
        /* keep draining while work is due */
      }
    } catch (err) {
      log.error({ err }, "outbox tick failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
