import { describe, expect, it } from "vitest";
import { processLead } from "./process-lead";
import type { RecipientEvent, SourceEvent } from "./types";
import { all, harness, leadInput, rule, source } from "./testing";

const ACME = { id: "5fd43a1e940df5a34a3888c1", name: "Acme CRM" };
const buyer = (extra: Record<string, unknown> = {}) => ({
  type: "recipient",
  entity: ACME,
  caps: [{ maximum: 5, duration_units: "day" }],
  integration: { module_id: "custom.outbound.json", mappings: [{ property: "url", value: "https://crm.example.com/" }] },
  ...extra,
});
const base = {
  fields: ["email", "state"],
  caps: [{ id: "5fd438f91f0d12766e2bfee5", name: "Daily", maximum: 100, duration_units: "day" }],
  suppression: { duplicate: { fields: ["email"] } },
  sources: [source({ pricing: { prices: [{ amount: 15 }] } })],
};
const last = (o: { events: unknown[] }) => o.events[o.events.length - 1] as SourceEvent;

// 06 §7 completion vectors.
describe("06 §7 completion", () => {
  it("#1 all steps ran, buyer answered failure: success 15, flow cap +1, step cap released, key recorded", async () => {
    const h = harness({ ...base, steps: [buyer()] }, { http: () => ({ status: 400 }) });
    const out = await h.run({ email: "a@b.co" });
    expect(out).toMatchObject({ outcome: "success", reason: null, price: 15 });
    expect(out.events[0]).toMatchObject({ outcome: "failure", reason: "HTTP 400 Bad Request" });
    expect(out.bookkeeping.caps.map((c) => [c.scope, c.commit])).toEqual([["flow", true], ["step", false]]);
    expect(out.bookkeeping.duplicate).toMatchObject({ record: true });
    expect(last(out)).toMatchObject({ decided_by: { stage: "completed", scope: null, step_id: null }, cap_ids: ["5fd438f91f0d12766e2bfee5"], purchase_price: 15, cost: 15, step_count: 1 });
  });

  it("#2 a filter stops with failure after pricing: 0, caps released, key released", async () => {
    const h = harness({ ...base, steps: [{ type: "filter", id: "f00001", rule_set: all(rule("state", "is equal to", "NY")), reason: "Outside service area" }] });
    const out = await h.run({ email: "a@b.co", state: "NY" });
    expect(out).toMatchObject({ outcome: "failure", reason: "Outside service area", price: 0 });
    expect(out.bookkeeping.caps.every((c) => !c.commit)).toBe(true);
    expect(out.bookkeeping.duplicate).toMatchObject({ record: false });
    expect(last(out)).toMatchObject({ cap_ids: [], decided_by: { stage: "filter", step_id: "f00001" }, duplicate: { recorded: false } });
    expect((await h.run({ email: "a@b.co", state: "TX" })).outcome).toBe("success");
  });

  it("#3 a filter stops with success after the buyer accepted: 15, +1, recorded", async () => {
    const h = harness({ ...base, steps: [buyer(), { type: "filter", rule_set: all(rule("acme_crm.outcome", "is equal to", "success")), outcome: "success" }] });
    const out = await h.run({ email: "a@b.co" });
    expect(out).toMatchObject({ outcome: "success", price: 15 });
    expect(out.bookkeeping.caps.map((c) => c.commit)).toEqual([true, true]);
    expect(out.bookkeeping.duplicate?.record).toBe(true);
  });

  it("#4 flow cap full: failure Cap reached, none reserved, not recorded", async () => {
    const h = harness({ ...base, caps: [{ id: "5fd438f91f0d12766e2bfee5", maximum: 0, duration_units: "day" }] });
    const out = await h.run({ email: "a@b.co" });
    expect(out).toMatchObject({ outcome: "failure", reason: "Cap reached", price: 0 });
    expect(last(out)).toMatchObject({ cap_reached: true, rejected_by_cap_id: "5fd438f91f0d12766e2bfee5", cap_ids: [] });
    expect(out.bookkeeping.caps).toEqual([]);
    expect(out.bookkeeping.duplicate?.record).toBe(false);
  });

  it("#6 an engine fault between steps: error Internal error 0, released, not recorded", async () => {
    const h = harness({ ...base, steps: [buyer()] });
    // A cap port failure is outside any integration code: the engine itself cannot go on.
    h.ports.caps.reserve = async (requests) => {
      if (requests[0].capKey.endsWith("5fd438f91f0d12766e2bfee5")) return { ok: true, reservations: [{ capKey: requests[0].capKey, capId: requests[0].capId, period: "p" }] };
      throw new Error("database gone");
    };
    const out = await h.run({ email: "a@b.co" });
    expect(out).toMatchObject({ outcome: "error", reason: "Internal error", price: 0, decidedBy: { stage: "engine_error" } });
    expect(out.bookkeeping.caps.every((c) => !c.commit)).toBe(true);
    expect(out.bookkeeping.duplicate?.record).toBe(false);
    expect(out.response).toEqual({ outcome: "error", reason: "Internal error", lead: { id: out.leadId }, price: 0 });
  });

  it("flow disabled: error Flow is disabled, no gates, fields kept", async () => {
    const h = harness(base);
    const out = await h.run({ email: "a@b.co" }, { flowEnabled: false });
    expect(out).toMatchObject({ outcome: "error", reason: "Flow is disabled", price: 0, decidedBy: { stage: "flow_disabled" } });
    expect((out.fields.email as { normal: string }).normal).toBe("a@b.co");
    expect(out.bookkeeping.duplicate).toBeNull();
  });

  it("#10 a disabled step records nothing; step_count counts events", async () => {
    const h = harness({ ...base, steps: [buyer(), buyer({ enabled: false })] });
    const out = await h.run({ email: "a@b.co" });
    expect(out.events.map((e) => e.type)).toEqual(["recipient", "source"]);
    expect(last(out).step_count).toBe(1);
  });

  it("#13 every event expires at submission + retention", async () => {
    const h = harness({ ...base, steps: [buyer()] });
    const out = await h.run({ email: "a@b.co" });
    for (const e of out.events) expect(e.expires_at).toBe("2024-04-14T15:00:00.000Z");
  });
});

