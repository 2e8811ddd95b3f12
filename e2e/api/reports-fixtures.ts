/**
 * The data set of spec 08 §5.1, written straight into the database of the server under test
 * with the intake's own writer (insertLead/insertEvents), so rows look exactly as intake writes
 * them. Every call makes fresh flow, entity and cap ids: tests never see each other's data.
 */
import type { SqlDb } from "@/lib/store/sql/connection";
import { insertEvents, insertLead, type LeadRecord } from "@/lib/store/intake/write-completion";
import type { LeadEvent } from "@/lib/engine/types";
import { newId } from "@/lib/ids";

export interface SpecDataSet {
  flowId: string;
  sourceA: string;
  sourceB: string;
  crm: string;
  capB: string;
  leads: Record<string, string>;
}

interface LeadSpec {
  name: string;
  source: "A" | "B";
  at: string;
  outcome: "success" | "failure" | "error";
  reason: string | null;
  price: number;
  state: string;
  filter?: "continue" | "stop";
  crm?: { outcome: "success" | "failure"; reason?: string; sale: number };
  capIds?: "B";
  rejectedByCap?: "B";
}

/** 08 §5.1, row by row. */
const LEADS: LeadSpec[] = [
  { name: "L1", source: "A", at: "2024-01-15T15:00:00Z", outcome: "success", reason: null, price: 15, state: "TX", filter: "continue", crm: { outcome: "success", sale: 40 } },
  { name: "L2", source: "A", at: "2024-01-15T16:30:00Z", outcome: "success", reason: null, price: 10, state: "TX", filter: "continue", crm: { outcome: "failure", reason: "Rejected by buyer", sale: 0 } },
  { name: "L3", source: "A", at: "2024-01-15T18:00:00Z", outcome: "failure", reason: "Lead must live in TX", price: 0, state: "OK" },
  { name: "L4", source: "B", at: "2024-01-15T20:00:00Z", outcome: "failure", reason: "Duplicate lead - seen 4 days ago", price: 0, state: "TX" },
  { name: "L5", source: "B", at: "2024-01-15T22:00:00Z", outcome: "success", reason: null, price: 8, state: "TX", filter: "continue", crm: { outcome: "success", sale: 40 }, capIds: "B" },
  { name: "L6", source: "B", at: "2024-01-16T03:00:00Z", outcome: "failure", reason: "Daily cap reached: Vendor B", price: 0, state: "TX", rejectedByCap: "B" },
  { name: "L7", source: "B", at: "2024-01-16T07:00:00Z", outcome: "error", reason: "Flow is disabled", price: 0, state: "TX" },
  { name: "L8", source: "A", at: "2024-01-16T15:00:00Z", outcome: "success", reason: null, price: 15, state: "TX", filter: "continue", crm: { outcome: "success", sale: 40 } },
  // Priced 15 before the filter stopped it; a failed lead records 0 (00 §2).
  { name: "L9", source: "A", at: "2024-01-16T17:00:00Z", outcome: "failure", reason: "Outside service area", price: 0, state: "LA", filter: "stop" },
];

function flowDocument(ids: Omit<SpecDataSet, "leads">, secondStep: boolean) {
  return {
    id: ids.flowId,
    name: "TX Solar",
    fields: ["state"],
    caps: [],
    sources: [
      { id: "srcA01", entity: { id: ids.sourceA, name: "Vendor A" }, caps: [], enabled: true },
      {
        id: "srcB01",
        entity: { id: ids.sourceB, name: "Vendor B" },
        caps: [
          {
            id: ids.capB,
            type: "volume",
            name: "Vendor B daily",
            maximum: 1,
            duration: 1,
            duration_units: "day",
            time_zone: "America/Chicago",
            window: "calendar",
            reason: "Daily cap reached: Vendor B",
            caps: [],
          },
        ],
        enabled: true,
      },
    ],
    steps: [
      {
        type: "filter",
        id: "f00001",
        description: "Stop non-TX",
        rule_set: { op: "and", rules: [{ lhv: "lead.state", op: "is not equal to", rhv: "TX" }] },
        outcome: "failure",
        reason: "Outside service area",
        enabled: true,
      },
      {
        type: "recipient",
        id: "r00001",
        entity: { id: ids.crm, name: "CRM" },
        integration: { module_id: "custom.outbound.json", mappings: [] },
        caps: [],
        pricing: { override: false, prices: [{ amount: 40, rule_set: null }] },
        enabled: true,
      },
      ...(secondStep
        ? [{ type: "recipient", id: "r00002", description: "CRM backup", entity: { id: ids.crm, name: "CRM" }, integration: { module_id: "custom.outbound.json", mappings: [] }, caps: [], enabled: true }]
        : []),
    ],
  };
}

