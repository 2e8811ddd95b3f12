import type { CapReservation } from "@/lib/engine/ports";
import type { LeadEvent, RecipientEvent } from "@/lib/engine/types";
import type { Querier, SqlDb } from "@/lib/store/sql/connection";
import { settleCaps } from "@/lib/store/ports/sql-caps";
import { settleDuplicates } from "@/lib/store/ports/sql-duplicates";
import { cleanText, toJson } from "@/lib/store/sql/json";

export interface LeadRecord {
  id: string;
  flowId: string;
  flowVersion: number;
  sourceId: string;
  flowSourceId: string | null;
  outcome: string;
  reason: string | null;
  price: number;
  decidedBy: string | null;
  receivedAt: Date;
  completedAt: Date;
  fields: Record<string, unknown>;
  isTest: boolean;
}

export interface DeliveryRecord {
  id: string;
  stepId: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  /** Kept only while the delivery may still be resent (exact first request, 05 §5.4). */
  request: unknown | null;
  responseConfig: unknown | null;
  lastError: string | null;
}

export interface Completion {
  lead: LeadRecord;
  /** In recorded order; the source event last. */
  events: readonly LeadEvent[];
  caps: { commit: readonly CapReservation[]; release: readonly CapReservation[] };
  duplicate: { claim: { scope: string; keys: readonly string[] } | null; success: boolean };
  deliveries: readonly DeliveryRecord[];
}

const EVENT_COLUMNS = `"id", "leadId", "sequence", "type", "stepId", "flowId", "sourceId", "outcome", "reason", "timestamp", "ms", "price", "recipientId", "document"`;

function eventPrice(e: LeadEvent): number {
  if (e.type === "source") return e.purchase_price;
  if (e.type === "recipient") return (e as RecipientEvent).sale_price;
  return 0;
}

/**
 * The atomic write of a completed lead (06 §1.3): the lead row, every event in one multi-row
 * insert, cap commits/releases, duplicate keys, delivery records, and the journal row removed.
 * Few, fat statements: this runs once per lead on the intake hot path. It resolves only once the
 * lead is durable (it survives power loss), which is when the source may be answered.
 */
export function writeCompletion(sql: SqlDb, c: Completion): Promise<void> {
  if (sql.provider === "sqlite") return groupCommitter(sql).write(c);
  return sql.tx((q) => writeLeadRows(q, sql, c), { durable: true });
}

async function writeLeadRows(q: Querier, sql: SqlDb, c: Completion) {
  await insertLead(q, sql, c.lead);
  await insertEvents(q, sql, c.lead, c.events);
  await settleCaps(q, sql, c.lead.id, c.caps.commit, c.caps.release, c.lead.completedAt);
  await settleDuplicates(q, sql, c.lead.id, c.duplicate.claim, c.duplicate.success, c.lead.completedAt);
  for (const d of c.deliveries) await upsertDelivery(q, sql, c.lead, d);
  await q.run(`DELETE FROM "LeadJournal" WHERE "leadId" = ?`, [c.lead.id]);
}

type Pending = { completion: Completion; resolve: () => void; reject: (err: unknown) => void };
const committers = new WeakMap<SqlDb, { write(c: Completion): Promise<void> }>();

/**
 * Group commit for SQLite: one process owns the file and a durable commit costs one disk flush
 * on the event loop, so the leads that complete in the same turn share one transaction and one
 * flush. Each still resolves only after that commit. If the batch fails, its leads are written one
 * by one so that one bad lead cannot fail the others.
 */
function groupCommitter(sql: SqlDb) {
  let committer = committers.get(sql);
  if (committer) return committer;
  let pending: Pending[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    try {
      await sql.tx(async (q) => {
        for (const item of batch) await writeLeadRows(q, sql, item.completion);
      }, { durable: true });
      for (const item of batch) item.resolve();
    } catch {
      for (const item of batch) {
        try {
          await sql.tx((q) => writeLeadRows(q, sql, item.completion), { durable: true });
          item.resolve();
        } catch (err) {
          item.reject(err);
        }
      }
    }
  };
  committer = {
    write(completion: Completion) {
      return new Promise<void>((resolve, reject) => {
        if (pending.push({ completion, resolve, reject }) === 1) setImmediate(flush);
      });
    },
  };
  committers.set(sql, committer);
  return committer;
}

export async function insertLead(q: Querier, sql: SqlDb, lead: LeadRecord) {
  await q.run(
    `INSERT INTO "Lead" ("id", "flowId", "flowVersion", "sourceId", "flowSourceId", "outcome", "reason", "price", "decidedBy", "receivedAt", "completedAt", "fields", "isTest")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      lead.id,
      lead.flowId,
      lead.flowVersion,
      lead.sourceId,
      lead.flowSourceId,
      lead.outcome,
      cleanText(lead.reason),
      lead.price,
      lead.decidedBy,
      sql.time(lead.receivedAt),
      sql.time(lead.completedAt),
      toJson(lead.fields),
      lead.isTest,
    ],
  );
}

export async function insertEvents(q: Querier, sql: SqlDb, lead: LeadRecord, events: readonly LeadEvent[]) {
  if (!events.length) return;
  const rows = events.map(() => `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).join(", ");
  const params: unknown[] = [];
  for (const e of events) {
    params.push(
      e.id,
      lead.id,
      e.sequence,
      e.type,
      e.step_id,
      lead.flowId,
      lead.sourceId,
      e.outcome,
      cleanText(e.reason),
      sql.time(new Date(e.timestamp)),
      Math.round(e.ms),
      eventPrice(e),
      e.type === "recipient" ? (e as RecipientEvent).recipient_id : null,
      toJson(e),
    );
  }
  await q.run(`INSERT INTO "Event" (${EVENT_COLUMNS}) VALUES ${rows}`, params);
}

async function upsertDelivery(q: Querier, sql: SqlDb, lead: LeadRecord, d: DeliveryRecord) {
  const now = sql.time(lead.completedAt);
  await q.run(
    `INSERT INTO "Delivery" ("id", "leadId", "stepId", "flowId", "status", "attempts", "nextAttemptAt", "request", "responseConfig", "lastError", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("id") DO UPDATE SET "status" = excluded."status", "attempts" = excluded."attempts", "nextAttemptAt" = excluded."nextAttemptAt",
       "request" = excluded."request", "responseConfig" = excluded."responseConfig", "lastError" = excluded."lastError", "updatedAt" = excluded."updatedAt"`,
    [
      d.id,
      lead.id,
      d.stepId,
      lead.flowId,
      d.status,
      d.attempts,
      d.nextAttemptAt ? sql.time(d.nextAttemptAt) : null,
      d.request === null ? null : toJson(d.request),
      d.responseConfig === null ? null : toJson(d.responseConfig),
      d.lastError,
      now,
      now,
    ],
  );
}
