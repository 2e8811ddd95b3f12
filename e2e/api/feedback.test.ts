/**
 * Feedback — returns and conversions (spec 06 §5) over real HTTP against the server and its
 * database: the buyers' endpoint `POST /feedback` (wire format of §5.3, transport errors of 07
 * §1.6), every feedback vector of 06 §7 (14–25), feedback sent to the source through a local stub,
 * concurrent identical reports, the admin route, CSV imports, the lead read API and reports.
 * Leads are made "N days old" by moving their submission time in the database (the server reads
 * the lead's age from there); everything else happens through the server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { flowDocumentSchema, normalizeFlowDocument } from "@/lib/schemas/flow";
import { openSqlDb, type SqlDb } from "@/lib/store/sql/connection";
import { as, type Client } from "./fixtures";
import { signIn, url, type ApiClient } from "./harness";
import { deployFlow, source, stubBuyer, submit, type Deployed, type Received } from "./intake-fixtures";

const DAY = 86_400_000;
const ANN = { first_name: "Ann", last_name: "Lee", phone_1: "5127891111", state: "TX" };

let sql: SqlDb;
let api: ApiClient;

beforeAll(async () => {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL of the server under test is required");
  sql = openSqlDb(process.env.DATABASE_URL);
  api = await signIn();
});

afterAll(async () => {
  await sql?.close();
});

type Stub = Awaited<ReturnType<typeof stubBuyer>>;
type Answer = { status?: number; type?: string; body?: string; delayMs?: number };

const stubs: Stub[] = [];
async function stub(respond?: (r: Received) => Answer) {
  const s = await stubBuyer(respond);
  stubs.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(stubs.map((s) => s.close()));
});

const DEFAULT_STEP_FEEDBACK = { return: { enabled: true, max_lead_age_days: 30 }, conversion: { enabled: true } };

/** The source's return feedback of 06 §5.2 / §7 #15: term `accepted`, reason path `msg`. */
function sourceReturns(target: string, extra: Record<string, unknown> = {}) {
  return {
    return: {
      enabled: true,
      integration: {
        module_id: "custom.outbound.json",
        mappings: [
          { property: "url", value: target },
          { property: "json_property.lead_id", value: "{{lead.id}}" },
          { property: "json_property.reason", value: "{{feedback.reason}}" },
          { property: "header.X-API-Key", value: "vendor-key-123" },
          { property: "outcome_search_term", value: "accepted" },
          { property: "reason_path", value: "msg" },
        ],
      },
      ...extra,
    },
    conversion: { enabled: false },
  };
}

/** A flow whose recipient steps map `event_id` into their request (06 §5.1) and accept on `accepted`. */
async function feedbackFlow(buyers: Stub[], options: { stepFeedback?: unknown; sourceFeedback?: unknown } = {}): Promise<Deployed> {
  return deployFlow({
    name: `Feedback ${newId()}`,
    fields: ["first_name", "last_name", "email", "phone_1", "state"],
    sources: [source(options.sourceFeedback ? { feedback: options.sourceFeedback } : {})],
    steps: buyers.map((b, i) => ({
      type: "recipient",
      description: `Buyer ${i + 1}`,
      entity: { id: newId(), name: `Buyer ${i + 1}` },
      integration: {
        module_id: "custom.outbound.json",
        mappings: [
          { property: "url", value: b.url },
          { property: "json_property.email", value: "{{lead.email}}" },
          { property: "json_property.event_id", value: "{{event_id}}" },
          { property: "outcome_search_term", value: "accepted" },
        ],
      },
      feedback: options.stepFeedback ?? DEFAULT_STEP_FEEDBACK,
      retry_enabled: false,
      purpose: "delivery",
    })),
  });
}

type Lead = { id: string; email: string; eventIds: string[] };

/** Submits a lead; the event ids are read from what each buyer received, as a buyer would. */
async function submitLead(flow: Deployed, buyers: Stub[], ageDays = 10): Promise<Lead> {
  const email = `ann.${newId()}@example.com`;
  const r = await submit(flow.submitUrl, { ...ANN, email });
  expect(r.status).toBe(201);
  const leadId = r.body.lead.id as string;
  const eventIds = buyers.map((b) => {
    const got = b.received.map((x) => JSON.parse(x.body)).find((body) => body.email === email);
    expect(got, "the buyer received the lead").toBeTruthy();
    return got.event_id as string;
  });
  if (ageDays > 0) await sql.run(`UPDATE "Lead" SET "receivedAt" = ? WHERE "id" = ?`, [sql.time(new Date(Date.now() - ageDays * DAY)), leadId]);
  return { id: leadId, email, eventIds };
}