const base = (lead: LeadRecord, sequence: number, at: string) => ({
  id: newId(),
  lead_id: lead.id,
  flow_id: lead.flowId,
  flow_version: 1,
  source_id: lead.sourceId,
  sequence,
  timestamp: new Date(at).toISOString(),
});

/**
 * Writes the 08 §5.1 data set. `secondDeliveryForL1`: L1 is also delivered, successfully, by a
 * second recipient step (the by_lead vector of 08 §5.2).
 */
export async function seedSpecDataSet(sql: SqlDb, options: { secondDeliveryForL1?: boolean } = {}): Promise<SpecDataSet> {
  const ids = { flowId: newId(), sourceA: newId(), sourceB: newId(), crm: newId(), capB: newId() };
  const now = sql.time(new Date());
  const leads: Record<string, string> = {};
  await sql.tx(async (q) => {
    for (const [id, name, kind] of [
      [ids.sourceA, "Vendor A", "source"],
      [ids.sourceB, "Vendor B", "source"],
      [ids.crm, "CRM", "recipient"],
    ]) {
      await q.run(`INSERT INTO "Entity" ("id", "name", "kind", "description", "createdAt", "updatedAt") VALUES (?, ?, ?, '', ?, ?)`, [id, name, kind, now, now]);
    }
    await q.run(
      `INSERT INTO "Flow" ("id", "name", "description", "enabled", "latestVersion", "deployedVersion", "createdAt", "updatedAt") VALUES (?, 'TX Solar', '', ?, 1, 1, ?, ?)`,
      [ids.flowId, true, now, now],
    );
    await q.run(`INSERT INTO "FlowVersion" ("id", "flowId", "version", "document", "note", "createdAt") VALUES (?, ?, 1, ?, '', ?)`, [
      newId(),
      ids.flowId,
      JSON.stringify(flowDocument(ids, options.secondDeliveryForL1 === true)),
      now,
    ]);

    for (const spec of LEADS) {
      const at = new Date(spec.at);
      const lead: LeadRecord = {
        id: newId(),
        flowId: ids.flowId,
        flowVersion: 1,
        sourceId: spec.source === "A" ? ids.sourceA : ids.sourceB,
        flowSourceId: spec.source === "A" ? "srcA01" : "srcB01",
        outcome: spec.outcome,
        reason: spec.reason,
        price: spec.price,
        decidedBy: spec.rejectedByCap ? "caps" : "completed",
        receivedAt: at,
        completedAt: new Date(at.getTime() + 250),
        fields: { state: { raw: spec.state, normal: spec.state, valid: true } },
        isTest: false,
      };
      leads[spec.name] = lead.id;
      const events: Record<string, unknown>[] = [];
      if (spec.filter) {
        events.push({
          ...base(lead, events.length, spec.at),
          type: "filter",
          step_id: "f00001",
          outcome: spec.filter,
          reason: spec.filter === "stop" ? "Outside service area" : null,
          ms: 2,
          lead_outcome: spec.filter === "stop" ? "failure" : null,
        });
      }
      const delivery = (stepId: string, outcome: "success" | "failure", reason: string | null, sale: number) => ({
        ...base(lead, events.length, spec.at),
        type: "recipient",
        step_id: stepId,
        outcome,
        reason,
        ms: 120,
        recipient_id: ids.crm,
        recipient_name: "CRM",
        caps: [],
        caps_reached: false,
        price: 40,
        sale_price: sale,
        revenue: sale,
        purchase_price: spec.price,
        cost: spec.price,
      });
      if (spec.crm) events.push(delivery("r00001", spec.crm.outcome, spec.crm.reason ?? null, spec.crm.sale));
      if (spec.name === "L1" && options.secondDeliveryForL1) events.push(delivery("r00002", "success", null, 0));
      events.push({
        ...base(lead, events.length, spec.at),
        type: "source",
        step_id: null,
        outcome: spec.outcome,
        reason: spec.reason,
        ms: 150,
        purchase_price: spec.price,
        cost: spec.price,
        cap_reached: spec.rejectedByCap !== undefined,
        cap_ids: spec.capIds ? [ids.capB] : [],
        rejected_by_cap_id: spec.rejectedByCap ? ids.capB : null,
        appended: { score: spec.price > 9 ? "high" : "low" },
      });
      await insertLead(q, sql, lead);
      await insertEvents(q, sql, lead, events as unknown as LeadEvent[]);
      if (spec.name === "L8") {
        // CRM returns L8 (08 §5.1): a feedback-received event of type return.
        const recipientEvent = events.find((e) => e.type === "recipient")!;
        const feedback = {
          ...base(lead, events.length, "2024-01-16T22:00:00Z"),
          type: "feedback-received",
          step_id: "r00001",
          outcome: "success",
          reason: null,
          ms: 5,
          recipient_id: ids.crm,
          recipient_event_id: recipientEvent.id,
          via: "api",
          vars: { feedback: { type: "return", reason: "Bad phone" } },
        };
        await q.run(
          `INSERT INTO "Event" ("id", "leadId", "sequence", "type", "stepId", "flowId", "sourceId", "outcome", "reason", "timestamp", "ms", "price", "recipientId", "document")
           VALUES (?, ?, ?, 'feedback-received', 'r00001', ?, ?, 'success', NULL, ?, 5, 0, ?, ?)`,
          [feedback.id, lead.id, feedback.sequence, lead.flowId, lead.sourceId, sql.time(new Date(feedback.timestamp)), ids.crm, JSON.stringify(feedback)],
        );
      }
    }
  });
  return { ...ids, leads };
}

