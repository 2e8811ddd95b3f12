// Completion (06 §1): the final outcome, reason and price; what the store must commit or release;
// the source event, recorded last (06 §2.3); the source's answer.

import { type Decision, type LeadContext, snapshotOf } from "./context";
import { extend, isoTime } from "./objects";
import type { CapSettlement, DuplicateSettlement, LeadOutcome, SourceEvent, SourceResponseBody } from "./types";

export const FLOW_DISABLED_REASON = "Flow is disabled";

/** 06 §1.1: every step ran → success; otherwise the deciding gate's or filter's result. */
export function finalDecision(decision: Decision | null): Decision {
  return decision ?? { outcome: "success", reason: null, decidedBy: { stage: "completed", scope: null, step_id: null } };
}

/** The body of the 201 answer (07 §1.5.3): `reason` only when non-empty, price 0 unless success. */
export function responseBody(leadId: string, outcome: LeadOutcome["outcome"], reason: string | null, price: number): SourceResponseBody {
  const body: SourceResponseBody = { outcome, lead: { id: leadId }, price };
  if (reason !== null && reason !== "") {
    // Key order of the wire format: outcome, reason, lead, price.
    return { outcome, reason, lead: { id: leadId }, price };
  }
  return body;
}

/** The JSON text of the answer (07 §1.5.3: compact, keys in wire order), without a generic stringify per lead. */
export function responseJson(body: SourceResponseBody): string {
  const reason = body.reason !== undefined ? `"reason":${JSON.stringify(body.reason)},` : "";
  const price = Number.isFinite(body.price) ? String(body.price) : "0";
  return `{"outcome":"${body.outcome}",${reason}"lead":{"id":${JSON.stringify(body.lead.id)}},"price":${price}}`;
}

export function complete(ctx: LeadContext): LeadOutcome {
  const d = finalDecision(ctx.decision);
  const success = d.outcome === "success";
  const price = success ? ctx.purchasePrice : 0;
  const end = ctx.ports.clock.now();

  const caps: CapSettlement[] = [
    ...ctx.gateCaps.map((g): CapSettlement => ({ reservation: g.reservation, commit: success, scope: g.scope, step_id: null })),
    ...ctx.stepCaps,
  ];
  const duplicate: DuplicateSettlement | null = ctx.duplicateClaim
    ? { scope: ctx.duplicateClaim.scope, keys: ctx.duplicateClaim.keys, record: success, at: ctx.submittedAt }
    : null;
  if (duplicate?.record) ctx.duplicate = { ...ctx.duplicate, recorded: true };

  const response = responseBody(ctx.input.leadId, d.outcome, d.reason, price);
  const vars = snapshotOf(ctx);
  const { appended, ...sourceVars } = vars as Record<string, unknown>;
  const sourceEvent: SourceEvent = {
    id: ctx.ports.ids.newId(),
    type: "source",
    lead_id: ctx.input.leadId,
    flow_id: ctx.input.flowId,
    flow_version: ctx.input.flowVersion,
    source_id: ctx.input.source.entity.id,
    sequence: ctx.events.length,
    step_id: null,
    outcome: d.outcome,
    reason: d.reason,
    // Reports place the source event at the submission time (08 §1).
    timestamp: isoTime(ctx.submittedAt),
    start_timestamp: ctx.startedAt,
    end_timestamp: end,
    ms: Math.max(0, end - ctx.startedAt),
    wait_ms: ctx.waitMs,
    overhead_ms: Math.max(0, end - ctx.startedAt - ctx.waitMs),
    lag_ms: Math.max(0, ctx.startedAt - ctx.receivedAt),
    total_ms: Math.max(0, end - ctx.receivedAt),
    vars: extend(sourceVars, { purchase_price: price }),
    host: ctx.options.host,
    handler_version: ctx.options.handlerVersion,
    version: "1",
    expires_at: ctx.expiresAt,
    decided_by: d.decidedBy,
    purchase_price: price,
    cost: price,
    step_count: ctx.events.length,
    module_id: ctx.source.moduleId,
    acceptance_criteria: {
      flow: ctx.flow.document.acceptance_criteria ?? null,
      source: ctx.source.config.acceptance_criteria ?? null,
    },
    cap_reached: ctx.capReached,
    cap_ids: success ? ctx.gateCaps.map((g) => g.reservation.capId) : [],
    rejected_by_cap_id: ctx.rejectedByCapId,
    duplicate: ctx.duplicate,
    suppression: ctx.suppression,
    appended: (appended ?? {}) as Record<string, unknown>,
    request: ctx.input.request ?? null,
    response: { status: 201, headers: { "Content-Type": "application/json" }, body: responseJson(response) },
  };

  const lead = (vars.lead ?? {}) as Record<string, unknown>;
  const { id: _id, random_number: _rn, ...fields } = lead;
  return {
    leadId: ctx.input.leadId,
    flowId: ctx.input.flowId,
    flowVersion: ctx.input.flowVersion,
    sourceId: ctx.input.source.entity.id,
    flowSourceId: ctx.source.id,
    outcome: d.outcome,
    reason: d.reason,
    price,
    decidedBy: d.decidedBy,
    submittedAt: ctx.submittedAt,
    receivedAt: ctx.receivedAt,
    completedAt: end,
    events: [...ctx.events, sourceEvent],
    fields,
    vars: extend(vars, { purchase_price: price }),
    response,
    bookkeeping: { caps, duplicate, deliveries: ctx.deliveries },
    dryRun: ctx.options.dryRun,
  };
}

/**
 * The minimal record when the completion transaction failed twice (06 §1.3, §7 #7): only the lead
 * and a source event with `error` `Internal error`, price 0. Nothing is committed or recorded —
 * cap reservations and in-flight duplicate keys run out with their leases — and the source is
 * answered with this outcome's `response`. Deliveries already in the outbox keep their rows.
 */
export function internalErrorOutcome(outcome: LeadOutcome, newId: () => string): LeadOutcome {
  const source = outcome.events[outcome.events.length - 1] as SourceEvent;
  const response = responseBody(outcome.leadId, "error", "Internal error", 0);
  const decidedBy = { stage: "engine_error" as const, scope: null, step_id: null };
  const sourceEvent: SourceEvent = Object.assign({}, source, {
    id: newId(),
    sequence: 0,
    outcome: "error" as const,
    reason: "Internal error",
    decided_by: decidedBy,
    purchase_price: 0,
    cost: 0,
    cap_ids: [],
    duplicate: { ...source.duplicate, recorded: false },
    vars: extend(source.vars, { purchase_price: 0 }),
    response: { status: 201, headers: { "Content-Type": "application/json" }, body: JSON.stringify(response) },
  });
  return {
    ...outcome,
    outcome: "error",
    reason: "Internal error",
    price: 0,
    decidedBy,
    events: [sourceEvent],
    vars: extend(outcome.vars, { purchase_price: 0 }),
    response,
    bookkeeping: { caps: [], duplicate: null, deliveries: [] },
  };
}
