import { describe, expect, it } from "vitest";
import { flowDocumentSchema, normalizeFlowDocument } from "./flow";

const ENTITY = { id: "6369a0e534c9d4ebe142e0ef", name: "Vendor A" };
const ACME = { id: "5fd43a1e940df5a34a3888c1", name: "Acme CRM" };
const TX = { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "TX" }] };

/** The full document of spec 00 §3 with every part filled in. */
const FULL = {
  id: "5fd4371e940df5a34a3888b2",
  name: "Solar Leads",
  enabled: true,
  fields: ["first_name", "last_name", "email", "phone_1", "state", "postal_code", "trustedform_cert_url"],
  acceptance_criteria: { rule_set: TX, outcome: "failure", reason: "Lead must live in TX" },
  suppression: {
    duplicate: { enabled: true, fields: ["email", "phone_1"], match: "all", lookback: { value: 30, interval: "day" }, scope: "flow", reason: "Duplicate lead - seen {{appended.suppressionlist.duplicate_days_ago}} days ago" },
    lists: [
      { kind: "dnc", list_ids: ["l1"], fields: ["phone_1", "phone_2", "phone_3"], lookback: null, reason: "Phone on DNC list" },
      { kind: "customer", list_ids: ["l2"], fields: ["email"], reason: "Existing customer" },
    ],
  },
  pricing: { override: false, prices: [{ amount: 8, rule_set: null }] },
  pricing_service: { service_id: "ps1", fallback_price: 5 },
  caps: [
    {
      type: "volume",
      name: "Daily",
      maximum: 100,
      duration: 1,
      duration_units: "day",
      time_zone: "America/Chicago",
      rule_set: null,
      caps: [{ name: "TX share", maximum_percent: 40, duration_units: "day", rule_set: TX }],
    },
  ],
  schedule: { enabled: true, time_zone: "America/Chicago", days: { monday: [{ start: "08:00", end: "12:00" }], tuesday: [{ start: "00:00", end: "24:00" }], saturday: [] } },
  sources: [
    {
      id: "a1b2c3",
      entity: ENTITY,
      integration: { module_id: "leadconduit-default.inbound", mappings: [{ property: "first_name", value: "{{fname}}" }] },
      acceptance_criteria: { rule_set: TX },
      pricing: { prices: [{ amount: 10 }, { amount: 15, rule_set: TX }] },
      caps: [{ maximum: 10, duration_units: "hour", window: "rolling" }],
      feedback: { return: { enabled: true, rule_set: null, integration: { module_id: "custom.outbound.json", mappings: [{ property: "url", value: "https://vendor.example/returns" }] } }, conversion: { enabled: false } },
      enabled: true,
      authentication_required: false,
    },
  ],
  steps: [
    { type: "filter", id: "f00001", description: "Stop non-TX", rule_set: TX, outcome: "failure", reason: "Outside service area", enabled: true },
    {
      type: "recipient",
      id: "r00001",
      entity: ACME,
      integration: { module_id: "custom.outbound.json", mappings: [{ property: "url", value: "https://crm.example.com/leads" }, { property: "outcome_search_term", value: "/accept(ed)?/i" }] },
      rule_set: TX,
      caps: [{ maximum: 5, duration_units: "week" }],
      pricing: { prices: [{ amount: 40 }] },
      feedback: { return: { enabled: true, max_lead_age_days: 30 }, conversion: { enabled: true } },
      enabled: true,
      retry_enabled: false,
      parallel: false,
      purpose: "delivery",
    },
  ],
  ping_enabled: false,
  ping_limits: [],
};