type Reply = { status: number; headers: Headers; text: string; body: any };

async function postFeedback(query: string, body: string | null, headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" }, method = "POST"): Promise<Reply> {
  const res = await fetch(url(`/feedback${query}`), { method, headers, body: body ?? undefined });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* XML or plain text */
  }
  return { status: res.status, headers: res.headers, text, body: json };
}

const giveFeedback = (eventId: string, type: string, reason = "Wrong number") =>
  postFeedback(`?event_id=${eventId}`, `type=${encodeURIComponent(type)}&reason=${encodeURIComponent(reason)}`);

async function eventsOf(leadId: string): Promise<any[]> {
  const res = await api.get(`/api/leads/${leadId}`);
  expect(res.status).toBe(200);
  return res.body.events;
}

const feedbackEvents = async (leadId: string) => (await eventsOf(leadId)).filter((e) => e.type.startsWith("feedback-"));

async function eventCount(leadId: string): Promise<number> {
  const [row] = await sql.all<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "Event" WHERE "leadId" = ?`, [leadId]);
  return Number(row!.n);
}

/** A source feedback endpoint: answers `accepted` unless told otherwise. */
const sourceEndpoint = (respond?: (r: Received) => Answer) => stub(respond ?? (() => ({ body: '{"status":"accepted"}' })));

describe("06 §7 feedback vectors", () => {
  it("#14 a return of a 10-day-old lead with no source feedback: 201 success, one feedback-received event", async () => {
    const buyer = await stub();
    const flow = await feedbackFlow([buyer]);
    const lead = await submitLead(flow, [buyer], 10);
    const res = await postFeedback(`?event_id=${lead.eventIds[0]}`, "type=return&reason=Wrong+number");
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.text).toBe(JSON.stringify({ outcome: "success", reason: null, lead: { id: lead.id, email: lead.email, first_name: "Ann", last_name: "Lee", phone_1: "5127891111" } }));
    const fb = await feedbackEvents(lead.id);
    expect(fb).toHaveLength(1);
    expect(fb[0]).toMatchObject({
      type: "feedback-received",
      outcome: "success",
      reason: null,
      recipient_event_id: lead.eventIds[0],
      step_id: expect.any(String),
      via: "webhook",
      user: null,
      feedback_sent_event_id: null,
      feedback: { type: "return", reason: "Wrong number" },
      response: { status: 201, body: res.text },
    });
    expect(fb[0].request).toMatchObject({ method: "POST", body: "type=return&reason=Wrong+number" });
  });

  it("#15 the source refuses: feedback-sent failure `Not returnable`, and so is the received event", async () => {
    const buyer = await stub();
    const vendor = await sourceEndpoint(() => ({ body: '{"status":"refused","msg":"Not returnable"}' }));
    const flow = await feedbackFlow([buyer], { sourceFeedback: sourceReturns(vendor.url) });
    const lead = await submitLead(flow, [buyer]);
    const res = await giveFeedback(lead.eventIds[0]!, "return");
    expect(res.body).toMatchObject({ outcome: "failure", reason: "Not returnable" });
    expect(vendor.received).toHaveLength(1);
    expect(JSON.parse(vendor.received[0]!.body)).toEqual({ lead_id: lead.id, reason: "Wrong number" });
    const [received, sent] = await feedbackEvents(lead.id);
    expect(received).toMatchObject({ type: "feedback-received", outcome: "failure", reason: "Not returnable", feedback_sent_event_id: sent.id });
    expect(sent).toMatchObject({ type: "feedback-sent", outcome: "failure", reason: "Not returnable", feedback_received_event_id: received.id, source_id: flow.sourceId });
    expect(sent.sequence).toBe(received.sequence + 1);
    // Masked like a recipient exchange (06 §2.2).
    expect(sent.request.headers["X-API-Key"]).toBe("********");
    expect(JSON.stringify(sent.request)).not.toContain("vendor-key-123");
    expect(vendor.received[0]!.headers["x-api-key"]).toBe("vendor-key-123");
    expect(vendor.received[0]!.headers["idempotency-key"]).toBe(sent.id);
  });

  it("#16 an unknown type is refused and recorded: `Invalid feedback type: refund`", async () => {
    const buyer = await stub();
    const flow = await feedbackFlow([buyer]);
    const lead = await submitLead(flow, [buyer]);
    const res = await giveFeedback(lead.eventIds[0]!, "refund");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ outcome: "failure", reason: "Invalid feedback type: refund" });
    const fb = await feedbackEvents(lead.id);
    expect(fb).toHaveLength(1);
    expect(fb[0]).toMatchObject({ type: "feedback-received", outcome: "failure", reason: "Invalid feedback type: refund" });
  });

  it("#17 a return on a recipient event whose final outcome is failure is refused", async () => {
    const buyer = await stub(() => ({ body: '{"status":"rejected"}' }));
    const flow = await feedbackFlow([buyer]);
    const lead = await submitLead(flow, [buyer]);
    expect((await eventsOf(lead.id)).find((e) => e.type === "recipient").outcome).toBe("failure");
    const res = await giveFeedback(lead.eventIds[0]!, "return");
    expect(res.body).toMatchObject({ outcome: "failure", reason: "Lead was not accepted by this recipient" });
  });

  it("#18 a return 45 days after submission is too old (30-day limit)", async () => {
    const buyer = await stub();
    const flow = await feedbackFlow([buyer]);
    const lead = await submitLead(flow, [buyer], 45);
    const res = await giveFeedback(lead.eventIds[0]!, "return");
    expect(res.body).toMatchObject({ outcome: "failure", reason: "Lead is too old to return" });
    expect((await feedbackEvents(lead.id))[0]).toMatchObject({ outcome: "failure", reason: "Lead is too old to return" });
  });

  it("#19 a second return after a successful one is a duplicate", async () => {
    const buyer = await stub();
    const flow = await feedbackFlow([buyer]);
    const lead = await submitLead(flow, [buyer]);
    expect((await giveFeedback(lead.eventIds[0]!, "return")).body.outcome).toBe("success");
    const second = await giveFeedback(lead.eventIds[0]!, "return");
    expect(second.body).toMatchObject({ outcome: "failure", reason: "Duplicate feedback: return already received" });
    const fb = await feedbackEvents(lead.id);
    expect(fb.map((e) => [e.feedback.type, e.outcome, e.reason])).toEqual([
      ["return", "success", null],
      ["return", "failure", "Duplicate feedback: return already received"],
    ]);
  });

  it("#20 a conversion after a successful return succeeds", async () => {
    const buyer = await stub();
    const flow = await feedbackFlow([buyer]);
    const lead = await submitLead(flow, [buyer]);
    await giveFeedback(lead.eventIds[0]!, "return");
    const res = await postFeedback(`?event_id=${lead.eventIds[0]}`, "type=conversion");
    expect(res.body).toMatchObject({ outcome: "success", reason: null });
    expect((await feedbackEvents(lead.id)).at(-1)).toMatchObject({ outcome: "success", feedback: { type: "conversion", reason: null } });
  });

  it("#21 an unknown event id, or a filter / source event's id: 404, nothing stored", async () => {
    const buyer = await stub();
    const flow = await deployFlow({
      name: `Feedback filter ${newId()}`,
      fields: ["email", "state"],
      sources: [source()],
      steps: [
        { type: "filter", description: "Not CA", rule_set: { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "CA" }] }, outcome: "failure", reason: "No CA" },
        {
          type: "recipient",
          entity: { id: newId(), name: "Buyer" },
          integration: { module_id: "custom.outbound.json", mappings: [{ property: "url", value: buyer.url }, { property: "json_property.event_id", value: "{{event_id}}" }] },
          feedback: DEFAULT_STEP_FEEDBACK,
          retry_enabled: false,
        },
      ],
    });
    const r = await submit(flow.submitUrl, { email: `x.${newId()}@example.com`, state: "TX" });
    const events = await eventsOf(r.body.lead.id);
    const filterEvent = events.find((e) => e.type === "filter");
    const sourceEvent = events.find((e) => e.type === "source");
    expect(filterEvent && sourceEvent).toBeTruthy();
    const before = await eventCount(r.body.lead.id);
    for (const id of [newId(), filterEvent.id, sourceEvent.id, "not-an-id", filterEvent.id.toUpperCase()]) {
      const res = await giveFeedback(id, "return");
      expect(res.status, id).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(res.text).toBe('{"message":"Not found"}');
    }
    expect((await postFeedback("", "type=return")).status).toBe(404);
    expect(await eventCount(r.body.lead.id)).toBe(before);
  });

  it("#21 (retention) an expired or purged lead's recipient event id: 404, nothing stored", async () => {
    const buyer = await stub();
    const flow = await feedbackFlow([buyer]);
    const expired = await submitLead(flow, [buyer]);
    // Past its expires_at but not yet purged (06 §4): already gone for feedback.
    const past = new Date(Date.now() - DAY).toISOString();
    const setExpiry =
      sql.provider === "sqlite"
        ? `UPDATE "Event" SET "document" = json_set("document", '$.expires_at', ?) WHERE "id" = ?`
        : `UPDATE "Event" SET "document" = jsonb_set("document", '{expires_at}', to_jsonb(?::text)) WHERE "id" = ?`;
    await sql.run(setExpiry, [past, expired.eventIds[0]]);
    const before = await eventCount(expired.id);
    expect((await giveFeedback(expired.eventIds[0]!, "return")).status).toBe(404);
    expect(await eventCount(expired.id)).toBe(before);

    const purged = await submitLead(flow, [buyer]);
    await sql.run(`DELETE FROM "Event" WHERE "leadId" = ?`, [purged.id]);
    await sql.run(`DELETE FROM "Lead" WHERE "id" = ?`, [purged.id]);
    expect((await giveFeedback(purged.eventIds[0]!, "return")).status).toBe(404);
    expect(await eventCount(purged.id)).toBe(0);
  });

  it("#22 failing source feedback rules: feedback-sent skip with the rule's reason, received success", async () => {
    const buyer = await stub();
    const vendor = await sourceEndpoint();
    const rules = { op: "and", rules: [{ lhv: "feedback.reason", op: "is equal to", rhv: "Fraud" }] };
    const flow = await feedbackFlow([buyer], { sourceFeedback: sourceReturns(vendor.url, { rule_set: rules }) });
    const lead = await submitLead(flow, [buyer]);
    const res = await giveFeedback(lead.eventIds[0]!, "return");
    expect(res.body).toMatchObject({ outcome: "success", reason: null });
    const [received, sent] = await feedbackEvents(lead.id);
    expect(received).toMatchObject({ outcome: "success", feedback_sent_event_id: sent.id });
    expect(sent).toMatchObject({ type: "feedback-sent", outcome: "skip", reason: expect.stringContaining("Fraud"), request: null, response: null });
    expect(vendor.received).toHaveLength(0);
  });

  it("#23 a source that times out: sent error `Request timed out after 10000 ms`, received error; a later identical call succeeds", async () => {
    const buyer = await stub();
    let calls = 0;
    const vendor = await sourceEndpoint(() => (++calls === 1 ? { delayMs: 11_000, body: '{"status":"accepted"}' } : { body: '{"status":"accepted"}' }));
    const flow = await feedbackFlow([buyer], { sourceFeedback: sourceReturns(vendor.url) });
    const lead = await submitLead(flow, [buyer]);
    const first = await giveFeedback(lead.eventIds[0]!, "return");
    expect(first.body).toMatchObject({ outcome: "error", reason: "Request timed out after 10000 ms" });
    const second = await giveFeedback(lead.eventIds[0]!, "return");
    expect(second.body).toMatchObject({ outcome: "success", reason: null });
    const fb = await feedbackEvents(lead.id);
    expect(fb.map((e) => [e.type, e.outcome, e.reason])).toEqual([
      ["feedback-received", "error", "Request timed out after 10000 ms"],
      ["feedback-sent", "error", "Request timed out after 10000 ms"],
      ["feedback-received", "success", null],
      ["feedback-sent", "success", null],
    ]);
    expect(fb[1]).toMatchObject({ response: null, error: "Request timed out after 10000 ms" });
    expect(vendor.received).toHaveLength(2);
  });

  it("#24 buyer 2 returns the same lead after buyer 1's return was sent: received success, sent skip `Already sent to source`", async () => {
    const buyers = [await stub(), await stub()];
    const vendor = await sourceEndpoint();
    const flow = await feedbackFlow(buyers, { sourceFeedback: sourceReturns(vendor.url) });
    const lead = await submitLead(flow, buyers);
    expect((await giveFeedback(lead.eventIds[0]!, "return")).body.outcome).toBe("success");
    const res = await giveFeedback(lead.eventIds[1]!, "return", "Duplicate lead");
    expect(res.body).toMatchObject({ outcome: "success", reason: null });
    const fb = await feedbackEvents(lead.id);
    expect(fb.map((e) => [e.type, e.recipient_event_id, e.outcome, e.reason])).toEqual([
      ["feedback-received", lead.eventIds[0], "success", null],
      ["feedback-sent", lead.eventIds[0], "success", null],
      ["feedback-received", lead.eventIds[1], "success", null],
      ["feedback-sent", lead.eventIds[1], "skip", "Already sent to source"],
    ]);
    expect(vendor.received).toHaveLength(1);
  });

  it("#25 conversions disabled on the step: `Feedback type conversion is not enabled for this recipient`", async () => {
    const buyer = await stub();
    const flow = await feedbackFlow([buyer], { stepFeedback: { return: { enabled: true }, conversion: { enabled: false } } });
    const lead = await submitLead(flow, [buyer]);
    const res = await giveFeedback(lead.eventIds[0]!, "conversion");
    expect(res.body).toMatchObject({ outcome: "failure", reason: "Feedback type conversion is not enabled for this recipient" });
  });
});

/** Deploys `document` as the flow's next version, as the deploy route would. */
async function deployNextVersion(flowId: string, document: Record<string, unknown>) {
  const [row] = await sql.all<{ v: number | string }>(`SELECT "latestVersion" AS "v" FROM "Flow" WHERE "id" = ?`, [flowId]);
  const version = Number(row!.v) + 1;
  const doc = normalizeFlowDocument(flowDocumentSchema.parse(document));
  await sql.run(`INSERT INTO "FlowVersion" ("id","flowId","version","document","note","createdAt") VALUES (?,?,?,?,?,?)`, [newId(), flowId, version, JSON.stringify(doc), "", sql.time(new Date())]);
  await sql.run(`UPDATE "Flow" SET "latestVersion" = ?, "deployedVersion" = ? WHERE "id" = ?`, [version, version, flowId]);
}

describe("which settings apply (06 §5.4 step 2)", () => {
  it("the deployed version's step settings; the lead's own version's when the step is gone", async () => {
    const buyer = await stub();
    const flow = await feedbackFlow([buyer]);
    const lead = await submitLead(flow, [buyer]);
    const v1 = flow.document as { steps: Array<Record<string, unknown>> };
    // v2 turns conversions off on the step: that applies to leads processed with v1 too.
    await deployNextVersion(flow.flowId, { ...v1, steps: [{ ...v1.steps[0], feedback: { return: { enabled: true }, conversion: { enabled: false } } }] });
    expect((await giveFeedback(lead.eventIds[0]!, "conversion")).body).toMatchObject({ outcome: "failure", reason: "Feedback type conversion is not enabled for this recipient" });
    // v3 has no such step any more: the settings the lead was processed with (v1) apply.
    await deployNextVersion(flow.flowId, { ...v1, steps: [] });
    expect((await giveFeedback(lead.eventIds[0]!, "conversion")).body).toMatchObject({ outcome: "success", reason: null });
    const fb = await feedbackEvents(lead.id);
    expect(fb.map((e) => [e.outcome, e.feedback.config])).toEqual([
      ["failure", { enabled: false }],
      ["success", { enabled: true }],
    ]);
  });
});

describe("POST /feedback wire format (06 §5.3, 07 §1)", () => {
  let buyer: Stub;
  let flow: Deployed;
  beforeAll(async () => {
    buyer = await stub();
    flow = await feedbackFlow([buyer]);
  });

  it("takes JSON and XML bodies, and event_id in the body", async () => {
    const json = await submitLead(flow, [buyer]);
    const r1 = await postFeedback(`?event_id=${json.eventIds[0]}`, JSON.stringify({ type: "return", reason: "  Wrong number  " }), { "Content-Type": "application/json; charset=utf-8" });
    expect(r1.body).toMatchObject({ outcome: "success" });
    expect((await feedbackEvents(json.id))[0].feedback.reason).toBe("Wrong number");

    const xml = await submitLead(flow, [buyer]);
    const r2 = await postFeedback(`?event_id=${xml.eventIds[0]}`, "<feedback><type>conversion</type><reason>Signed &amp; paid</reason></feedback>", { "Content-Type": "text/xml" });
    expect(r2.body).toMatchObject({ outcome: "success" });
    expect((await feedbackEvents(xml.id))[0].feedback).toMatchObject({ type: "conversion", reason: "Signed & paid" });

    const inBody = await submitLead(flow, [buyer]);
    const r3 = await postFeedback("", `event_id=${inBody.eventIds[0]}&type=return`);
    expect(r3.status).toBe(201);
    const r4 = await postFeedback("", JSON.stringify({ event_id: inBody.eventIds[0], type: "conversion" }), { "Content-Type": "application/json" });
    expect(r4.body.outcome).toBe("success");
    expect((await feedbackEvents(inBody.id)).map((e) => e.feedback.type)).toEqual(["return", "conversion"]);
  });

  it("answers XML with root <result> when asked", async () => {
    const lead = await submitLead(flow, [buyer]);
    const res = await postFeedback(`?event_id=${lead.eventIds[0]}`, "type=refund", { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/xml" });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/xml");
    expect(res.text).toBe(
      '<?xml version="1.0"?>\n<result>\n  <outcome>failure</outcome>\n  <reason>Invalid feedback type: refund</reason>\n' +
        `  <lead>\n    <id>${lead.id}</id>\n    <email>${lead.email}</email>\n    <first_name>Ann</first_name>\n    <last_name>Lee</last_name>\n    <phone_1>5127891111</phone_1>\n  </lead>\n</result>`,
    );
    const ok = await postFeedback(`?event_id=${lead.eventIds[0]}`, "type=return", { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/xml" });
    expect(ok.headers.get("content-type")).toBe("text/xml");
    expect(ok.text).toContain("<outcome>success</outcome>\n  <lead>");
  });

  it("cuts the reason to 255 characters", async () => {
    const lead = await submitLead(flow, [buyer]);
    await giveFeedback(lead.eventIds[0]!, "return", `  ${"x".repeat(300)}  `);
    expect((await feedbackEvents(lead.id))[0].feedback.reason).toBe("x".repeat(255));
  });

  it("refuses transport problems as 07 §1.6 does, storing nothing", async () => {
    const lead = await submitLead(flow, [buyer]);
    const before = await eventCount(lead.id);
    const q = `?event_id=${lead.eventIds[0]}`;
    const get = await postFeedback(q, null, {}, "GET");
    expect([get.status, get.headers.get("allow"), get.text]).toEqual([405, "POST", "The GET method is not allowed"]);
    const put = await postFeedback(q, "type=return", { "Content-Type": "application/x-www-form-urlencoded" }, "PUT");
    expect([put.status, put.text]).toEqual([405, "The PUT method is not allowed"]);
    const html = await postFeedback(q, "type=return", { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" });
    expect([html.status, html.text]).toEqual([406, "Not capable of generating content according to the Accept header"]);
    const plain = await postFeedback(q, "type=return", { "Content-Type": "text/plain" });
    expect(plain.status).toBe(406);
    expect(plain.text).toMatch(/^MIME type in Content-Type header is not supported/);
    const noType = await fetch(url(`/feedback${q}`), { method: "POST", body: new Uint8Array(Buffer.from("type=return")) });
    expect([noType.status, await noType.text()]).toEqual([415, "Content-Type header is required"]);
    const badJson = await postFeedback(q, "{type:", { "Content-Type": "application/json" });
    expect(badJson.status).toBe(400);
    expect(badJson.text).toMatch(/^Unable to parse JSON -- /);
    const badXml = await postFeedback(q, "<feedback><type>", { "Content-Type": "application/xml" });
    expect(badXml.status).toBe(400);
    expect(badXml.text).toMatch(/^Body does not contain XML or XML is unparseable -- /);
    const huge = await postFeedback(q, `type=return&reason=${"x".repeat(70_000)}`);
    expect(huge.status).toBe(413);
    expect(await eventCount(lead.id)).toBe(before);
  });

  it("limits feedback per recipient (429 with Retry-After), storing nothing for the refused calls", async () => {
    const limit = Number(process.env.LEADFLOW_FEEDBACK_RATE_LIMIT);
    expect(limit, "lib/cli/test.ts starts the server with LEADFLOW_FEEDBACK_RATE_LIMIT").toBeGreaterThan(0);
    const lead = await submitLead(flow, [buyer]);
    const before = await eventCount(lead.id);
    // Three times the limit: a burst that straddles the limiter's one-second window still overflows it.
    const replies = await Promise.all(Array.from({ length: limit * 3 }, () => giveFeedback(lead.eventIds[0]!, "refund")));
    const limited = replies.filter((r) => r.status === 429);
    const handled = replies.filter((r) => r.status === 201);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.text).toBe('{"message":"Too many requests"}');
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(handled.length + limited.length).toBe(replies.length);
    expect(await eventCount(lead.id)).toBe(before + handled.length);
  });
});

describe("concurrency and what feedback leaves alone", () => {
  it("identical returns arriving together: exactly one succeeds and the source is called once", async () => {
    const buyer = await stub();
    const vendor = await sourceEndpoint(() => ({ delayMs: 150, body: '{"status":"accepted"}' }));
    const flow = await feedbackFlow([buyer], { sourceFeedback: sourceReturns(vendor.url) });
    const lead = await submitLead(flow, [buyer]);
    const replies = await Promise.all(Array.from({ length: 5 }, () => giveFeedback(lead.eventIds[0]!, "return")));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(replies.filter((r) => r.body.outcome === "success")).toHaveLength(1);
    expect(replies.filter((r) => r.body.reason === "Duplicate feedback: return already received")).toHaveLength(4);
    expect(vendor.received).toHaveLength(1);
    const fb = await feedbackEvents(lead.id);
    expect(fb.filter((e) => e.type === "feedback-received" && e.outcome === "success")).toHaveLength(1);
    expect(fb.filter((e) => e.type === "feedback-sent")).toHaveLength(1);
  });

  it("feedback events follow the lead's events in sequence order and change nothing about the lead", async () => {
    const buyer = await stub();
    const vendor = await sourceEndpoint();
    const flow = await feedbackFlow([buyer], { sourceFeedback: sourceReturns(vendor.url) });
    const lead = await submitLead(flow, [buyer]);
    const before = (await api.get(`/api/leads/${lead.id}`)).body;
    await giveFeedback(lead.eventIds[0]!, "return");
    await giveFeedback(lead.eventIds[0]!, "conversion");
    const after = (await api.get(`/api/leads/${lead.id}`)).body;
    expect(after.events.map((e: { type: string }) => e.type)).toEqual(["recipient", "source", "feedback-received", "feedback-sent", "feedback-received"]);
    expect(after.events.map((e: { sequence: number }) => e.sequence)).toEqual([0, 1, 2, 3, 4]);
    const { events: _a, ...leadBefore } = before;
    const { events: _b, ...leadAfter } = after;
    expect(leadAfter).toEqual(leadBefore);
    expect(after.events.slice(0, 2)).toEqual(before.events);
    // The whole event, with the recipient's vars plus feedback.*, and the lead's expiry (06 §4).
    const received = await api.get(`/api/leads/${lead.id}/events/${after.events[2].id}`);
    expect(received.body.vars).toMatchObject({ event_id: lead.eventIds[0], feedback: { type: "return", reason: "Wrong number" } });
    expect(received.body.expires_at).toBe(before.events[0].expires_at);
  });

  it("reports count feedback received and sent per type (08 §3)", async () => {
    const buyers = [await stub(), await stub()];
    const vendor = await sourceEndpoint(() => ({ body: '{"status":"refused","msg":"No"}' }));
    const flow = await feedbackFlow(buyers, { sourceFeedback: sourceReturns(vendor.url) });
    const a = await submitLead(flow, buyers);
    const b = await submitLead(flow, buyers);
    await giveFeedback(a.eventIds[0]!, "conversion"); // conversion received success, not sent (source: returns only)
    await giveFeedback(a.eventIds[1]!, "conversion");
    await giveFeedback(b.eventIds[0]!, "return"); // the source refuses: received failure, sent failure
    const day = (d: number) => new Date(Date.now() + d * DAY).toISOString().slice(0, 10);
    const columns = ["return_received_submitted", "return_received_failure", "return_sent_failure", "return_sent_success", "conversion_received_success", "conversion_sent_submitted"];
    const query = (byLead: boolean) =>
      api.get(`/api/reports/stats?flow_id=${flow.flowId}&start=${day(-1)}&end=${day(1)}&time_zone=UTC&by_lead=${byLead}&${columns.map((c) => `column=${c}`).join("&")}`);
    const events = await query(false);
    expect(events.status).toBe(200);
    expect(events.body.totals).toEqual({ return_received_submitted: 1, return_received_failure: 1, return_sent_failure: 1, return_sent_success: 0, conversion_received_success: 2, conversion_sent_submitted: 0 });
    expect((await query(true)).body.totals.conversion_received_success).toBe(1);
  });
});

describe("feedback through the admin API (06 §5.6)", () => {
  let editor: Client;
  let viewer: Client;
  let buyer: Stub;
  let flow: Deployed;
  beforeAll(async () => {
    [editor, viewer] = await Promise.all([as("editor"), as("viewer")]);
    buyer = await stub();
    flow = await feedbackFlow([buyer]);
  });

  it("records feedback for a lead with via api and the user; viewers may not", async () => {
    const lead = await submitLead(flow, [buyer]);
    const res = await editor.post(`/api/leads/${lead.id}/feedback`, { recipient_event_id: lead.eventIds[0], type: "return", reason: "Wrong number" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "feedback-received", outcome: "success", via: "api", user: expect.stringContaining("@"), recipient_event_id: lead.eventIds[0], lead_id: lead.id, sequence: 2 });
    const again = await editor.post(`/api/leads/${lead.id}/feedback`, { recipient_event_id: lead.eventIds[0], type: "return" });
    expect(again.body).toMatchObject({ outcome: "failure", reason: "Duplicate feedback: return already received" });
    expect((await viewer.post(`/api/leads/${lead.id}/feedback`, { recipient_event_id: lead.eventIds[0], type: "conversion" })).status).toBe(403);
    expect((await feedbackEvents(lead.id)).map((e) => e.via)).toEqual(["api", "api"]);
  });

  it("answers 404 for a recipient event of another lead or none, 422 for a bad body", async () => {
    const lead = await submitLead(flow, [buyer]);
    const other = await submitLead(flow, [buyer]);
    expect((await editor.post(`/api/leads/${lead.id}/feedback`, { recipient_event_id: other.eventIds[0], type: "return" })).status).toBe(404);
    expect((await editor.post(`/api/leads/${lead.id}/feedback`, { recipient_event_id: newId(), type: "return" })).body).toMatchObject({ error: "not_found" });
    const bad = await editor.post(`/api/leads/${lead.id}/feedback`, { recipient_event_id: "nope", type: "" });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["recipient_event_id", "type"]);
    expect((await editor.post(`/api/leads/${lead.id}/feedback`, "type=return", { "Content-Type": "text/plain" })).status).toBe(415);
    expect(await eventCount(lead.id)).toBe(2);
  });

  it("imports a CSV of returns in the background and reports every refused row", async () => {
    const leads = [await submitLead(flow, [buyer]), await submitLead(flow, [buyer]), await submitLead(flow, [buyer], 45)];
    const unknown = newId();
    const csv = ["reason,event id", `Wrong number,${leads[0]!.eventIds[0]}`, `"Bad, bad lead",${leads[1]!.eventIds[0]!.toUpperCase()}`, `Old,${leads[2]!.eventIds[0]}`, `Twice,${leads[0]!.eventIds[0]}`, `Who,${unknown}`].join("\r\n");
    const form = new FormData();
    form.append("file", new Blob([csv], { type: "text/csv" }), "returns.csv");
    form.append("type", "return");
    form.append("has_header", "true");
    form.append("event_id_column", "Event ID");
    form.append("reason_column", "1");
    const started = await editor.post("/api/feedback/imports", form);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), type: "return", status: "running" });
    let job = started.body;
    const deadline = Date.now() + 30_000;
    while (job.status === "running" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      job = (await viewer.get(`/api/feedback/imports/${started.body.id}`)).body;
    }
    expect(job).toMatchObject({
      status: "done",
      total: 5,
      succeeded: 2,
      failed: 3,
      errors: [
        { line: 4, event_id: leads[2]!.eventIds[0], reason: "Lead is too old to return" },
        { line: 5, event_id: leads[0]!.eventIds[0], reason: "Duplicate feedback: return already received" },
        { line: 6, event_id: unknown, reason: "Not found" },
      ],
    });
    const fb = await feedbackEvents(leads[1]!.id);
    expect(fb).toHaveLength(1);
    expect(fb[0]).toMatchObject({ outcome: "success", via: "import", user: expect.stringContaining("@"), feedback: { type: "return", reason: "Bad, bad lead" } });
    expect((await viewer.get(`/api/feedback/imports/${newId()}`)).status).toBe(404);
  });

  it("refuses an import without a file, with a bad type or an unknown column; viewers may not import", async () => {
    const form = (fields: Record<string, string>, file = true) => {
      const f = new FormData();
      if (file) f.append("file", new Blob(["a,b\n1,2"], { type: "text/csv" }), "x.csv");
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      return f;
    };
    expect((await editor.post("/api/feedback/imports", form({ type: "return" }, false))).status).toBe(422);
    const badType = await editor.post("/api/feedback/imports", form({ type: "refund" }));
    expect([badType.status, badType.body.issues[0].path]).toEqual([422, "type"]);
    const noColumn = await editor.post("/api/feedback/imports", form({ type: "return", has_header: "true", event_id_column: "event_id" }));
    expect([noColumn.status, noColumn.body.issues[0].path]).toEqual([422, "event_id_column"]);
    const nameWithoutHeader = await editor.post("/api/feedback/imports", form({ type: "return", event_id_column: "a" }));
    expect(nameWithoutHeader.status).toBe(422);
    expect((await editor.post("/api/feedback/imports", "a,b", { "Content-Type": "text/csv" })).status).toBe(415);
    expect((await viewer.post("/api/feedback/imports", form({ type: "return" }))).status).toBe(403);
  });
});
