import { db } from "@/lib/store/prisma";
import { upsertUser } from "@/lib/store/admin/users";
import { flowDocumentSchema, normalizeFlowDocument } from "@/lib/schemas/flow";

export const DEMO = {
  email: "demo@leadflow.local",
  password: "leadflow-demo",
  flowId: "5fd4371e940df5a34a3888b2",
  sourceId: "6369a0e534c9d4ebe142e0ef",
  recipientId: "6369a0e534c9d4ebe142e0f0",
  /** The demo buyer: a local stub started by `npm run demo` that accepts every lead. */
  buyerUrl: "http://127.0.0.1:3001/leads",
};

/** The "TX Solar" flow of spec 00 §4: fields, one source, acceptance criteria, pricing, a cap, a recipient. */
export function demoFlowDocument() {
  return {
    id: DEMO.flowId,
    name: "TX Solar",
    fields: ["first_name", "last_name", "email", "phone_1", "state", "postal_code", "trustedform_cert_url"],
    acceptance_criteria: {
      rule_set: {
        op: "and",
        rules: [
          { lhv: "lead.email", op: "is not blank" },
          { lhv: "lead.phone_1", op: "format is valid" },
          { lhv: "lead.state", op: "is equal to", rhv: "TX" },
        ],
      },
      outcome: "failure",
      reason: "",
    },
    suppression: {
      duplicate: { enabled: true, fields: ["email"], match: "all", lookback: { value: 30, interval: "day" }, scope: "flow" },
      lists: [],
    },
    pricing: { override: false, prices: [{ amount: 8, rule_set: null }] },
    caps: [
      {
        type: "volume",
        name: "Daily",
        maximum: 100,
        duration: 1,
        duration_units: "day",
        time_zone: "America/Chicago",
        rule_set: null,
        caps: [],
      },
    ],
    sources: [
      {
        id: "src001",
        entity: { id: DEMO.sourceId, name: "Vendor A" },
        integration: { module_id: "leadconduit-default.inbound", mappings: [] },
        pricing: {
          override: false,
          prices: [
            { amount: 10, rule_set: null },
            { amount: 15, rule_set: { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "TX" }] } },
          ],
        },
        caps: [],
        enabled: true,
        authentication_required: false,
      },
    ],
    steps: [
      {
        type: "recipient",
        id: "r00001",
        description: "Acme CRM",
        entity: { id: DEMO.recipientId, name: "Acme CRM" },
        integration: {
          module_id: "custom.outbound.json",
          mappings: [
            { property: "url", value: DEMO.buyerUrl },
            { property: "json_property.contact.email", value: "{{lead.email}}" },
            { property: "json_property.contact.name", value: "{{lead.first_name}} {{lead.last_name}}" },
            { property: "json_property.phone", value: "{{lead.phone_1}}" },
            { property: "json_property.lead_id", value: "{{lead.id}}" },
            { property: "outcome_search_term", value: "accepted" },
            { property: "outcome_search_path", value: "status" },
            { property: "reason_path", value: "message" },
          ],
        },
        rule_set: null,
        enabled: true,
        retry_enabled: true,
        purpose: "delivery",
      },
    ],
  };
}

/** Creates the demo admin and the demo flow (idempotent). */
export async function seedDemo() {
  await upsertUser({ email: DEMO.email, password: DEMO.password, name: "Demo Admin", role: "admin" });
  const client = db();
  await client.account.upsert({
    where: { id: "000000000000000000000001" },
    create: { id: "000000000000000000000001", name: "Demo account", timeZone: "America/Chicago" },
    update: {},
  });
  for (const [id, name, kind] of [
    [DEMO.sourceId, "Vendor A", "source"],
    [DEMO.recipientId, "Acme CRM", "recipient"],
  ] as const) {
    await client.entity.upsert({ where: { id }, create: { id, name, kind }, update: {} });
  }
  const existing = await client.flow.findUnique({ where: { id: DEMO.flowId } });
  if (!existing) {
    await client.flow.create({
      data: {
        id: DEMO.flowId,
        name: "TX Solar",
        description: "Demo flow: Texas solar leads from Vendor A, delivered to Acme CRM",
        latestVersion: 1,
        deployedVersion: 1,
        versions: { create: { id: "5fd4371e940df5a34a3888b3", version: 1, document: normalizeFlowDocument(flowDocumentSchema.parse(demoFlowDocument())) as object, note: "Demo flow" } },
      },
    });
  }
}
