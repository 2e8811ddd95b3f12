/**
 * Support's view over real HTTP: lead search, one lead with its events, replay without side
 * effects, cap counters and the delivery outbox read-out.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { apiClient, signIn, type ApiClient } from "./harness";
import { deployFlow, source, submit, type Deployed } from "./intake-fixtures";

const TX = { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "TX" }] };

let api: ApiClient;
let flow: Deployed;
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await signIn();
  flow = await deployFlow({
    name: "Search flow",
    fields: ["first_name", "last_name", "email", "phone_1", "state"],
    acceptance_criteria: { rule_set: TX, outcome: "failure", reason: "Lead must live in TX" },
    suppression: { duplicate: { enabled: true, fields: ["email"], match: "all", lookback: null, scope: "flow" }, lists: [] },
    pricing: { prices: [{ amount: 8, rule_set: null }] },
    caps: [{ id: "capday", type: "volume", name: "Daily", maximum: 10, duration: 1, duration_units: "day", time_zone: "America/Chicago", caps: [{ id: "capstx", type: "volume", name: "TX half", maximum_percent: 50, duration: 1, duration_units: "day", rule_set: TX, caps: [] }] }],
    sources: [source({ entity: { id: newId(), name: "Search Vendor" } })],
    steps: [],
  });
  const post = async (name: string, body: Record<string, string>) => {
    const r = await submit(flow.submitUrl, body);
    ids[name] = r.body.lead.id;
  };
  await post("ann", { first_name: "Ann", last_name: "Lee", email: "ann.search@example.com", phone_1: "5127891111", state: "TX" });
  await post("bob", { first_name: "Bob", last_name: "Stone", email: "bob.search@example.com", phone_1: "2125550000", state: "NY" });
  await post("ann2", { first_name: "Ann", last_name: "Lee", email: "ann.search@example.com", phone_1: "5127891111", state: "TX" });
});

describe("lead search and read", () => {
  it("filters by flow and outcome, newest first", async () => {
    const all = await api.get(`/api/leads?flow_id=${flow.flowId}`);
    expect(all.status).toBe(200);
    expect(all.body.data.map((l: { id: string }) => l.id)).toEqual([ids.ann2, ids.bob, ids.ann]);
    const failures = await api.get(`/api/leads?flow_id=${flow.flowId}&outcome=failure&include_total=true`);
    expect(failures.body.total).toBe(2);
    expect(failures.body.data[0]).toMatchObject({ outcome: "failure", reason: "Duplicate lead - seen 0 days ago", source: { name: "Search Vendor" }, flow: { name: "Search flow" } });
  });

  it("filters by field value, reason, text and rules; paginates with a cursor", async () => {
    const byState = await api.get(`/api/leads?flow_id=${flow.flowId}&field.state=ny`);
    expect(byState.body.data.map((l: { id: string }) => l.id)).toEqual([ids.bob]);
    const byArea = await api.get(`/api/leads?flow_id=${flow.flowId}&field.phone_1.area=512`);
    expect(byArea.body.data).toHaveLength(2);
    const byReason = await api.get(`/api/leads?flow_id=${flow.flowId}&reason=must%20live`);
    expect(byReason.body.data.map((l: { id: string }) => l.id)).toEqual([ids.bob]);
    const byText = await api.get(`/api/leads?flow_id=${flow.flowId}&q=sto`);
    expect(byText.body.data.map((l: { id: string }) => l.id)).toEqual([ids.bob]);
    const rules = encodeURIComponent(JSON.stringify([{ lhv: "lead.first_name", op: "is equal to", rhv: "ann" }]));
    const byRules = await api.get(`/api/leads?flow_id=${flow.flowId}&rules=${rules}`);
    expect(byRules.body.data).toHaveLength(2);
    const page1 = await api.get(`/api/leads?flow_id=${flow.flowId}&limit=2`);
    expect(page1.body.data).toHaveLength(2);
    const page2 = await api.get(`/api/leads?flow_id=${flow.flowId}&limit=2&cursor=${page1.body.next_cursor}`);
    expect(page2.body.data.map((l: { id: string }) => l.id)).toEqual([ids.ann]);
    expect(page2.body.next_cursor).toBeNull();
  });

  it("rejects bad parameters with the error envelope", async () => {
    expect((await api.get(`/api/leads?limit=abc`)).body).toMatchObject({ error: "bad_request" });
    expect((await api.get(`/api/leads?cursor=garbage`)).status).toBe(400);
    expect((await api.get(`/api/leads?rules=${encodeURIComponent('[{"lhv":"x","op":"is equalz to","rhv":1}]')}`)).status).toBe(422);
    expect((await api.get(`/api/leads/${newId()}`)).status).toBe(404);
  });

  it("reads one lead with its events; one event with its vars", async () => {
    const lead = await api.get(`/api/leads/${ids.ann}`);
    expect(lead.body).toMatchObject({ id: ids.ann, outcome: "success", price: 8, flow: { id: flow.flowId } });
    // The parsed submitted data (07 §2.8), as the source sent it.
    expect(lead.body.submitted).toEqual({ first_name: "Ann", last_name: "Lee", email: "ann.search@example.com", phone_1: "5127891111", state: "TX" });
    const source = lead.body.events.at(-1);
    expect(source).toMatchObject({ type: "source", outcome: "success", cap_ids: expect.arrayContaining(["capday", "capstx"]) });
    expect(source.vars).toBeUndefined();
    const one = await api.get(`/api/leads/${ids.ann}/events/${source.id}`);
    expect(one.body.vars.lead.email.normal).toBe("ann.search@example.com");
  });
});

describe("replay without side effects", () => {
  it("reports what would happen now, and writes nothing", async () => {
    const before = await api.get(`/api/caps?flow_id=${flow.flowId}`);
    const r = await api.post(`/api/leads/${ids.bob}/replay`, {});
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ replay: true, lead_id: ids.bob, outcome: "failure", reason: "Lead must live in TX", price: 0, differences: {} });
    // A draft that accepts every state: the replay would succeed (Bob's email is unique).
    const doc = structuredClone(flow.document) as Record<string, any>;
    doc.acceptance_criteria = null;
    const draft = await api.post(`/api/leads/${ids.bob}/replay`, { document: doc });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ outcome: "success", price: 8, flow_version: "draft", differences: { outcome: ["failure", "success"], price: [0, 8] } });
    // Ann's own success does not make her replay a duplicate of herself.
    const ann = await api.post(`/api/leads/${ids.ann}/replay`, { timestamp: "original" });
    expect(ann.body.outcome).toBe("success");
    const after = await api.get(`/api/caps?flow_id=${flow.flowId}`);
    expect(after.body).toEqual(before.body);
    const leads = await api.get(`/api/leads?flow_id=${flow.flowId}&include_total=true`);
    expect(leads.body.total).toBe(3);
  });

  it("validates the body and the draft document; viewers may not replay", async () => {
    expect((await api.post(`/api/leads/${ids.bob}/replay`, { services: "maybe" })).status).toBe(422);
    const bad = await api.post(`/api/leads/${ids.bob}/replay`, { document: { name: "x", fields: [], acceptance_criteria: { rule_set: { op: "and", rules: [{ lhv: "state", op: "is equalz to", rhv: "TX" }] } } } });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0].path).toMatch(/^document\.acceptance_criteria\.rule_set\.rules\.0/);
    const anonymous = apiClient({});
    expect((await anonymous.post(`/api/leads/${ids.bob}/replay`, {})).status).toBe(401);
  });
});

describe("testing a pasted lead against a draft", () => {
  it("runs typed-in data like a lead, against a draft, without storing anything", async () => {
    const sourceId = (flow.document.sources as { entity: { id: string } }[])[0]!.entity.id;
    const body = { source_id: sourceId, submitted: { first_name: "Zed", email: "zed@example.com", state: "tx" }, flow_version: "deployed" };
    const r = await api.post(`/api/flows/${flow.flowId}/test`, body);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ outcome: "success", price: 8, flow_version: 1 });
    const refused = await api.post(`/api/flows/${flow.flowId}/test`, { ...body, submitted: { state: "NY" } });
    expect(refused.body).toMatchObject({ outcome: "failure", reason: "Lead must live in TX" });
    expect((await api.get(`/api/leads?flow_id=${flow.flowId}&include_total=true`)).body.total).toBe(3);
    expect((await api.post(`/api/flows/${flow.flowId}/test`, { ...body, source_id: newId() })).status).toBe(422);
    const types = await api.get(`/api/types`);
    expect(types.body.data.find((t: { name: string }) => t.name === "phone").components).toContain("area");
  });
});

describe("cap counters and deliveries", () => {
  it("shows counts, reservations and the effective maximum of percentage caps", async () => {
    const caps = await api.get(`/api/caps?flow_id=${flow.flowId}`);
    expect(caps.status).toBe(200);
    const day = caps.body.data.find((c: { id: string }) => c.id === "capday");
    const tx = caps.body.data.find((c: { id: string }) => c.id === "capstx");
    expect(day).toMatchObject({ count: 1, reserved: 0, effective_maximum: 10, remaining: 9, fill_rate: 0.1, parent_id: null, cap_ids: ["capstx"] });
    expect(tx).toMatchObject({ count: 1, effective_maximum: 5, maximum_percent: 50, parent_id: "capday" });
    expect((await api.get(`/api/caps/capstx`)).body).toMatchObject({ id: "capstx" });
    expect((await api.get(`/api/caps/nosuch`)).status).toBe(404);
  });

  it("lists deliveries by status", async () => {
    const r = await api.get(`/api/deliveries?status=retrying&status=exhausted`);
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body.data)).toBe(true);
    expect((await api.get(`/api/deliveries?status=bogus`)).status).toBe(400);
  });
});
