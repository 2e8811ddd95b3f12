import { describe, expect, it } from "vitest";
import { all, harness, rule, source } from "./testing";

const FIELDS = ["email", "state", "loan_amount"];
const custom = { compile: { fields: [{ id: "loan_amount", name: "Loan Amount", type: "number" }] } };

// 04 §1 example table.
describe("04 §1 acceptance criteria", () => {
  const flowRules = all(rule("email", "is not blank"), rule("state", "is included in", "CA,TX,FL"));

  it("passes with email and an allowed state", async () => {
    const out = await harness({ fields: FIELDS, acceptance_criteria: { rule_set: flowRules }, sources: [source()] }).run({ email: "a@b.co", state: "TX" });
    expect(out.outcome).toBe("success");
  });

  it("fails without email, with the generated reason", async () => {
    const out = await harness({ fields: FIELDS, acceptance_criteria: { rule_set: flowRules }, sources: [source()] }).run({ state: "TX" });
    expect(out).toMatchObject({ outcome: "failure", reason: "Email must not be blank", price: 0 });
    expect(out.decidedBy).toEqual({ stage: "acceptance_criteria", scope: "flow", step_id: null });
  });

  it("a configured reason replaces the generated one", async () => {
    const h = harness({ fields: FIELDS, acceptance_criteria: { rule_set: flowRules, reason: "Missing required field: email" }, sources: [source()] });
    expect((await h.run({ state: "TX" })).reason).toBe("Missing required field: email");
  });

  it("source criteria stack after the flow's", async () => {
    const h = harness(
      {
        fields: FIELDS,
        acceptance_criteria: { rule_set: all(rule("state", "is included in", "CA,TX,FL")) },
        sources: [source({ acceptance_criteria: { rule_set: all(rule("loan_amount", "is greater than", 50000)) } })],
      },
      custom,
    );
    const out = await h.run({ state: "TX", loan_amount: "40000" });
    expect(out).toMatchObject({ outcome: "failure", reason: "Loan Amount must be greater than 50000" });
    expect(out.decidedBy.scope).toBe("source");
  });

  it("outcome error when configured", async () => {
    const h = harness({ fields: FIELDS, acceptance_criteria: { rule_set: all(rule("state", "is equal to", "TX")), outcome: "error" }, sources: [source()] });
    expect(await h.run({ state: "OK" })).toMatchObject({ outcome: "error", reason: "State must be equal to TX", price: 0 });
  });

  it("comparisons are case-insensitive", async () => {
    const h = harness({ fields: ["first_name"], acceptance_criteria: { rule_set: all(rule("first_name", "is equal to", "test")) }, sources: [source()] });
    expect((await h.run({ first_name: "TEST" })).outcome).toBe("success");
  });

  // 06 §7 #9: a rejected lead has exactly one event.
  it("a rejected lead records exactly the source event, step_count 0", async () => {
    const h = harness({
      fields: FIELDS,
      acceptance_criteria: { rule_set: all(rule("state", "is equal to", "TX")) },
      sources: [source()],
      steps: [{ type: "filter", rule_set: all(rule("state", "is blank")) }],
    });
    const out = await h.run({ state: "OK" });
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ type: "source", step_count: 0, decided_by: { stage: "acceptance_criteria", scope: "flow" } });
  });
});