/**
 * `count` failed source events with distinct reasons in one hour, for the row limit: enough rows
 * that `group_by=reason` exceeds 10,000 (08 §4.2).
 */
export async function seedManyReasons(sql: SqlDb, count: number): Promise<string> {
  const flowId = newId();
  const sourceId = newId();
  const at = sql.time(new Date("2024-02-01T12:00:00Z"));
  const chunk = 400;
  await sql.tx(async (q) => {
    for (let i = 0; i < count; i += chunk) {
      const n = Math.min(chunk, count - i);
      const leadIds = Array.from({ length: n }, () => newId());
      await q.run(
        `INSERT INTO "Lead" ("id", "flowId", "flowVersion", "sourceId", "outcome", "reason", "price", "receivedAt", "completedAt", "fields", "isTest") VALUES ${leadIds.map(() => `(?, ?, 1, ?, 'failure', ?, 0, ?, ?, '{}', ?)`).join(", ")}`,
        leadIds.flatMap((id, k) => [id, flowId, sourceId, `reason ${i + k}`, at, at, false]),
      );
      await q.run(
        `INSERT INTO "Event" ("id", "leadId", "sequence", "type", "stepId", "flowId", "sourceId", "outcome", "reason", "timestamp", "ms", "price", "recipientId", "document") VALUES ${leadIds.map(() => `(?, ?, 0, 'source', NULL, ?, ?, 'failure', ?, ?, 0, 0, NULL, '{}')`).join(", ")}`,
        leadIds.flatMap((id, k) => [newId(), id, flowId, sourceId, `reason ${i + k}`, at]),
      );
    }
  });
  return flowId;
}
