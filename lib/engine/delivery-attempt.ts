// One outbox attempt (05 §5.4): re-check the step's caps in the deployed flow, resend the exact
// first request (only `X-Leadflow-Delivery-Attempt` changes), parse the answer, decide what
// follows, and describe the retry event and — when the delivery ends — the single update of the
// recipient event (06 §2.4–2.5). The retry worker writes the result in one transaction.

import { recordExchange, type Scrubber } from "./mask-exchange";
import type { ResolvedOptions } from "./options";
import { parseResponse, type ResponseVariables } from "./parse-response";
import type { CapCounters, Clock, DeliveryJournal, Ids, OutboundHttp } from "./ports";
import type { CompiledRecipientStep } from "./recipient-step";
import { decideDelivery, type RetrySettings } from "./retry-schedule";
import type { CapSettlement, DeliveryInfo, DeliveryRecord, RecipientEvent, RetryEvent, StepOutcome } from "./types";
import { applicableCaps, capReason, capRequests } from "./volume-caps";

export interface DeliveryAttemptInput {
  delivery: DeliveryRecord;
  /** The recipient event as stored (its vars, price, purpose, first result). */
  recipientEvent: RecipientEvent;
  /** The step in the deployed flow, for its caps; null when the step is gone (no cap check). */
  step: CompiledRecipientStep | null;
  accountTimeZone: string;
  /** Clear secrets of the stored request, to scrub from the retry event's exchange. */
  scrubber?: Scrubber;
  /** A person's resend (05 §5.4): one attempt, marked on the retry event. */
  manual?: { user: string };
}

export interface DeliveryAttemptOutput {
  retryEvent: RetryEvent;
  /** Fields to set on the recipient event when the delivery ended (06 §2.4), else null. */
  recipientEventUpdate: Pick<RecipientEvent, "outcome" | "reason" | "sale_price" | "revenue" | "delivery" | "final_at" | "first_attempt"> | null;
  delivery: DeliveryRecord;
  caps: CapSettlement[];
}

export interface DeliveryAttemptPorts {
  clock: Clock;
  ids: Ids;
  http: OutboundHttp;
  caps: CapCounters;
  /** Records the delivery intent before the request (05 §5.5); absent in tests. */
  journal?: Pick<DeliveryJournal, "recordIntent">;
}

