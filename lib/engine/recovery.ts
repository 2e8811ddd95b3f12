// Crash recovery (05 §5.5, 06 §1.1): a journal whose lease expired becomes a lead with outcome
// `error`, `Processing interrupted`, price 0; its reservations and in-flight keys are released;
// each delivery still `sending` becomes `in_doubt` and is never resent automatically.

import { responseBody } from "./completion";
import type { DeliveryIntent, Ids, LeadJournalEntry } from "./ports";
import type { DeliveryRecord, LeadOutcome, RecipientEvent, SourceEvent } from "./types";

export const INTERRUPTED_REASON = "Processing interrupted";
export const IN_DOUBT_REASON = "Interrupted: delivery outcome unknown";

const DAY = 86_400_000;

/**
 * The lead record for an interrupted journal. `intents` are the deliveries still `sending`; each
 * gets a recipient event `error` (`in_doubt`) unless the store already holds one for that id.
 */
export function recoverInterruptedLead(
  journal: LeadJournalEntry,
  intents: readonly DeliveryIntent[],
  ids: Ids,
  now: number,
  account: { retention_days: number; entityName?: string },
): LeadOutcome {
  const expiresAt = new Date(journal.submittedAt + account.retention_days * DAY).toISOString();
  const vars = journal.context.vars;
  const base = {
    lead_id: journal.leadId,
    flow_id: journal.flowId,
    flow_version: journal.flowVersion,
    source_id: journal.sourceId,
    host: null,
    handler_version: "recovery",
    version: "1" as const,
    expires_at: expiresAt,
  };
  const events: Array<RecipientEvent | SourceEvent> = intents.map((intent, i): RecipientEvent => ({
    ...base,
    id: intent.id,
    type: "recipient",
    sequence: i,
    step_id: intent.stepId,
    outcome: "error",
    reason: IN_DOUBT_REASON,
    timestamp: new Date(intent.startedAt).toISOString(),
    start_timestamp: intent.startedAt,
    end_timestamp: now,
    ms: Math.max(0, now - intent.startedAt),
    wait_ms: 0,
    overhead_ms: 0,
    lag_ms: Math.max(0, intent.startedAt - journal.submittedAt),
    total_ms: Math.max(0, now - journal.submittedAt),
    vars,
    description: null,
    module_id: "",
    purpose: "delivery",
    key: "",
    recipient_id: null,
    recipient_name: null,
    caps: [],
    caps_reached: false,
    price: 0,
    sale_price: 0,
    revenue: 0,
    purchase_price: 0,
    cost: 0,
    rule_set: null,
    mappings: null,
    pricing: null,
    transactions: [],
    appended: { outcome: "error", reason: IN_DOUBT_REASON },
    delivery: { idempotency_key: intent.id, retry_enabled: false, status: "in_doubt", attempts: intent.attempt, next_attempt_at: null },
    first_attempt: null,
    final_at: null,
  }));
  const response = responseBody(journal.leadId, "error", INTERRUPTED_REASON, 0);
  const { appended, ...sourceVars } = vars as Record<string, unknown>;
  const sourceEvent: SourceEvent = {
    ...base,
    id: ids.newId(),
    type: "source",
    sequence: events.length,
    step_id: null,
    outcome: "error",
    reason: INTERRUPTED_REASON,
    timestamp: new Date(journal.submittedAt).toISOString(),
    start_timestamp: journal.startedAt,
    end_timestamp: now,
    ms: Math.max(0, now - journal.startedAt),
    wait_ms: 0,
    overhead_ms: Math.max(0, now - journal.startedAt),
    lag_ms: Math.max(0, journal.startedAt - journal.submittedAt),
    total_ms: Math.max(0, now - journal.submittedAt),
    vars: { ...sourceVars, purchase_price: 0 },
    decided_by: { stage: "recovery", scope: null, step_id: null },
    purchase_price: 0,
    cost: 0,
    step_count: events.length,
    module_id: "leadconduit-default.inbound",
    acceptance_criteria: { flow: null, source: null },
    cap_reached: false,
    cap_ids: [],
    rejected_by_cap_id: null,
    duplicate: { checked: journal.context.duplicate !== null, key: journal.context.duplicate?.keys.join(",") ?? null, is_duplicate: false, days_ago: null, recorded: false },
    suppression: [],
    appended: (appended ?? {}) as Record<string, unknown>,
    request: null,
    response: { status: 201, headers: { "Content-Type": "application/json" }, body: JSON.stringify(response) },
  };
  const deliveries: DeliveryRecord[] = intents.map((intent) => ({
    id: intent.id,
    leadId: journal.leadId,
    stepId: intent.stepId,
    flowId: journal.flowId,
    flowVersion: journal.flowVersion,
    status: "in_doubt",
    attempts: intent.attempt,
    nextAttemptAt: null,
    // Kept: a person may resend it (05 §5.4), with the same Idempotency-Key.
    request: intent.request,
    responseConfig: null,
    lastError: IN_DOUBT_REASON,
  }));
  const lead = (vars.lead ?? {}) as Record<string, unknown>;
  const { id: _id, random_number: _rn, ...fields } = lead;
  return {
    leadId: journal.leadId,
    flowId: journal.flowId,
    flowVersion: journal.flowVersion,
    sourceId: journal.sourceId,
    flowSourceId: journal.flowSourceId,
    outcome: "error",
    reason: INTERRUPTED_REASON,
    price: 0,
    decidedBy: { stage: "recovery", scope: null, step_id: null },
    submittedAt: journal.submittedAt,
    receivedAt: journal.submittedAt,
    completedAt: now,
    events: [...events, sourceEvent],
    fields,
    vars: { ...vars, purchase_price: 0 },
    response,
    bookkeeping: {
      caps: journal.context.capReservations.map((reservation) => ({ reservation, commit: false, scope: "flow" as const, step_id: null })),
      duplicate: journal.context.duplicate ? { ...journal.context.duplicate, record: false, at: journal.submittedAt } : null,
      deliveries,
    },
    dryRun: false,
  };
}
