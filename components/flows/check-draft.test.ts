import { describe, expect, it } from "vitest";
import type { FlowDocument } from "@/components/api/types";
import { draftIssues } from "./check-draft";

const base = { name: "TX Solar", fields: ["email"], caps: [], sources: [], steps: [], enabled: true, ping_enabled: false, ping_limits: [] } as unknown as FlowDocument;

describe("draftIssues", () => {
  it("passes a valid draft", () => {
    expect(draftIssues(base)).toEqual([]);
  });

  it("names problems by the API's dotted paths, rule semantics included", () => {
    const doc = {
      ...base,
      name: " ",
      acceptance_criteria: { rule_set: { op: "and", rules: [{ lhv: "lead.email", op: "matches pattern", rhv: "/[unclosed/" }] }, outcome: "failure" },
    } as unknown as FlowDocument;
    const issues = draftIssues(doc);
    expect(issues).toContainEqual({ path: "name", message: "name is required" });
    expect(issues.some((i) => i.path === "acceptance_criteria.rule_set.rules.0.rhv" && /regular expression/.test(i.message))).toBe(true);
  });

  it("checks what the server receives: a cleared number (NaN) is sent as null", () => {
    const step = { type: "recipient", id: "abc123", integration: { module_id: "custom.outbound.json", mappings: [] }, feedback: { return: { enabled: true, max_lead_age_days: Number.NaN } } };
    expect(draftIssues({ ...base, steps: [step] } as unknown as FlowDocument)).toEqual([]);
    const bad = { ...step, feedback: { return: { enabled: true, max_lead_age_days: 0 } } };
    expect(draftIssues({ ...base, steps: [bad] } as unknown as FlowDocument).map((i) => i.path)).toEqual(["steps.0.feedback.return.max_lead_age_days"]);
  });
});
