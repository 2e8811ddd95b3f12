import { describe, expect, it } from "vitest";
import { compileRuleSet } from "./deps";
import type { FilterEvent } from "./types";
import { all, harness, rule, source } from "./testing";

const ACME = { id: "5fd43a1e940df5a34a3888c1", name: "Acme CRM" };
const crm = { type: "recipient", entity: ACME, retry_enabled: false, integration: { module_id: "custom.outbound.json", mappings: [{ property: "url", value: "https://crm.example.com/" }] } };

function flow(filter: Record<string, unknown>, answer = 200) {
  return harness(
    { fields: ["state"], sources: [source({ pricing: { prices: [{ amount: 15 }] } })], steps: [crm, { type: "filter", rule_set: all(rule("state", "is equal to", "NY")), ...filter }] },
    { http: () => ({ status: answer }) },
  );
}

// 05 §9 vectors 25–27 and 05 §2.
describe("05 §2 filter steps", () => {
  it("#25 outcome template rendering skip becomes failure", async () => {
    const h = harness({
      fields: ["state"],
      sources: [source()],
      steps: [
        { ...crm, rule_set: all(rule("state", "is equal to", "TX")) },
        { type: "filter", rule_set: all(rule("acme_crm.outcome", "is not equal to", "success")), outcome: "{{acme_crm.outcome}}", reason: "Acme said {{acme_crm.outcome}}" },
      ],
    });
    const out = await h.run({ state: "NY" });
    expect(out).toMatchObject({ outcome: "failure", reason: "Acme said skip" });
  });

  it("the outcome template repeats an earlier step's outcome (error)", async () => {
    const h = flow({ rule_set: all(rule("acme_crm.outcome", "is not equal to", "success")), outcome: "{{acme_crm.outcome}}" }, 500);
    expect(await h.run({ state: "TX" })).toMatchObject({ outcome: "error", reason: "Stopped by filter: " + h.flow.steps[1].id });
  });

  it("#26 outcome success with a blank reason: lead success, reason null, charged", async () => {
    const out = await flow({ outcome: "success" }).run({ state: "NY" });
    expect(out).toMatchObject({ outcome: "success", reason: null, price: 15 });
    expect(out.response).toEqual({ outcome: "success", lead: { id: out.leadId }, price: 15 });
  });

  it("#27 outcome failure with a blank reason: Stopped by filter: <description>", async () => {
    const out = await flow({ outcome: "failure", description: "Stop NY" }).run({ state: "NY" });
    expect(out).toMatchObject({ outcome: "failure", reason: "Stopped by filter: Stop NY", price: 0 });
  });

  it("a filter that does not match continues; an empty rule set never stops", async () => {
    expect((await flow({}).run({ state: "TX" })).events.map((e) => e.outcome)).toEqual(["success", "continue", "success"]);
    const h = harness({ fields: ["state"], sources: [source()], steps: [{ type: "filter", rule_set: { op: "and", rules: [] } }, { type: "filter" }] });
    expect((await h.run({ state: "NY" })).outcome).toBe("success");
  });

  it("the filter event: stop, lead_outcome, rule_set, and vars that reproduce the decision (06 §2.6)", async () => {
    const h = flow({ rule_set: all(rule("acme_crm.outcome", "is equal to", "failure")), outcome: "failure", reason: "Buyer refused" }, 400);
    const out = await h.run({ state: "TX" });
    const ev = out.events[1] as FilterEvent;
    expect(ev).toMatchObject({ type: "filter", outcome: "stop", reason: "Buyer refused", lead_outcome: "failure", sequence: 1 });
    expect(ev.rule_set).toEqual(h.flow.steps[1].config.rule_set);
    const replayed = compileRuleSet(ev.rule_set, { strict: false })(JSON.parse(JSON.stringify(ev.vars)));
    expect(replayed).toBeNull();
    const cont = await flow({}).run({ state: "TX" });
    const ev2 = cont.events[1] as FilterEvent;
    expect(ev2.lead_outcome).toBeNull();
    expect(compileRuleSet(ev2.rule_set, { strict: false })(JSON.parse(JSON.stringify(ev2.vars)))).not.toBeNull();
  });

  it("a stop ends step processing; later steps record nothing", async () => {
    const h = harness({ fields: ["state"], sources: [source()], steps: [{ type: "filter", rule_set: all(rule("state", "is equal to", "NY")) }, crm] });
    const out = await h.run({ state: "NY" });
    expect(out.events.map((e) => e.type)).toEqual(["filter", "source"]);
    expect(h.ports.http.requests).toHaveLength(0);
  });
});
