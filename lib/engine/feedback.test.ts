import { describe, expect, it } from "vitest";
import { sourceFeedbackSchema, stepFeedbackSchema } from "@/lib/schemas/flow";
import {
  feedbackReason,
  historyEntryOf,
  reconcileFeedback,
  runFeedback,
  type FeedbackHistoryEntry,
  type FeedbackOptions,
  type FeedbackReport,
  type FeedbackSubject,
} from "./feedback";
import type { HttpHandler } from "./memory-ports";
import { all, harness, rule, source } from "./testing";
import type { RecipientEvent } from "./types";

const ACME = { id: "5fd43a1e940df5a34a3888c1", name: "Acme CRM" };
const ANN = { first_name: "Ann", email: "ann@example.com", phone_1: "5127891111", state: "TX" };
const DAY = 86_400_000;
const OPTIONS: FeedbackOptions = { userAgent: "Leadflow/test", targets: { allowHosts: [], allowLoopback: false }, host: "test", handlerVersion: "0.1.0" };
const SOURCE_URL = "https://vendor.example/returns";

/** A lead accepted (or not) by Acme CRM; the recipient event is what feedback is about. */
async function acceptedLead(buyer: HttpHandler = () => ({ status: 200, body: '{"status":"accepted"}', headers: { "content-type": "application/json" } })) {
  const h = harness(
    {
      fields: ["first_name", "email", "phone_1", "state"],
      sources: [source()],
      steps: [
        {
          type: "recipient",
          entity: ACME,
          integration: {
            module_id: "custom.outbound.json",
            mappings: [
              { property: "url", value: "https://crm.example/leads" },
              { property: "json_property.event_id", value: "{{event_id}}" },
              { property: "outcome_search_term", value: "accepted" },
            ],
          },
          retry_enabled: false,
        },
      ],
    },
    { http: buyer },
  );
  const out = await h.run(ANN);
  const recipientEvent = out.events.find((e) => e.type === "recipient") as RecipientEvent;
  return { h, recipientEvent, submittedAt: out.submittedAt };
}

const stepFeedback = (over: Record<string, unknown> = {}) =>
  stepFeedbackSchema.parse({ return: { enabled: true, max_lead_age_days: 30 }, conversion: { enabled: true }, ...over });

const sourceFeedback = (over: Record<string, unknown> = {}, extraMappings: Array<{ property: string; value: string }> = []) =>
  sourceFeedbackSchema.parse({
    return: {
      enabled: true,
      integration: {
        module_id: "custom.outbound.json",
        mappings: [
          { property: "url", value: SOURCE_URL },
          { property: "json_property.lead_id", value: "{{lead.id}}" },
          { property: "json_property.reason", value: "{{feedback.reason}}" },
          { property: "outcome_search_term", value: "accepted" },
          { property: "reason_path", value: "msg" },
          ...extraMappings,
        ],
      },
      ...over,
    },
  });

function subjectOf(recipientEvent: RecipientEvent, submittedAt: number, over: Partial<FeedbackSubject> = {}): FeedbackSubject {
  return { recipientEvent, submittedAt, stepFeedback: stepFeedback(), sourceFeedback: null, ruleOptions: { fieldNames: {} }, history: [], ...over };
}

const report = (type: string, reason: string | null = "Wrong number", over: Partial<FeedbackReport> = {}): FeedbackReport => ({ type, reason, via: "webhook", user: null, ...over });

async function feedback(type: string, over: Partial<FeedbackSubject> = {}, options: { ageDays?: number; source?: HttpHandler; reason?: string | null } = {}) {
  const lead = await acceptedLead();
  lead.h.clock.advance((options.ageDays ?? 10) * DAY);
  lead.h.ports.http.handler = options.source ?? (() => ({ status: 200, body: '{"status":"accepted"}', headers: { "content-type": "application/json" } }));
  const before = lead.h.ports.http.requests.length;
  const result = await runFeedback(report(type, options.reason === undefined ? "Wrong number" : options.reason), subjectOf(lead.recipientEvent, lead.submittedAt, over), { clock: lead.h.clock, ids: lead.h.ports.ids, http: lead.h.ports.http }, OPTIONS);
  return { ...result, lead, sourceRequests: lead.h.ports.http.requests.slice(before) };
}

