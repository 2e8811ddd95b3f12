import { isSecretHeader } from "@/lib/engine/build-request";
import { recordExchange, type Scrubber } from "@/lib/engine/mask-exchange";
import { parseResponse, type ResponseVariables } from "@/lib/engine/parse-response";
import type { OutboundHttp, OutboundRequest } from "@/lib/engine/ports";
import { decideDelivery, type RetrySettings } from "@/lib/engine/retry-schedule";
import type { RecipientEvent } from "@/lib/engine/types";
import { newId } from "@/lib/ids";
import type { Querier, SqlDb } from "@/lib/store/sql/connection";
import { toJson } from "@/lib/store/sql/json";

type DeliveryRow = {
  id: string;
  leadId: string;
  stepId: string;
  flowId: string;
  attempts: number;
  request: unknown;
  responseConfig: unknown;
};

type ResponseConfig = { timeoutMs: number; response: ResponseVariables; key: string };

const parse = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

/** Secrets of a stored request, for masking its recorded copy (06 §2.2). */
function scrubberFor(request: OutboundRequest): Scrubber {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (!isSecretHeader(name)) continue;
    secrets.push(value);
    const basic = /^basic\s+(.+)$/i.exec(value);
    if (basic) {
      const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
      secrets.push(decoded.slice(decoded.indexOf(":") + 1));
    }
  }
  return { secrets: secrets.filter((s) => s.length >= 4), replacements: [] };
}

/**
 * Claims due deliveries with a lease, so that several instances (or a restarted one) never send
 * the same attempt twice at once (05 §5.4). PostgreSQL skips rows another instance holds.
 */
async function claimDue(sql: SqlDb, now: number, leaseMs: number, limit: number): Promise<DeliveryRow[]> {
  const skipLocked = sql.provider === "postgresql" ? " FOR UPDATE SKIP LOCKED" : "";
  return sql.tx(async (q) => {
    const due = await q.all<{ id: string }>(
      `SELECT "id" FROM "Delivery" WHERE "status" = 'retrying' AND "nextAttemptAt" <= ? AND ("leaseUntil" IS NULL OR "leaseUntil" < ?) ORDER BY "nextAttemptAt" LIMIT ${limit}${skipLocked}`,
      [sql.time(new Date(now)), sql.time(new Date(now))],
    );
    const rows: DeliveryRow[] = [];
    for (const { id } of due) {
      await q.run(`UPDATE "Delivery" SET "leaseUntil" = ? WHERE "id" = ?`, [sql.time(new Date(now + leaseMs)), id]);
      const [row] = await q.all<DeliveryRow>(`SELECT "id", "leadId", "stepId", "flowId", "attempts", "request", "responseConfig" FROM "Delivery" WHERE "id" = ?`, [id]);
      if (row) rows.push(row);
    }
    return rows;
  });
}

