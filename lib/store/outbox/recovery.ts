import type { LeadJournalEntry } from "@/lib/engine/ports";
import { newId } from "@/lib/ids";
import type { SqlDb } from "@/lib/store/sql/connection";

import { settleCaps } from "@/lib/store/ports/sql-caps";
import { settleDuplicates } from "@/lib/store/ports/sql-duplicates";
import { insertEvents, insertLead } from "@/lib/store/intake/write-completion";
import type { LeadEvent } from "@/lib/engine/types";

const parse = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

export const INTERRUPTED = "Processing interrupted";
export const IN_DOUBT = "Interrupted: delivery outcome unknown";

/**
 * Crash recovery (05 §5.5): a journal whose lease expired belongs to a process that died while a
 * lead was between its first outbound call and completion. The lead is recorded as `error`
 * `Processing interrupted` (price 0), its reservations and duplicate claims are released, and
 * every delivery still `sending` becomes `in_doubt`: nothing is ever resent automatically.
 * Reservations of leads that died earlier (no journal) are released when their lease runs out.
 */
export async function recoverInterrupted(sql: SqlDb, now = Date.now()): Promise<number> {
  const at = new Date(now);
  const journals = await sql.all<{ leadId: string; context: unknown }>(`SELECT "leadId", "context" FROM "LeadJournal" WHERE "leaseUntil" < ?`, [sql.time(at)]);
  for (const row of journals) {
    const entry = parse<LeadJournalEntry>(row.context);
    await sql.tx(async (q) => {
      const [exists] = await q.all(`SELECT "id" FROM "Lead" WHERE "id" = ?`, [entry.leadId]);
      if (!exists) {
        const lead = { ...((entry.context.vars.lead ?? {}) as Record<string, unknown>) };
        delete lead.id;
        delete lead.random_number;
        const record = {
          id: entry.leadId,
          flowId: entry.flowId,
          flowVersion: entry.flowVersion,
          sourceId: entry.sourceId,
          flowSourceId: entry.flowSourceId,
          outcome: "error",
          reason: INTERRUPTED,
          price: 0,
          decidedBy: "recovery",
          receivedAt: new Date(entry.submittedAt),
          completedAt: at,
          fields: lead,
          isTest: false,
        };
        await insertLead(q, sql, record);
        const inDoubt = await q.all<{ id: string; stepId: string }>(`SELECT "id", "stepId" FROM "Delivery" WHERE "leadId" = ? AND "status" = 'sending'`, [entry.leadId]);
        const base = {
          lead_id: entry.leadId,
          flow_id: entry.flowId,
          flow_version: entry.flowVersion,
          source_id: entry.sourceId,
          timestamp: at.toISOString(),
          start_timestamp: now,
          end_timestamp: now,
          ms: 0,
          vars: entry.context.vars,
        };
        const events = [
          ...inDoubt.map((d, i) => ({ ...base, id: d.id, type: "recipient", sequence: i, step_id: d.stepId, outcome: "error", reason: IN_DOUBT, sale_price: 0, recipient_id: null, delivery: { idempotency_key: d.id, status: "in_doubt" } })),
          { ...base, id: newId(), type: "source", sequence: inDoubt.length, step_id: null, outcome: "error", reason: INTERRUPTED, purchase_price: 0, cost: 0, decided_by: { stage: "recovery", scope: null, step_id: null } },
        ] as unknown as LeadEvent[];
        await insertEvents(q, sql, record, events);
        await q.run(`UPDATE "Delivery" SET "status" = 'in_doubt', "leaseUntil" = NULL, "updatedAt" = ? WHERE "leadId" = ? AND "status" = 'sending'`, [sql.time(at), entry.leadId]);
      }
      await settleCaps(q, sql, entry.leadId, [], entry.context.capReservations, at);
      await settleDuplicates(q, sql, entry.leadId, entry.context.duplicate, false, at);
      await q.run(`DELETE FROM "LeadJournal" WHERE "leadId" = ?`, [entry.leadId]);
    }, { durable: true });
  }
  await releaseExpiredReservations(sql, at);
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

