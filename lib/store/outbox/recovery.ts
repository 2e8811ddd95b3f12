import { recoverInterruptedLead } from "@/lib/engine/recovery";
import type { DeliveryIntent, LeadJournalEntry, OutboundRequest } from "@/lib/engine/ports";
import { newId } from "@/lib/ids";
import type { SqlDb } from "@/lib/store/sql/connection";
import { completionOf } from "@/lib/store/intake/intake-service";
import { writeCompletion } from "@/lib/store/intake/write-completion";
import { dbJson, dbTime } from "@/lib/store/sql/values";


/**
 * Crash recovery (05 §5.5): a journal whose lease expired belongs to a process that died between
 * a lead's first outbound call and its completion. The engine turns it into the lead's record
 * (`error` "Processing interrupted", deliveries still `sending` → `in_doubt`, never resent
 * automatically); it is written like any completed lead, which also releases its reservations and
 * duplicate claims and removes the journal. Reservations of leads that died earlier (no journal)
 * are released when their lease runs out.
 */
export async function recoverInterrupted(sql: SqlDb, now = Date.now()): Promise<number> {
  const journals = await sql.all<{ leadId: string; context: unknown }>(`SELECT "leadId", "context" FROM "LeadJournal" WHERE "leaseUntil" < ?`, [sql.time(new Date(now))]);
  const [account] = await sql.all<{ retentionDays: number }>(`SELECT "retentionDays" FROM "Account" LIMIT 1`);
  for (const row of journals) {
    const entry = dbJson<LeadJournalEntry>(row.context);
    const [done] = await sql.all(`SELECT "id" FROM "Lead" WHERE "id" = ?`, [entry.leadId]);
    if (done) {
      await sql.run(`DELETE FROM "LeadJournal" WHERE "leadId" = ?`, [entry.leadId]);
      continue;
    }
    const rows = await sql.all<{ id: string; stepId: string; flowId: string; attempts: number; request: unknown; createdAt: unknown }>(
      `SELECT "id", "stepId", "flowId", "attempts", "request", "createdAt" FROM "Delivery" WHERE "leadId" = ? AND "status" = 'sending'`,
      [entry.leadId],
    );
    const intents: DeliveryIntent[] = rows.map((d) => ({
      id: d.id,
      leadId: entry.leadId,
      stepId: d.stepId,
      flowId: d.flowId,
      attempt: Number(d.attempts),
      request: dbJson<OutboundRequest>(d.request),
      startedAt: dbTime(d.createdAt)!,
    }));
    const outcome = recoverInterruptedLead(entry, intents, { newId, randomInt: (a) => a }, now, { retention_days: account?.retentionDays ?? 90 });
    await writeCompletion(sql, completionOf(outcome));
  }
  await releaseExpiredReservations(sql, new Date(now));
  return journals.length;
}

async function releaseExpiredReservations(sql: SqlDb, at: Date) {
  const expired = await sql.all<{ leadId: string; capKey: string; period: string }>(`SELECT "leadId", "capKey", "period" FROM "CapReservation" WHERE "leaseUntil" < ?`, [sql.time(at)]);
  if (!expired.length) return;
  await sql.tx(async (q) => {
    for (const r of expired) {
      const removed = await q.run(`DELETE FROM "CapReservation" WHERE "leadId" = ? AND "capKey" = ?`, [r.leadId, r.capKey]);
      if (removed) await q.run(`UPDATE "CapCounter" SET "reserved" = CASE WHEN "reserved" > 0 THEN "reserved" - 1 ELSE 0 END WHERE "capKey" = ? AND "period" = ?`, [r.capKey, r.period]);
    }
  });
}
