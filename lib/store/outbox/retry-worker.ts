import { isSecretHeader } from "@/lib/engine/build-request";
import type { CompiledFlow } from "@/lib/engine/compile-flow";
import { runDeliveryAttempt } from "@/lib/engine/delivery-attempt";
import type { Scrubber } from "@/lib/engine/mask-exchange";
import type { EnginePorts, OutboundRequest } from "@/lib/engine/ports";
import type { CompiledRecipientStep } from "@/lib/engine/recipient-step";
import type { RetrySettings } from "@/lib/engine/retry-schedule";
import type { DeliveryRecord, RecipientEvent } from "@/lib/engine/types";
import type { SqlDb } from "@/lib/store/sql/connection";
import { toJson } from "@/lib/store/sql/json";
import { settleCaps } from "@/lib/store/ports/sql-caps";
import type { DeployedFlow } from "@/lib/store/intake/deployed-flow";
import { dbJson, dbTime } from "@/lib/store/sql/values";

export type DeliveryRow = {
  id: string;
  leadId: string;
  stepId: string;
  flowId: string;
  status: string;
  attempts: number;
  nextAttemptAt: unknown;
  request: unknown;
  responseConfig: unknown;
  lastError: string | null;
};

export type OutboxContext = {
  sql: SqlDb;
  ports: Pick<EnginePorts, "clock" | "ids" | "http" | "caps" | "journal">;
  settings: RetrySettings;
  accountTimeZone: () => Promise<string>;
  deployedFlow: (flowId: string) => Promise<DeployedFlow<CompiledFlow> | null>;
};

const DELIVERY_COLUMNS = `"id", "leadId", "stepId", "flowId", "status", "attempts", "nextAttemptAt", "request", "responseConfig", "lastError"`;

/** Secrets of a stored request, masked in the retry event's recorded exchange (06 §2.2). */
function scrubberFor(request: OutboundRequest | null): Scrubber {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(request?.headers ?? {})) {
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
      const [row] = await q.all<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM "Delivery" WHERE "id" = ?`, [id]);
      if (row) rows.push(row);
    }
    return rows;
  });
}

export async function loadDelivery(sql: SqlDb, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await sql.all<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM "Delivery" WHERE "id" = ?`, [id]);
  return row;
}

/**
 * One attempt of a delivery through the engine's `runDeliveryAttempt` (step caps re-checked in the
 * deployed flow, the exact first request resent, the answer parsed, the next step decided), then
 * written in one transaction: the retry event, the delivery row, step-cap settlements and, when
 * the delivery ended, the one update of the recipient event (06 §2.4).
 */
export async function attemptDelivery(ctx: OutboxContext, row: DeliveryRow, manual?: { user: string }) {
  const { sql } = ctx;
  const [stored] = await sql.all<{ document: unknown; flowVersion: number }>(
    `SELECT e."document", l."flowVersion" FROM "Event" e JOIN "Lead" l ON l."id" = e."leadId" WHERE e."id" = ?`,
    [row.id],
  );
  if (!stored) return;
  const recipientEvent = dbJson<RecipientEvent>(stored.document);
  const request = dbJson<OutboundRequest | null>(row.request);
  const delivery: DeliveryRecord = {
    id: row.id,
    leadId: row.leadId,
    stepId: row.stepId,
    flowId: row.flowId,
    flowVersion: Number(stored.flowVersion),
    status: row.status as DeliveryRecord["status"],
    attempts: Number(row.attempts),
    nextAttemptAt: dbTime(row.nextAttemptAt),
    request,
    responseConfig: dbJson<DeliveryRecord["responseConfig"]>(row.responseConfig),
    lastError: row.lastError,
  };
  const flow = await ctx.deployedFlow(row.flowId);
  const step = (flow?.compiled.steps.find((s) => s.id === row.stepId && s.type === "recipient") ?? null) as CompiledRecipientStep | null;
  const out = await runDeliveryAttempt(
    { delivery, recipientEvent, step, accountTimeZone: await ctx.accountTimeZone(), scrubber: scrubberFor(request), manual },
    ctx.ports,
    { retry: ctx.settings },
  );

  await sql.tx(async (q) => {
    const [{ next }] = (await q.all<{ next: number | null }>(`SELECT MAX("sequence") + 1 AS "next" FROM "Event" WHERE "leadId" = ?`, [row.leadId])) as [{ next: number | null }];
    // The recipient event holds the vars snapshot once; retry events refer to it (06 §2.5).
    const retryEvent = { ...out.retryEvent, sequence: Number(next ?? 0), vars: undefined };
    await q.run(
      `INSERT INTO "Event" ("id", "leadId", "sequence", "type", "stepId", "flowId", "sourceId", "outcome", "reason", "timestamp", "ms", "price", "recipientId", "document")
       SELECT ?, "leadId", ?, 'retry', "stepId", "flowId", "sourceId", ?, ?, ?, ?, ?, "recipientId", ? FROM "Event" WHERE "id" = ?`,
      [retryEvent.id, retryEvent.sequence, retryEvent.outcome, retryEvent.reason, sql.time(new Date(retryEvent.start_timestamp)), Math.round(retryEvent.ms), retryEvent.sale_price, toJson(retryEvent), row.id],
    );
    const d = out.delivery;
    const ended = out.recipientEventUpdate !== null;
    await q.run(`UPDATE "Delivery" SET "status" = ?, "attempts" = ?, "nextAttemptAt" = ?, "leaseUntil" = NULL, "lastError" = ?, "request" = ?, "updatedAt" = ? WHERE "id" = ?`, [
      d.status,
      d.attempts,
      d.nextAttemptAt === null ? null : sql.time(new Date(d.nextAttemptAt)),
      d.lastError,
      // The stored request holds secrets in clear: erased once the delivery has ended (05 §5.4) —
      // except when it ended undelivered (exhausted), where a person may still resend it.
      d.status === "exhausted" && request ? toJson(request) : ended || d.request === null ? null : toJson(d.request),
      sql.time(new Date(ctx.ports.clock.now())),
      row.id,
    ]);
    if (out.recipientEventUpdate) {
      const u = out.recipientEventUpdate;
      await q.run(`UPDATE "Event" SET "outcome" = ?, "reason" = ?, "price" = ?, "document" = ? WHERE "id" = ?`, [
        u.outcome,
        u.reason,
        u.sale_price,
        toJson({ ...recipientEvent, ...u }),
        row.id,
      ]);
    }
    const commit = out.caps.filter((c) => c.commit).map((c) => c.reservation);
    const release = out.caps.filter((c) => !c.commit).map((c) => c.reservation);
    await settleCaps(q, sql, row.leadId, commit, release, new Date(ctx.ports.clock.now()));
  }, { durable: true });
}

/** Drains the outbox: claims due deliveries and attempts each; returns how many it attempted. */
export async function drainOutbox(ctx: OutboxContext, limit = 20): Promise<number> {
  const rows = await claimDue(ctx.sql, ctx.ports.clock.now(), 5 * 60_000, limit);
  await Promise.all(rows.map((row) => attemptDelivery(ctx, row)));
  return rows.length;
}