const earlier = (type: "feedback-received" | "feedback-sent", feedbackType: string, outcome: string, recipientEventId: string): FeedbackHistoryEntry => ({
  type,
  outcome,
  recipient_event_id: recipientEventId,
  feedback_type: feedbackType,
});

describe("06 §5.4 refusal order (the first refusal wins)", () => {
  it("accepts a return inside the age limit with no source feedback (vector 14)", async () => {
    const r = await feedback("return");
    expect(r.refused).toBe(false);
    expect(r.received).toMatchObject({ type: "feedback-received", outcome: "success", reason: null, feedback: { type: "return", reason: "Wrong number" } });
    expect(r.sent).toBeNull();
    expect(r.sourceRequests).toHaveLength(0);
  });

  it("1. an unknown type beats every other check", async () => {
    const r = await feedback("refund", { stepFeedback: null }, { ageDays: 400 });
    expect(r.received).toMatchObject({ outcome: "failure", reason: "Invalid feedback type: refund" });
    expect(r.received.feedback.config).toBeNull();
    const blank = await feedback("");
    expect(blank.received.reason).toBe("Invalid feedback type: ");
  });

  it("2. a type not enabled on the step beats a refused recipient event", async () => {
    const lead = await acceptedLead(() => ({ status: 200, body: '{"status":"rejected"}' }));
    expect(lead.recipientEvent.outcome).toBe("failure");
    const r = await runFeedback(report("conversion"), subjectOf(lead.recipientEvent, lead.submittedAt, { stepFeedback: stepFeedback({ conversion: { enabled: false } }) }), { clock: lead.h.clock, ids: lead.h.ports.ids, http: lead.h.ports.http }, OPTIONS);
    expect(r.received).toMatchObject({ outcome: "failure", reason: "Feedback type conversion is not enabled for this recipient" });
    const none = await feedback("return", { stepFeedback: null });
    expect(none.received.reason).toBe("Feedback type return is not enabled for this recipient");
  });

  it("3. a recipient event that did not end in success beats the age limit", async () => {
    const lead = await acceptedLead(() => ({ status: 200, body: '{"status":"rejected"}' }));
    lead.h.clock.advance(45 * DAY);
    const r = await runFeedback(report("return"), subjectOf(lead.recipientEvent, lead.submittedAt), { clock: lead.h.clock, ids: lead.h.ports.ids, http: lead.h.ports.http }, OPTIONS);
    expect(r.received).toMatchObject({ outcome: "failure", reason: "Lead was not accepted by this recipient" });
  });

  it("4. a return older than max_lead_age_days beats a duplicate; conversions have no age limit", async () => {
    const lead = await acceptedLead();
    const dup = [earlier("feedback-received", "return", "success", lead.recipientEvent.id)];
    const old = await feedback("return", { history: dup }, { ageDays: 45 });
    expect(old.received.reason).toBe("Lead is too old to return");
    const exactly30 = await feedback("return", {}, { ageDays: 30 });
    expect(exactly30.received.outcome).toBe("success");
    const conversion = await feedback("conversion", {}, { ageDays: 400 });
    expect(conversion.received.outcome).toBe("success");
  });

  it("5. only an earlier *successful* feedback of the same type for the same recipient event is a duplicate", async () => {
    const lead = await acceptedLead();
    const run = (history: FeedbackHistoryEntry[], type = "return") =>
      runFeedback(report(type), subjectOf(lead.recipientEvent, lead.submittedAt, { history, stepFeedback: stepFeedback({ return: { enabled: true, rule_set: all(rule("feedback.reason", "is equal to", "never")) } }) }), { clock: lead.h.clock, ids: lead.h.ports.ids, http: lead.h.ports.http }, OPTIONS);
    const id = lead.recipientEvent.id;
    // The duplicate check comes before the step's rules (which would fail here).
    expect((await run([earlier("feedback-received", "return", "success", id)])).received.reason).toBe("Duplicate feedback: return already received");
    for (const history of [
      [earlier("feedback-received", "return", "failure", id)],
      [earlier("feedback-received", "return", "error", id)],
      [earlier("feedback-received", "conversion", "success", id)],
      [earlier("feedback-received", "return", "success", "ffffffffffffffffffffffff")],
      [earlier("feedback-sent", "return", "success", id)],
    ]) {
      expect((await run(history)).received.reason).not.toMatch(/^Duplicate/);
    }
  });

  it("6. the step's feedback rules run on the feedback vars; their reason is the refusal", async () => {
    const rules = stepFeedback({ return: { enabled: true, rule_set: all(rule("feedback.reason", "is not blank")) } });
    const refused = await feedback("return", { stepFeedback: rules }, { reason: null });
    expect(refused.received).toMatchObject({ outcome: "failure", reason: "feedback.reason must not be blank" });
    const passed = await feedback("return", { stepFeedback: rules });
    expect(passed.received.outcome).toBe("success");
  });

  it("a refusal never calls the source", async () => {
    const r = await feedback("refund", { sourceFeedback: sourceFeedback() });
    expect(r.sent).toBeNull();
    expect(r.sourceRequests).toHaveLength(0);
  });
});

