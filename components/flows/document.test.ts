import { describe, expect, it } from "vitest";
import type { FlowDocument } from "@/components/api/types";
import { stableJson, withIds } from "./document";

const rules = () => ({ op: "and" as const, rules: [{ lhv: "feedback.reason", op: "is not blank" }] });

describe("withIds", () => {
  it("gives feedback rule sets and feedback mappings ids once, so opening them changes nothing", () => {
    const doc = {
      name: "F",
      fields: [],
      caps: [],
      sources: [
        {
          id: "src001",
          entity: { id: "0".repeat(24), name: "V" },
          integration: { module_id: "leadconduit-default.inbound", mappings: [] },
          caps: [],
          feedback: { return: { enabled: true, rule_set: rules(), integration: { module_id: "custom.outbound.json", mappings: [{ property: "url", value: "https://v.example" }] } } },
        },
      ],
      steps: [
        {
          type: "recipient",
          id: "stp001",
          integration: { module_id: "custom.outbound.json", mappings: [] },
          caps: [],
          feedback: { return: { enabled: true, max_lead_age_days: 30, rule_set: rules() }, conversion: { enabled: false } },
        },
      ],
    } as unknown as FlowDocument;
    const once = withIds(doc);
    const src = once.sources[0].feedback!.return!;
    expect(src.rule_set!.id).toMatch(/^[0-9a-z]{6}$/);
    expect(src.rule_set!.rules[0]).toHaveProperty("id");
    expect(src.integration!.mappings[0].id).toMatch(/^[0-9a-z]{6}$/);
    const step = once.steps[0] as Extract<FlowDocument["steps"][number], { type: "recipient" }>;
    expect(step.feedback!.return!.rule_set!.id).toMatch(/^[0-9a-z]{6}$/);
    expect(step.feedback!.conversion).toEqual({ enabled: false });
    expect(stableJson(withIds(once))).toBe(stableJson(once));
  });
});