export async function runDeliveryAttempt(
  input: DeliveryAttemptInput,
  ports: DeliveryAttemptPorts,
  options: Pick<ResolvedOptions, "retry"> & { leaseMs?: number } = { retry: { maxAttempts: 10, baseSeconds: 30, capSeconds: 3600, jitter: 0.2 } },
): Promise<DeliveryAttemptOutput> {
  const { delivery, recipientEvent: ev, step } = input;
  const request = delivery.request;
  const config = delivery.responseConfig;
  const attempt = delivery.attempts + 1;
  const start = ports.clock.now();
  const settings: RetrySettings = options.retry;

  let outcome: StepOutcome;
  let reason: string | null;
  let errorKind: Parameters<typeof decideDelivery>[0]["errorKind"] = null;
  let price = ev.price;
  let retryAfter: number | null = null;
  let sent = false;
  const transactions: RetryEvent["transactions"] = [];
  const caps: CapSettlement[] = [];
  let capsReached = false;
  let capIds: string[] = [];

  // Re-check the step's caps (05 §5.4): full → the delivery ends `skip`.
  let reservations: CapSettlement["reservation"][] = [];
  if (step && step.caps.length > 0) {
    const applicable = applicableCaps(step.caps, ev.vars);
    capIds = applicable.map((a) => a.cap.id);
    const requests = capRequests(applicable, delivery.flowId, input.accountTimeZone, start);
    if (requests.length > 0) {
      const r = await ports.caps.reserve(requests, { leadId: delivery.leadId, now: start, leaseUntil: start + (options.leaseMs ?? 180_000) });
      if (r.ok) reservations = r.reservations;
      else capsReached = true;
      if (!r.ok) {
        outcome = "skip";
        reason = capReason(applicable[r.fullIndex].cap, ev.vars);
      }
    }
  }

  if (!capsReached) {
    if (!request || !config) {
      outcome = "error";
      reason = "Delivery request is no longer available";
      errorKind = "internal";
    } else {
      const resend = { ...request, headers: { ...request.headers } };
      for (const k of Object.keys(resend.headers)) if (k.toLowerCase() === "x-leadflow-delivery-attempt") delete resend.headers[k];
      resend.headers["X-Leadflow-Delivery-Attempt"] = String(attempt);
      await ports.journal?.recordIntent({
        id: delivery.id,
        leadId: delivery.leadId,
        stepId: delivery.stepId,
        flowId: delivery.flowId,
        attempt,
        request: resend,
        startedAt: ports.clock.now(),
      });
      const result = await ports.http.send(resend, config.timeoutMs);
      sent = true;
      const parsed = parseResponse(result, config.response as ResponseVariables, config.timeoutMs);
      outcome = parsed.outcome;
      reason = parsed.reason;
      errorKind = parsed.errorKind;
      retryAfter = parsed.retryAfterSeconds;
      if (parsed.price !== null) price = parsed.price;
      transactions.push(recordExchange(resend, result, input.scrubber ?? { secrets: [], replacements: [] }, outcome === "error" ? reason : null));
    }
  }
  outcome = outcome!;
  reason = reason!;

  const end = ports.clock.now();
  const decision = input.manual
    ? // A manual resend is one attempt: it never schedules more.
      { ...decideDelivery({ outcome, reason, errorKind, attempt, endedAt: end, retryAfterSeconds: retryAfter, sent }, false, settings), final: true }
    : decideDelivery({ outcome, reason, errorKind, attempt, endedAt: end, retryAfterSeconds: retryAfter, sent }, true, settings);
  const status = capsReached ? "skipped" : decision.status;
  const finalOutcome = decision.outcome;
  const finalReason = decision.reason;
  const salePrice = finalOutcome === "success" ? price : 0;
  for (const reservation of reservations) caps.push({ reservation, commit: finalOutcome === "success", scope: "step", step_id: delivery.stepId });

  const deliveryInfo: DeliveryInfo = {
    idempotency_key: delivery.id,
    retry_enabled: ev.delivery.retry_enabled,
    status,
    attempts: attempt,
    next_attempt_at: decision.nextAttemptAt === null ? null : new Date(decision.nextAttemptAt).toISOString(),
  };
  const ms = Math.max(0, end - start);
  const waitMs = transactions.reduce((n, t) => n + t.ms, 0);
  const retryEvent: RetryEvent = {
    ...ev,
    id: ports.ids.newId(),
    type: "retry",
    sequence: -1,
    outcome: finalOutcome,
    reason: finalReason,
    timestamp: new Date(start).toISOString(),
    start_timestamp: start,
    end_timestamp: end,
    ms,
    wait_ms: waitMs,
    overhead_ms: Math.max(0, ms - waitMs),
    lag_ms: Math.max(0, start - ev.start_timestamp + ev.lag_ms),
    total_ms: Math.max(0, end - ev.start_timestamp + ev.lag_ms),
    caps: capIds,
    caps_reached: capsReached,
    price,
    sale_price: salePrice,
    revenue: salePrice,
    transactions,
    delivery: deliveryInfo,
    first_attempt: null,
    final_at: decision.final ? new Date(end).toISOString() : null,
    recipient_event_id: ev.id,
    attempt,
    retry_status: decision.final ? "completed" : "started",
    next_attempt_at: deliveryInfo.next_attempt_at,
    ...(input.manual ? { manual: true, user: input.manual.user } : {}),
  };

  const recipientEventUpdate = decision.final
    ? {
        outcome: finalOutcome,
        reason: finalReason,
        sale_price: salePrice,
        revenue: salePrice,
        delivery: deliveryInfo,
        final_at: new Date(end).toISOString(),
        first_attempt: ev.first_attempt ?? { outcome: ev.outcome, reason: ev.reason, timestamp: ev.timestamp },
      }
    : null;

  return {
    retryEvent,
    recipientEventUpdate,
    delivery: {
      ...delivery,
      status,
      attempts: attempt,
      nextAttemptAt: decision.nextAttemptAt,
      // The stored request holds secrets: erased when the delivery ends (05 §5.4).
      request: decision.final ? null : delivery.request,
      responseConfig: decision.final ? null : delivery.responseConfig,
      lastError: finalOutcome === "error" ? finalReason : null,
    },
    caps,
  };
}
