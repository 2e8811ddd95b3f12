import { describe, expect, it } from "vitest";
import { runDeliveryAttempt } from "./delivery-attempt";
import { decideDelivery, DEFAULT_RETRY_SETTINGS, nextAttemptAt, parseRetryAfter } from "./retry-schedule";
import { recoverInterruptedLead } from "./recovery";
import { processLead } from "./process-lead";
import type { CompiledRecipientStep } from "./recipient-step";
import type { DeliveryRecord, RecipientEvent, SourceEvent } from "./types";
import { harness, leadInput, source } from "./testing";

const NO_JITTER = { ...DEFAULT_RETRY_SETTINGS, jitter: 0 };
const ACME = { id: "5fd43a1e940df5a34a3888c1", name: "Acme CRM" };
const acme = (extra: Record<string, unknown> = {}) => ({
  type: "recipient",
  entity: ACME,
  integration: { module_id: "custom.outbound.json", mappings: [{ property: "url", value: "https://crm.example.com/" }, { property: "outcome_search_term", value: "accepted" }] },
  ...extra,
});
const hhmmss = (t: number) => new Date(t).toISOString().slice(11, 19);

describe("nextAttemptAt (05 §5.4)", () => {
  it("30 s doubling to a 1 h cap", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (nextAttemptAt(n, 0, NO_JITTER) / 1000));
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it("jitter stays within ±20 %", () => {
    expect(nextAttemptAt(1, 0, DEFAULT_RETRY_SETTINGS, null, () => 0)).toBe(24_000);
    expect(nextAttemptAt(1, 0, DEFAULT_RETRY_SETTINGS, null, () => 0.999999)).toBeLessThanOrEqual(36_000);
  });

  it("#13 not before Retry-After (capped at 1 h)", () => {
    expect(nextAttemptAt(1, 0, NO_JITTER, 120)).toBe(120_000);
    expect(nextAttemptAt(1, 0, NO_JITTER, 99_999)).toBe(3_600_000);
    expect(parseRetryAfter("120", 0)).toBe(120);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("2015-10-21T07:27:00Z"))).toBe(60);
  });

  it("only transient errors of retry-enabled deliveries are retried", () => {
    const r = (over: Partial<Parameters<typeof decideDelivery>[0]>) =>
      decideDelivery({ outcome: "error", reason: "Server error", errorKind: "server", attempt: 1, endedAt: 0, sent: true, ...over }, true, NO_JITTER).status;
    expect(r({})).toBe("retrying");
    expect(r({ errorKind: "transport" })).toBe("retrying");
    expect(r({ errorKind: "throttled" })).toBe("retrying");
    expect(r({ errorKind: "validation", sent: false })).toBe("none");
    expect(r({ errorKind: "business" })).toBe("failed");
    expect(r({ outcome: "failure", errorKind: null })).toBe("rejected");
    expect(r({ outcome: "success", errorKind: null })).toBe("delivered");
    expect(decideDelivery({ outcome: "error", reason: "x", errorKind: "server", attempt: 1, endedAt: 0, sent: true }, false, NO_JITTER).status).toBe("failed");
  });
});

async function firstAttempt(answers: number[], stepExtra: Record<string, unknown> = {}) {
  const h = harness({ fields: ["email"], sources: [source()], steps: [acme(stepExtra)] }, { now: "2024-01-15T12:00:00.000Z" });
  let i = 0;
  h.ports.http.handler = () => {
    const status = answers[Math.min(i++, answers.length - 1)];
    return { status, headers: { "content-type": "application/json" }, body: status === 200 ? '{"status":"accepted"}' : '{"status":"no"}' };
  };
  const out = await h.run({ email: "a@b.co" });
  return { h, out, event: out.events[0] as RecipientEvent, delivery: out.bookkeeping.deliveries[0] };
}

async function retryUntilDone(h: Awaited<ReturnType<typeof firstAttempt>>["h"], event: RecipientEvent, delivery: DeliveryRecord) {
  const times = [hhmmss(event.start_timestamp)];
  let d = delivery;
  const results = [];
  while (d.status === "retrying") {
    h.clock.set(d.nextAttemptAt!);
    times.push(hhmmss(h.clock.now()));
    const r = await runDeliveryAttempt(
      { delivery: d, recipientEvent: event, step: h.flow.steps[0] as CompiledRecipientStep, accountTimeZone: "America/Chicago" },
      h.ports,
      { retry: NO_JITTER },
    );
    results.push(r);
    d = r.delivery;
  }
  return { times, results, delivery: d };
}