describe("06 §5.5 feedback sent to the source", () => {
  it("builds the request from the source's mappings on the recipient vars plus feedback.*, like a recipient step", async () => {
    const r = await feedback("return", { sourceFeedback: sourceFeedback({}, [{ property: "header.X-API-Key", value: "vendor-secret-1" }]) });
    expect(r.sourceRequests).toHaveLength(1);
    const sentReq = r.sourceRequests[0]!.request;
    expect(sentReq.url).toBe(SOURCE_URL);
    expect(JSON.parse(sentReq.body!)).toEqual({ lead_id: r.lead.recipientEvent.lead_id, reason: "Wrong number" });
    expect(sentReq.headers["Idempotency-Key"]).toBe(r.sent!.id);
    expect(r.sourceRequests[0]!.timeoutMs).toBe(10_000);
    expect(r.sent).toMatchObject({ type: "feedback-sent", outcome: "success", reason: null, feedback_received_event_id: r.received.id, module_id: "custom.outbound.json", source_id: r.lead.recipientEvent.source_id });
    expect(r.received).toMatchObject({ outcome: "success", feedback_sent_event_id: r.sent!.id });
    // The exchange is masked like a recipient's (06 §2.2).
    expect(r.sent!.request!.headers["X-API-Key"]).toBe("********");
    expect(JSON.stringify(r.sent)).not.toContain("vendor-secret-1"); // nor in the recorded configuration
    expect(r.sent!.response).toMatchObject({ status: 200 });
  });

  it("a refusing source fails the received event with the source's reason (vector 15)", async () => {
    const r = await feedback("return", { sourceFeedback: sourceFeedback() }, { source: () => ({ status: 200, body: '{"status":"refused","msg":"Not returnable"}', headers: { "content-type": "application/json" } }) });
    expect(r.sent).toMatchObject({ outcome: "failure", reason: "Not returnable" });
    expect(r.received).toMatchObject({ outcome: "failure", reason: "Not returnable" });
    expect(r.refused).toBe(false);
  });

  it("failing source rules skip the call and leave the feedback accepted (vector 22)", async () => {
    const settings = sourceFeedback({ rule_set: all(rule("feedback.reason", "is equal to", "Fraud")) });
    const r = await feedback("return", { sourceFeedback: settings });
    expect(r.sent).toMatchObject({ outcome: "skip", reason: "feedback.reason must be equal to Fraud", request: null, response: null });
    expect(r.received).toMatchObject({ outcome: "success", reason: null });
    expect(r.sourceRequests).toHaveLength(0);
  });

  it("a time-out is an error the recipient sees (vector 23)", async () => {
    const r = await feedback("return", { sourceFeedback: sourceFeedback() }, { source: () => ({ error: "timeout" }) });
    expect(r.sent).toMatchObject({ outcome: "error", reason: "Request timed out after 10000 ms", response: null, error: "Request timed out after 10000 ms" });
    expect(r.received).toMatchObject({ outcome: "error", reason: "Request timed out after 10000 ms" });
  });

  it("at most one successful feedback-sent per lead and type (vector 24)", async () => {
    const lead = await acceptedLead();
    const other = "ffffffffffffffffffffffff";
    const r = await feedback("return", { sourceFeedback: sourceFeedback(), history: [earlier("feedback-received", "return", "success", other), earlier("feedback-sent", "return", "success", other)] });
    expect(r.sent).toMatchObject({ outcome: "skip", reason: "Already sent to source" });
    expect(r.received.outcome).toBe("success");
    expect(r.sourceRequests).toHaveLength(0);
    // An earlier failed or errored send does not count.
    const again = await feedback("return", { sourceFeedback: sourceFeedback(), history: [earlier("feedback-sent", "return", "error", lead.recipientEvent.id)] });
    expect(again.sent!.outcome).toBe("success");
  });

  it("a private target is refused before anything is sent (outbound target policy)", async () => {
    const settings = sourceFeedbackSchema.parse({ return: { enabled: true, integration: { module_id: "custom.outbound.json", mappings: [{ property: "url", value: "http://10.0.0.5/returns" }] } } });
    const r = await feedback("return", { sourceFeedback: settings });
    expect(r.sent).toMatchObject({ outcome: "error", reason: "URL must be public", request: null });
    expect(r.received).toMatchObject({ outcome: "error", reason: "URL must be public" });
    expect(r.sourceRequests).toHaveLength(0);
  });

  it("a source type that is not enabled records no feedback-sent event", async () => {
    const r = await feedback("conversion", { sourceFeedback: sourceFeedback() });
    expect(r.sent).toBeNull();
    expect(r.received.outcome).toBe("success");
  });
});

