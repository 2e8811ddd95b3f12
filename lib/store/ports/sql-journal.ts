import type { DeliveryJournal } from "@/lib/engine/ports";
import type { SqlDb } from "@/lib/store/sql/connection";
import { toJson } from "@/lib/store/sql/json";

/**
 * Crash-safety writes around outbound calls (05 §5.5): a journal row before a lead's first
 * request, a delivery intent (`sending`) before every request. Completion removes the journal and
 * settles the delivery in its transaction; recovery reads what is left after a crash.
 */
export function sqlDeliveryJournal(sql: SqlDb): DeliveryJournal {
  return {
    async openLead(entry) {
      await sql.run(
        `INSERT INTO "LeadJournal" ("leadId", "flowId", "startedAt", "leaseUntil", "context") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("leadId") DO NOTHING`,
        [entry.leadId, entry.flowId, sql.time(new Date(entry.startedAt)), sql.time(new Date(entry.leaseUntil)), toJson(entry)],
      );
    },
    async recordIntent(intent) {
      const now = sql.time(new Date(intent.startedAt));
      await sql.run(
        `INSERT INTO "Delivery" ("id", "leadId", "stepId", "flowId", "status", "attempts", "request", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, 'sending', ?, ?, ?, ?)
         ON CONFLICT ("id") DO UPDATE SET "status" = 'sending', "attempts" = excluded."attempts", "updatedAt" = excluded."updatedAt"`,
        [intent.id, intent.leadId, intent.stepId, intent.flowId, intent.attempt, toJson(intent.request), now, now],
      );
    },
  };
}
