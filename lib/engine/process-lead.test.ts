import { describe, expect, it } from "vitest";
import { all, harness, rule, source } from "./testing";

// 00 §4: the end-to-end worked example.
describe("00 §4 worked example: TX Solar", () => {
  const doc = {
    fields: ["first_name", "email", "phone_1", "state"],
    acceptance_criteria: { rule_set: all(rule("lead.state", "is equal to", "TX")), reason: "Lead must live in TX" },
    pricing: { prices: [{ amount: 8 }] },
    caps: [{ name: "Daily", maximum: 100, duration: 1, duration_units: "day", time_zone: "America/Chicago" }],
    sources: [
      source({ pricing: { prices: [{ amount: 10 }, { amount: 15, rule_set: all(rule("state", "is equal to", "TX")) }] } }),
    ],
    steps: [
      {
        type: "recipient",
        entity: { id: "5fd43a1e940df5a34a3888c1", name: "Acme CRM" },
        integration: {
          module_id: "custom.outbound.json",
          mappings: [
            { property: "url", value: "https://crm.example.com/leads" },
            { property: "json_property.email", value: "{{lead.email}}" },
          ],
        },
      },
    ],
  };

  it("accepts a Texas lead at $15 with normalized fields", async () => {
    const h = harness(doc, { http: () => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' }) });
    const out = await h.run({ first_name: "Ann", email: "ANN@Example.com ", phone_1: "(512) 789-1111", state: "texas" });
    expect(out.outcome).toBe("success");
    expect(out.price).toBe(15);
    expect(out.reason).toBeNull();
    expect(out.response).toEqual({ outcome: "success", lead: { id: out.leadId }, price: 15 });
    const lead = out.vars.lead as Record<string, { normal: unknown; area?: string; name?: string; valid?: boolean }>;
    expect(lead.email.normal).toBe("ann@example.com");
    expect(lead.phone_1.normal).toBe("5127891111");
    expect(lead.phone_1.area).toBe("512");
    expect(lead.state.normal).toBe("TX");
    expect(lead.state.name).toBe("Texas");
    expect(out.events.map((e) => e.type)).toEqual(["recipient", "source"]);
    expect(h.ports.http.requests[0].request.body).toBe('{"email":"ann@example.com"}');
  });

  it("rejects an Oklahoma lead: no pricing, no caps, no steps", async () => {
    const h = harness(doc);
    const out = await h.run({ first_name: "Ann", email: "ann@example.com", phone_1: "5127891111", state: "OK" });
    expect(out.response).toEqual({ outcome: "failure", reason: "Lead must live in TX", lead: { id: out.leadId }, price: 0 });
    expect(out.events).toHaveLength(1);
    expect(h.ports.http.requests).toHaveLength(0);
    expect(out.bookkeeping.caps).toEqual([]);
  });
});