describe("feedback events (06 §2.1, §2.7)", () => {
  it("carry the lead's links, expiry and the recipient's vars plus feedback.*", async () => {
    const r = await feedback("return", { sourceFeedback: sourceFeedback() });
    const ev = r.lead.recipientEvent;
    for (const e of [r.received, r.sent!]) {
      expect(e).toMatchObject({ lead_id: ev.lead_id, flow_id: ev.flow_id, flow_version: ev.flow_version, source_id: ev.source_id, step_id: ev.step_id, recipient_id: ACME.id, recipient_event_id: ev.id, expires_at: ev.expires_at, via: "webhook", user: null, version: "1" });
      expect(e.vars).toMatchObject({ event_id: ev.id, recipient: { id: ACME.id }, feedback: { type: "return", reason: "Wrong number" } });
      expect(e.lag_ms).toBe(e.start_timestamp - r.lead.submittedAt);
    }
    expect((r.received.vars.feedback as { timestamp: string }).timestamp).toBe(r.received.timestamp);
    expect(r.received.feedback.config).toMatchObject({ enabled: true, max_lead_age_days: 30 });
    expect(r.sent!.feedback.config).toMatchObject({ enabled: true });
    expect(historyEntryOf(r.received)).toEqual({ type: "feedback-received", outcome: "success", recipient_event_id: ev.id, feedback_type: "return" });
  });
});

describe("reason and concurrency", () => {
  it("a reason is trimmed and cut to 255 characters", () => {
    expect(feedbackReason("  Wrong number \n")).toBe("Wrong number");
    expect(feedbackReason("   ")).toBeNull();
    expect(feedbackReason(undefined)).toBeNull();
    expect(feedbackReason({ a: 1 })).toBeNull();
    expect(feedbackReason("x".repeat(300))).toHaveLength(255);
    // Characters, not UTF-16 units: an emoji is never cut in half.
    expect(Array.from(feedbackReason("😀".repeat(300))!)).toHaveLength(255);
  });

  it("a success that lost the race to an identical report becomes a duplicate when written", async () => {
    const r = await feedback("return");
    const id = r.lead.recipientEvent.id;
    const lost = reconcileFeedback(r, [earlier("feedback-received", "return", "success", id)]);
    expect(lost.received).toMatchObject({ outcome: "failure", reason: "Duplicate feedback: return already received" });
    expect(reconcileFeedback(r, [earlier("feedback-received", "conversion", "success", id)])).toBe(r);
    const refused = await feedback("refund");
    expect(reconcileFeedback(refused, [earlier("feedback-received", "refund", "success", id)])).toBe(refused);
  });
});
