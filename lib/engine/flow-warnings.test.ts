import { describe, expect, it } from "vitest";
import { flowWarnings } from "./flow-warnings";
import { flowDocument } from "./testing";

const acme = (extra: Record<string, unknown> = {}) => ({
  type: "recipient",
  entity: { id: "5fd43a1e940df5a34a3888c1", name: "Acme CRM" },
  integration: { module_id: "custom.outbound.json", mappings: [] },
  ...extra,
});

describe("waterfall warning (05 §5.4)", () => {
  it("a filter reading a retried delivery's outcome is warned about", () => {
    const doc = flowDocument({ steps: [acme(), { type: "filter", rule_set: { op: "and", rules: [{ lhv: "acme_crm.outcome", op: "is equal to", rhv: "success" }] } }] });
    expect(flowWarnings(doc)).toEqual([expect.objectContaining({ path: "steps.1.rule_set" })]);
  });

  it("no warning when retry is off, for enhancements, or when nothing reads the outcome", () => {
    const reads = { type: "filter", rule_set: { op: "and", rules: [{ lhv: "{{appended.acme_crm.outcome}}", op: "is equal to", rhv: "success" }] } };
    expect(flowWarnings(flowDocument({ steps: [acme({ retry_enabled: false }), reads] }))).toEqual([]);
    expect(flowWarnings(flowDocument({ steps: [acme({ purpose: "enhancement" }), reads] }))).toEqual([]);
    expect(flowWarnings(flowDocument({ steps: [acme(), { type: "filter", rule_set: { op: "and", rules: [{ lhv: "state", op: "is blank" }] } }] }))).toEqual([]);
    expect(flowWarnings(flowDocument({ steps: [acme(), reads] }))).toHaveLength(1);
  });
});