function issues(doc: unknown) {
  const r = flowDocumentSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

function withStep(step: Record<string, unknown>) {
  return { ...FULL, steps: [...FULL.steps, step] };
}

describe("flowDocumentSchema", () => {
  it("accepts the full document of 00 §3 and fills defaults", () => {
    const r = flowDocumentSchema.parse(FULL);
    expect(r.caps[0]).toMatchObject({ window: "calendar", duration: 1, caps: [{ window: "calendar", caps: [] }] });
    expect(r.steps[0]).toMatchObject({ type: "filter", enabled: true });
    expect(r.sources[0].feedback?.return?.enabled).toBe(true);
  });

  it("accepts a minimal document", () => {
    const r = flowDocumentSchema.parse({ name: "Minimal" });
    expect(r).toMatchObject({ enabled: true, fields: [], caps: [], sources: [], steps: [], ping_enabled: false });
  });

  it("rule errors from lib/rules carry the full path", () => {
    const bad = withStep({ type: "filter", rule_set: { op: "and", rules: [{ lhv: "state", op: "is the same as", rhv: "TX" }] } });
    expect(issues(bad)).toEqual([expect.objectContaining({ path: "steps.2.rule_set.rules.0.op" })]);
    const missingRhv = { ...FULL, acceptance_criteria: { rule_set: { op: "and", rules: [{ lhv: "state", op: "is equal to" }] } } };
    expect(issues(missingRhv).map((i) => i.path)).toEqual(["acceptance_criteria.rule_set.rules.0.rhv"]);
    const nested = { ...FULL, pricing: { prices: [{ amount: 1, rule_set: { op: "or", rules: [TX, { op: "and", rules: [{ lhv: "x", op: "matches pattern", rhv: "/(/" }] }] } }] } };
    expect(issues(nested).map((i) => i.path)).toEqual(["pricing.prices.0.rule_set.rules.1.rules.0.rhv"]);
  });

  it("structural errors point inside the element", () => {
    const bad = withStep({ type: "filter", rule_set: { op: "and", rules: [{ lhv: 5, op: "is blank" }] } });
    expect(issues(bad).map((i) => i.path)).toEqual(["steps.2.rule_set.rules.0.lhv"]);
    expect(issues({ ...FULL, acceptance_criteria: { rule_set: { op: "xor", rules: [] } } }).map((i) => i.path)).toEqual(["acceptance_criteria.rule_set.op"]);
  });

  it("prices: 0 allowed, negatives and amounts over 1,000,000 refused", () => {
    expect(issues({ ...FULL, pricing: { prices: [{ amount: 0 }] } })).toEqual([]);
    expect(issues({ ...FULL, pricing: { prices: [{ amount: -1 }] } }).map((i) => i.path)).toEqual(["pricing.prices.0.amount"]);
    expect(issues({ ...FULL, pricing: { prices: [{ amount: 1_000_001 }] } }).map((i) => i.path)).toEqual(["pricing.prices.0.amount"]);
    expect(issues({ ...FULL, pricing_service: { service_id: "x", fallback_price: -5 } }).map((i) => i.path)).toEqual(["pricing_service.fallback_price"]);
  });

  it("override: true requires empty prices", () => {
    expect(issues({ ...FULL, pricing: { override: true, prices: [{ amount: 1 }] } }).map((i) => i.path)).toEqual(["pricing.prices"]);
    expect(issues({ ...FULL, pricing: { override: true } })).toEqual([]);
  });

  it("caps: maximum or maximum_percent, percentages only nested, valid units and zones, unique ids", () => {
    expect(issues({ ...FULL, caps: [{ duration_units: "day" }] }).map((i) => i.path)).toEqual(["caps.0.maximum"]);
    expect(issues({ ...FULL, caps: [{ maximum: 1, maximum_percent: 5, duration_units: "day" }] }).map((i) => i.path)).toEqual(["caps.0.maximum_percent"]);
    expect(issues({ ...FULL, caps: [{ maximum_percent: 5, duration_units: "day" }] }).map((i) => i.path)).toEqual(["caps.0.maximum_percent"]);
    expect(issues({ ...FULL, caps: [{ maximum: 1, duration_units: "year" }] }).map((i) => i.path)).toEqual(["caps.0.duration_units"]);
    expect(issues({ ...FULL, caps: [{ maximum: 1, duration_units: "day", time_zone: "Mars/Olympus" }] }).map((i) => i.path)).toEqual(["caps.0.time_zone"]);
    const id = "5fd438f91f0d12766e2bfee5";
    expect(issues({ ...FULL, caps: [{ id, maximum: 1, duration_units: "day" }, { id, maximum: 1, duration_units: "day" }] }).map((i) => i.path)).toEqual(["caps.1.id"]);
  });

  it("schedule periods are HH:MM with start before end", () => {
    expect(issues({ ...FULL, schedule: { days: { monday: [{ start: "9:00", end: "12:00" }] } } }).map((i) => i.path)).toEqual(["schedule.days.monday.0.start"]);
    expect(issues({ ...FULL, schedule: { days: { monday: [{ start: "12:00", end: "08:00" }] } } }).map((i) => i.path)).toEqual(["schedule.days.monday.0.end"]);
  });

  it("steps: unknown type, duplicate ids, invalid search regex, bad templates, bad mapping properties", () => {
    expect(issues(withStep({ type: "router" })).map((i) => i.path)).toEqual(["steps.2.type"]);
    expect(issues(withStep({ type: "filter", id: "f00001" })).map((i) => i.path)).toEqual(["steps.2.id"]);
    const recipient = (mappings: unknown[]) => withStep({ type: "recipient", entity: ACME, integration: { module_id: "custom.outbound.json", mappings } });
    expect(issues(recipient([{ property: "outcome_search_term", value: "(unclosed" }])).map((i) => i.path)).toEqual(["steps.2.integration.mappings.0.value"]);
    expect(issues(recipient([{ property: "url", value: "{{#if}}" }])).map((i) => i.path)).toEqual(["steps.2.integration.mappings.0.value"]);
    expect(issues(recipient([{ property: "json_property..x", value: "1" }])).map((i) => i.path)).toEqual(["steps.2.integration.mappings.0.property"]);
  });

  it("sources: one per entity; ping settings accepted and kept", () => {
    const dup = { ...FULL, sources: [FULL.sources[0], { entity: ENTITY }] };
    expect(issues(dup).map((i) => i.path)).toEqual(["sources.1.entity.id"]);
    expect(flowDocumentSchema.parse({ ...FULL, ping_enabled: true, ping_limits: [{ x: 1 }] }).ping_limits).toEqual([{ x: 1 }]);
  });

  it("reads LeadConduit's single source feedback form as both types", () => {
    const doc = { ...FULL, sources: [{ entity: ENTITY, feedback: { rule_set: null, integration: { module_id: "custom.outbound.json", mappings: [] } } }] };
    const fb = flowDocumentSchema.parse(doc).sources[0].feedback;
    expect(fb?.return?.enabled).toBe(true);
    expect(fb?.conversion?.integration?.module_id).toBe("custom.outbound.json");
  });
});

describe("normalizeFlowDocument", () => {
  it("assigns 6-character short ids where missing and keeps existing ones; caps get 24-hex ids", () => {
    const doc = normalizeFlowDocument(flowDocumentSchema.parse(FULL));
    const short = /^[0-9a-zA-Z]{6}$/;
    expect(doc.sources[0].id).toBe("a1b2c3");
    expect(doc.steps[0].id).toBe("f00001");
    expect(doc.steps[1].id).toBe("r00001");
    expect(doc.acceptance_criteria?.rule_set?.id).toMatch(short);
    expect((doc.acceptance_criteria?.rule_set?.rules[0] as { id?: string }).id).toMatch(short);
    expect(doc.pricing?.prices[0].id).toMatch(short);
    expect(doc.sources[0].integration.mappings[0].id).toMatch(short);
    expect(doc.suppression?.lists[0].id).toMatch(short);
    expect(doc.caps[0].id).toMatch(/^[0-9a-f]{24}$/);
    expect(doc.caps[0].caps[0].id).toMatch(/^[0-9a-f]{24}$/);
    expect(doc.caps[0].name).toBe("Daily");
    expect(doc.caps[0].caps[0].name).toBe("TX share");
    expect(doc.sources[0].caps[0].name).toBe("Solar Leads: Vendor A Source - Cap 1");
    expect((doc.steps[1] as { caps: Array<{ name?: string }> }).caps[0].name).toBe("Solar Leads: Acme CRM Step - Cap 1");
    expect(flowDocumentSchema.safeParse(doc).success).toBe(true);
    // Idempotent.
    expect(normalizeFlowDocument(doc)).toEqual(doc);
  });
});