describe("06 §2 event documents", () => {
  it("sequence, ids, timing, the source event last at submission.timestamp", async () => {
    const h = harness({ ...base, steps: [buyer()] }, { http: () => ({ status: 200 }) });
    h.ports.http = Object.assign(h.ports.http, {});
    const input = leadInput({ email: "a@b.co" }, { submission: { timestamp: "2024-01-15T15:00:00.000Z", ip: "203.0.113.9" }, receivedAt: Date.parse("2024-01-15T15:00:00.000Z") });
    h.clock.set("2024-01-15T15:00:00.010Z");
    const out = await processLead(input, h.flow, h.ports, { targets: { allowLoopback: true } });
    expect(out.events.map((e) => e.sequence)).toEqual([0, 1]);
    const [rec, src] = out.events as [RecipientEvent, SourceEvent];
    expect(rec).toMatchObject({ lead_id: input.leadId, flow_id: input.flowId, flow_version: 7, source_id: input.source.entity.id, step_id: h.flow.steps[0].id, version: "1", lag_ms: 10 });
    expect(rec.timestamp).toBe("2024-01-15T15:00:00.010Z");
    expect(src).toMatchObject({ timestamp: "2024-01-15T15:00:00.000Z", step_id: null, module_id: "leadconduit-default.inbound" });
    expect(src.id).toMatch(/^[0-9a-f]{24}$/);
    expect(Object.keys(src.vars).sort()).toEqual(["account", "flow", "lead", "purchase_price", "source", "submission"]);
    expect(src.appended).toHaveProperty("acme_crm");
    expect(JSON.parse(src.response.body)).toEqual(out.response);
    // Recipient vars: the recipient context (03 §1).
    expect(rec.vars).toMatchObject({ recipient: ACME, price: 0, purchase_price: 15, event_id: rec.id });
  });

  it("vars carry lead.id, random_number, submission, source (with ip_address), flow and account", async () => {
    const out = await harness(base).run({ email: "a@b.co" });
    expect(out.vars).toMatchObject({
      lead: { id: out.leadId, random_number: 42 },
      submission: { timestamp: "2024-01-15T15:00:00.000Z", ip: "203.0.113.9" },
      source: { id: "6369a0e534c9d4ebe142e0ef", name: "Vendor A", ip_address: "203.0.113.9" },
      flow: { name: "TX Solar" },
      account: { name: "Acme" },
    });
  });

  it("fields not listed in the flow are not lead variables; inbound mappings rename (03 §3.1)", async () => {
    const h = harness({
      fields: ["first_name", "email"],
      sources: [source({ integration: { module_id: "leadconduit-default.inbound", mappings: [{ property: "first_name", value: "{{fname}}" }, { property: "lead.email", value: "{{email_addr}}" }] } })],
    });
    const out = await h.run({ fname: "Joe", email_addr: "JOE@X.COM", other: "x" });
    expect(out.fields).toMatchObject({ first_name: { normal: "Joe" }, email: { normal: "joe@x.com" } });
    expect(out.fields).not.toHaveProperty("other");
    expect(out.fields).not.toHaveProperty("fname");
  });
});