describe("05 §9 retry vectors", () => {
  it("#29 errors at 12:00:00 and on every retry: ten attempts on the schedule, then exhausted", async () => {
    const { h, event, delivery, out } = await firstAttempt([503]);
    expect(out.outcome).toBe("success");
    expect(event).toMatchObject({ outcome: "error", reason: "Server error", delivery: { status: "retrying", attempts: 1, next_attempt_at: "2024-01-15T12:00:30.000Z" } });
    expect(delivery.request?.headers["Idempotency-Key"]).toBe(event.id);
    const { times, results, delivery: final } = await retryUntilDone(h, event, delivery);
    expect(times).toEqual(["12:00:00", "12:00:30", "12:01:30", "12:03:30", "12:07:30", "12:15:30", "12:31:30", "13:03:30", "14:03:30", "15:03:30"]);
    expect(final).toMatchObject({ status: "exhausted", attempts: 10, request: null, lastError: "Retries exhausted after 10 attempts: Server error" });
    const lastAttempt = results[results.length - 1];
    expect(lastAttempt.retryEvent).toMatchObject({ type: "retry", attempt: 10, retry_status: "completed", recipient_event_id: event.id });
    expect(results[0].retryEvent).toMatchObject({ attempt: 2, retry_status: "started", next_attempt_at: "2024-01-15T12:01:30.000Z" });
    expect(lastAttempt.recipientEventUpdate).toMatchObject({ outcome: "error", delivery: { status: "exhausted", attempts: 10 }, first_attempt: { outcome: "error", reason: "Server error" } });
    // Every attempt is the exact first request with the same key; only the attempt header changes.
    const sent = h.ports.http.requests.map((r) => r.request);
    expect(sent).toHaveLength(10);
    expect(new Set(sent.map((r) => r.headers["Idempotency-Key"]))).toEqual(new Set([event.id]));
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);
    expect(sent.map((r) => r.headers["X-Leadflow-Delivery-Attempt"])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  });

  it("#30 retry 2 answers failure: the delivery ends, the recipient event becomes failure", async () => {
    const { h, event, delivery } = await firstAttempt([503, 400]);
    const { results, delivery: final } = await retryUntilDone(h, event, delivery);
    expect(results).toHaveLength(1);
    expect(final.status).toBe("rejected");
    expect(results[0].recipientEventUpdate).toMatchObject({ outcome: "failure", sale_price: 0, first_attempt: { outcome: "error" } });
    expect(h.ports.http.requests).toHaveLength(2);
  });

  it("a late success commits a step-cap count in the retry's period; a full cap ends the delivery skipped", async () => {
    const { h, event, delivery } = await firstAttempt([503, 200], { caps: [{ maximum: 1, duration_units: "day" }], pricing: { prices: [{ amount: 40 }] } });
    const { results } = await retryUntilDone(h, event, delivery);
    expect(results[0].recipientEventUpdate).toMatchObject({ outcome: "success", sale_price: 40, revenue: 40, delivery: { status: "delivered", attempts: 2 } });
    expect(results[0].caps).toMatchObject([{ commit: true, scope: "step" }]);
    h.ports.caps.settle(results[0].caps, event.lead_id, h.clock.now());
    // Another delivery of the same step now meets the full cap.
    const second = await runDeliveryAttempt(
      { delivery: { ...delivery, leadId: "other" }, recipientEvent: event, step: h.flow.steps[0] as CompiledRecipientStep, accountTimeZone: "America/Chicago" },
      h.ports,
      { retry: NO_JITTER },
    );
    expect(second.delivery.status).toBe("skipped");
    expect(second.retryEvent).toMatchObject({ outcome: "skip", reason: "Cap reached", caps_reached: true });
  });

  it("enhancements and retry_enabled: false are never retried", async () => {
    expect((await firstAttempt([503], { retry_enabled: false })).delivery.status).toBe("failed");
    expect((await firstAttempt([503], { purpose: "enhancement" })).delivery.status).toBe("failed");
  });

  it("#31 process killed after the request was sent: recovery records error, the delivery is in_doubt, nothing is resent", async () => {
    const h = harness({ fields: ["email"], suppression: { duplicate: { fields: ["email"] } }, caps: [{ maximum: 5, duration_units: "day" }], sources: [source()], steps: [acme()] });
    h.ports.http.handler = () => new Promise(() => undefined); // the process dies while waiting
    void processLead(leadInput({ email: "a@b.co" }), h.flow, h.ports, {});
    await new Promise((r) => setTimeout(r, 10));
    expect(h.ports.journal.journals.size).toBe(1);
    const [journal] = [...h.ports.journal.journals.values()];
    const intents = [...h.ports.journal.intents.values()];
    expect(intents).toHaveLength(1);
    h.clock.set(journal.leaseUntil + 1);
    const rec = recoverInterruptedLead(journal, intents, h.ports.ids, h.clock.now(), { retention_days: 90 });
    expect(rec).toMatchObject({ outcome: "error", reason: "Processing interrupted", price: 0, decidedBy: { stage: "recovery" } });
    expect(rec.events.map((e) => `${e.type}:${e.outcome}`)).toEqual(["recipient:error", "source:error"]);
    expect(rec.events[0]).toMatchObject({ reason: "Interrupted: delivery outcome unknown", delivery: { status: "in_doubt" } });
    expect((rec.events[1] as SourceEvent).decided_by.stage).toBe("recovery");
    expect(rec.bookkeeping.deliveries).toMatchObject([{ status: "in_doubt", nextAttemptAt: null }]);
    expect(rec.bookkeeping.caps.every((c) => !c.commit)).toBe(true);
    expect(rec.bookkeeping.duplicate).toMatchObject({ record: false });
    h.ports.store.complete(rec);
    expect(h.ports.http.requests).toHaveLength(1);
    expect(h.ports.journal.journals.size).toBe(0);
  });
});
