import { describe, expect, it } from "vitest";
import { collectReferences, diffDocuments, recipientUrls, sameConfiguration } from "./flow-document";

describe("flow document helpers", () => {
  const doc = {
    name: "TX Solar",
    fields: ["email", "loan_amount_acme"],
    sources: [{ id: "src001", entity: { id: "a".repeat(24), name: "A" }, pricing_service: { service_id: "b".repeat(24) } }],
    steps: [
      { type: "filter", id: "f00001" },
      {
        type: "recipient",
        id: "r00001",
        entity: { id: "c".repeat(24), name: "C" },
        integration: { module_id: "custom.outbound.json", mappings: [{ property: "url", value: "https://x.example/in" }, { property: "url", value: "{{lead.url}}" }] },
      },
    ],
    suppression: { lists: [{ kind: "dnc", list_ids: ["d".repeat(24)], fields: ["phone_1"] }] },
  };

  it("collects references with their paths", () => {
    expect(collectReferences(doc)).toEqual([
      { kind: "field", id: "email", path: "fields.0" },
      { kind: "field", id: "loan_amount_acme", path: "fields.1" },
      { kind: "entity", id: "a".repeat(24), path: "sources.0.entity.id", as: "source" },
      { kind: "pricing_service", id: "b".repeat(24), path: "sources.0.pricing_service.service_id" },
      { kind: "entity", id: "c".repeat(24), path: "steps.1.entity.id", as: "recipient" },
      { kind: "suppression_list", id: "d".repeat(24), path: "suppression.lists.0.list_ids.0" },
    ]);
  });

  it("finds literal recipient URLs only", () => {
    expect(recipientUrls(doc)).toEqual([{ url: "https://x.example/in", path: "steps.1.integration.mappings.0.value" }]);
  });

  it("compares configurations regardless of key order and record-level keys", () => {
    expect(sameConfiguration({ a: 1, b: { c: 2, d: 3 }, name: "x" }, { b: { d: 3, c: 2 }, a: 1, name: "y" })).toBe(true);
    expect(sameConfiguration({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });

  it("diffs leaves by dotted path", () => {
    const before = { steps: [{ id: "a" }, { rule_set: { rules: [{ rhv: "TX" }] } }] };
    const after = { steps: [{ id: "a" }, { rule_set: { rules: [{ rhv: ["TX", "OK"] }] } }], caps: [] };
    expect(diffDocuments(before, after)).toEqual([
      { path: "steps.1.rule_set.rules.0.rhv", before: "TX", after: ["TX", "OK"] },
      { path: "caps", before: null, after: [] },
    ]);
  });
});