/** One retry attempt: resend the exact first request, parse, record a retry event, settle. */
export async function attemptDelivery(sql: SqlDb, http: OutboundHttp, row: DeliveryRow, settings: RetrySettings, now: () => number) {
  const request = parse<OutboundRequest | null>(row.request);
  const config = parse<ResponseConfig | null>(row.responseConfig);
  if (!request || !config) {
    await sql.run(`UPDATE "Delivery" SET "status" = 'failed', "leaseUntil" = NULL, "lastError" = ? WHERE "id" = ?`, ["Nothing to resend", row.id]);
    return;
  }
  const attempt = Number(row.attempts) + 1;
  const sent: OutboundRequest = { ...request, headers: { ...request.headers, "X-Leadflow-Delivery-Attempt": String(attempt) } };
  const result = await http.send(sent, config.timeoutMs);
  const parsed = parseResponse(result, config.response, config.timeoutMs);
  const endedAt = result.endedAt;
  const decision = decideDelivery(
    { outcome: parsed.outcome, reason: parsed.reason, errorKind: parsed.errorKind, attempt, endedAt, retryAfterSeconds: parsed.retryAfterSeconds, sent: true },
    true,
    settings,
  );
  const exchange = recordExchange(sent, result, scrubberFor(sent), result.ok ? null : parsed.reason);

  await sql.tx(async (q) => {
    const [recipient] = await q.all<{ document: unknown; sequence: number }>(`SELECT "document", "sequence" FROM "Event" WHERE "id" = ?`, [row.id]);
    if (!recipient) return;
    const original = parse<RecipientEvent>(recipient.document);
    const [{ next }] = (await q.all<{ next: number | null }>(`SELECT MAX("sequence") + 1 AS "next" FROM "Event" WHERE "leadId" = ?`, [row.leadId])) as [{ next: number | null }];
    const salePrice = parsed.outcome === "success" ? (parsed.price ?? original.price ?? 0) : 0;
    const retryEvent = {
      ...original,
      id: newId(),
      type: "retry",
      sequence: Number(next ?? 0),
      recipient_event_id: row.id,
      attempt,
      retry_status: decision.final ? "completed" : "started",
      next_attempt_at: decision.nextAttemptAt === null ? null : new Date(decision.nextAttemptAt).toISOString(),
      outcome: decision.outcome,
      reason: decision.reason,
      timestamp: new Date(result.startedAt).toISOString(),
      start_timestamp: result.startedAt,
      end_timestamp: endedAt,
      ms: endedAt - result.startedAt,
      wait_ms: endedAt - result.startedAt,
      overhead_ms: 0,
      sale_price: salePrice,
      revenue: salePrice,
      transactions: [exchange],
      delivery: { ...original.delivery, status: decision.status, attempts: attempt, next_attempt_at: decision.nextAttemptAt === null ? null : new Date(decision.nextAttemptAt).toISOString() },
      vars: undefined, // the recipient event holds the snapshot once (06 §2.5)
    };
    await q.run(
      `INSERT INTO "Event" ("id", "leadId", "sequence", "type", "stepId", "flowId", "sourceId", "outcome", "reason", "timestamp", "ms", "price", "recipientId", "document")
       SELECT ?, "leadId", ?, 'retry', "stepId", "flowId", "sourceId", ?, ?, ?, ?, ?, "recipientId", ? FROM "Event" WHERE "id" = ?`,
      [retryEvent.id, retryEvent.sequence, decision.outcome, decision.reason, sql.time(new Date(result.startedAt)), retryEvent.ms, salePrice, toJson(retryEvent), row.id],
    );
    await q.run(`UPDATE "Delivery" SET "status" = ?, "attempts" = ?, "nextAttemptAt" = ?, "leaseUntil" = NULL, "lastError" = ?, "request" = ?, "updatedAt" = ? WHERE "id" = ?`, [
      decision.status,
      attempt,
      decision.nextAttemptAt === null ? null : sql.time(new Date(decision.nextAttemptAt)),
      decision.outcome === "error" ? decision.reason : null,
      // The stored request holds secrets in clear: erased once the delivery has ended (05 §5.4).
      decision.final ? null : toJson(request),
      sql.time(new Date(now())),
      row.id,
    ]);
    if (decision.final) await finishRecipientEvent(q, sql, row.id, original, decision, salePrice, attempt, now());
  });
}

/** The one mutation of an event (06 §2.4): the recipient event takes the delivery's final result. */
async function finishRecipientEvent(
  q: Querier,
  sql: SqlDb,
  id: string,
  original: RecipientEvent,
  decision: ReturnType<typeof decideDelivery>,
  salePrice: number,
  attempts: number,
  at: number,
) {
  const updated: RecipientEvent = {
    ...original,
    outcome: decision.outcome,
    reason: decision.reason,
    sale_price: salePrice,
    revenue: salePrice,
    first_attempt: original.first_attempt ?? { outcome: original.outcome, reason: original.reason, timestamp: original.timestamp },
    delivery: { ...original.delivery, status: decision.status, attempts, next_attempt_at: null },
    final_at: new Date(at).toISOString(),
  };
  await q.run(`UPDATE "Event" SET "outcome" = ?, "reason" = ?, "price" = ?, "document" = ? WHERE "id" = ?`, [decision.outcome, decision.reason, salePrice, toJson(updated), id]);
  void sql;
}

/** Drains the outbox: claims due deliveries and attempts each; returns how many it attempted. */
export async function drainOutbox(sql: SqlDb, http: OutboundHttp, settings: RetrySettings, now: () => number = Date.now, limit = 20): Promise<number> {
  const rows = await claimDue(sql, now(), 5 * 60_000, limit);
  await Promise.all(rows.map((row) => attemptDelivery(sql, http, row, settings, now)));
  return rows.length;
}
