import { ApiError, notFound } from "@/lib/server/errors";
import { db } from "@/lib/store/prisma";
import { sqlDb } from "@/lib/store/sql/connection";
import { toJson } from "@/lib/store/sql/json";
import { attemptDelivery, loadDelivery } from "./retry-worker";
import { outboxContext } from "./worker";

import type { DeliveryStatusFilter } from "@/lib/schemas/deliveries";
import { dbJson } from "@/lib/store/sql/values";

function view(d: { id: string; leadId: string; stepId: string; flowId: string; status: string; attempts: number; nextAttemptAt: Date | null; lastError: string | null; createdAt: Date; updatedAt: Date }) {
  // The stored request holds secrets in clear: it is never shown (05 §5.4).
  return {
    id: d.id,
    lead_id: d.leadId,
    step_id: d.stepId,
    flow_id: d.flowId,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
    last_error: d.lastError,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
  };
}

export async function listDeliveries(status: DeliveryStatusFilter[] | undefined, limit: number, cursor: string | undefined) {
  const rows = await db().delivery.findMany({
    where: status ? { status: { in: status } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  return { data: rows.slice(0, limit).map(view), next_cursor: rows.length > limit ? rows[limit - 1]!.id : null };
}

/** One manual attempt with the same request and Idempotency-Key (05 §5.4), marked with the user. */
export async function resendDelivery(id: string, user: string) {
  const ctx = outboxContext();
  const row = await loadDelivery(ctx.sql, id);
  if (!row) throw notFound("Delivery");
  if (!row.request) throw new ApiError("conflict", `Delivery is ${row.status}; its request is no longer kept`);
  await attemptDelivery(ctx, row, { user });
  return view((await db().delivery.findUniqueOrThrow({ where: { id } })) as Parameters<typeof view>[0]);
}

export async function cancelDelivery(id: string, user: string) {
  const row = await db().delivery.findUnique({ where: { id } });
  if (!row) throw notFound("Delivery");
  if (!["retrying", "in_doubt", "sending"].includes(row.status)) throw new ApiError("conflict", `Delivery is already ${row.status}`);
  const reason = `Retry cancelled by ${user}`;
  const sql = sqlDb();
  await sql.tx(async (q) => {
    await q.run(`UPDATE "Delivery" SET "status" = 'cancelled', "request" = NULL, "nextAttemptAt" = NULL, "leaseUntil" = NULL, "updatedAt" = ? WHERE "id" = ?`, [sql.time(new Date()), id]);
    const [event] = await q.all<{ document: unknown }>(`SELECT "document" FROM "Event" WHERE "id" = ?`, [id]);
    if (event) {
      const doc = dbJson<Record<string, unknown> & { delivery?: object }>(event.document);
      const updated = {
        ...doc,
        reason,
        first_attempt: doc.first_attempt ?? { outcome: doc.outcome, reason: doc.reason, timestamp: doc.timestamp },
        delivery: { ...(doc.delivery ?? {}), status: "cancelled", next_attempt_at: null },
        final_at: new Date().toISOString(),
      };
      await q.run(`UPDATE "Event" SET "reason" = ?, "document" = ? WHERE "id" = ?`, [reason, toJson(updated), id]);
    }
  }, { durable: true });
  return view((await db().delivery.findUniqueOrThrow({ where: { id } })) as Parameters<typeof view>[0]);
}