describe("replay (07 §2.8)", () => {
  it("writes nothing: no reservations, no duplicate keys, no deliveries; recipients skip with the rendered request", async () => {
    const h = harness({ ...base, steps: [buyer({ integration: { module_id: "custom.outbound.json", mappings: [{ property: "url", value: "https://crm.example.com/" }, { property: "header.X-API-Key", value: "abc123" }, { property: "json_property.e", value: "{{lead.email}}" }] } })] });
    const out = await h.run({ email: "a@b.co" }, {}, { dryRun: true });
    expect(out).toMatchObject({ outcome: "success", dryRun: true });
    const ev = out.events[0] as RecipientEvent;
    expect(ev).toMatchObject({ outcome: "skip", reason: "Replay: not delivered" });
    expect(ev.would_send).toEqual({
      method: "POST",
      url: "https://crm.example.com/",
      headers: expect.objectContaining({ "X-API-Key": "********", "Content-Type": "application/json; charset=utf-8" }),
      body: '{"e":"a@b.co"}',
    });
    expect(h.ports.http.requests).toHaveLength(0);
    expect(out.bookkeeping).toEqual({ caps: [], duplicate: null, deliveries: [] });
    expect(h.ports.duplicates.size).toBe(0);
    expect((await h.run({ email: "a@b.co" })).outcome).toBe("success");
    // The real lead's key is history now; a replay of another lead with it sees a duplicate.
    expect((await h.run({ email: "a@b.co" }, {}, { dryRun: true })).reason).toMatch(/^Duplicate lead/);
  });
});

describe("06 §7 #7 minimal write after two failed commits", () => {
  it("lead + source event error Internal error, price 0, nothing committed", async () => {
    const { internalErrorOutcome } = await import("./completion");
    const h = harness({ ...base, steps: [buyer()] });
    const out = await processLead(leadInput({ email: "a@b.co" }), h.flow, h.ports, {});
    const minimal = internalErrorOutcome(out, () => "ffffffffffffffffffffffff");
    expect(minimal).toMatchObject({ outcome: "error", reason: "Internal error", price: 0, bookkeeping: { caps: [], duplicate: null, deliveries: [] } });
    expect(minimal.response).toEqual({ outcome: "error", reason: "Internal error", lead: { id: out.leadId }, price: 0 });
    expect(minimal.events).toHaveLength(1);
    expect(minimal.events[0]).toMatchObject({ type: "source", sequence: 0, outcome: "error", purchase_price: 0, cost: 0, cap_ids: [] });
  });
});

describe("the answer body (07 §1.5.3)", () => {
  it("responseJson is JSON.stringify in wire key order", async () => {
    const { responseJson, responseBody } = await import("./completion");
    for (const [o, r, p] of [["success", null, 15], ["failure", 'Lead must live in "TX"\n', 0], ["error", "Internal error", 12.5]] as const) {
      const body = responseBody("63cc6f0e55254d7d1c4c3037", o, r, p);
      expect(responseJson(body)).toBe(JSON.stringify(body));
    }
  });
});
