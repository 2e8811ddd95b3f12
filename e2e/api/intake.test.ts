/**
 * Lead intake over real HTTP against the running server and its database: the LeadConduit wire
 * format (spec 07 §3.1), the worked example of 00 §4, gates, deliveries to a local stub buyer,
 * concurrency of caps and duplicates, and that every handled lead is stored with its events.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { signIn, type ApiClient } from "./harness";
import { addListItems, deployFlow, setFlowEnabled, source, stubBuyer, submit, type Deployed } from "./intake-fixtures";

const TX = { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "TX" }] };

/** The "TX Solar" flow of spec 00 §4. */
function txSolar(extra: Record<string, unknown> = {}) {
  return {
    name: "TX Solar",
    fields: ["first_name", "last_name", "email", "phone_1", "state", "address_1", "trustedform_cert_url"],
    acceptance_criteria: { rule_set: TX, outcome: "failure", reason: "Lead must live in TX" },
    pricing: { override: false, prices: [{ amount: 8, rule_set: null }] },
    caps: [{ type: "volume", name: "Daily", maximum: 100, duration: 1, duration_units: "day", time_zone: "America/Chicago", caps: [] }],
    sources: [
      source({
        entity: { id: newId(), name: "Vendor A" },
        pricing: { override: false, prices: [{ amount: 10, rule_set: null }, { amount: 15, rule_set: TX }] },
      }),
      source({ entity: { id: newId(), name: "Vendor B" }, authentication_required: true }),
      source({ entity: { id: newId(), name: "Vendor C" }, enabled: false }),
    ],
    steps: [],
    ...extra,
  };
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
const I1 = "first_name=Ann&email=ann%40example.com&phone_1=(512)%20789-1111&state=TX";

let api: ApiClient;
let flow: Deployed;
let key: string;
let sources: string[];
const at = (i: number, path = "submit") => flow.submitUrl.replace(`/sources/${flow.sourceId}/submit`, `/sources/${sources[i]}/${path}`);

beforeAll(async () => {
  api = await signIn();
  // Vendor B (source 1) requires authentication with key lfs_test (spec 07 §3.1 set-up).
  key = `lfs_test_${newId()}`;
  flow = await deployFlow(txSolar(), { sourceKey: { key, sourceIndex: 1 } });
  sources = (flow.document.sources as { entity: { id: string } }[]).map((s) => s.entity.id);
});

async function readLead(id: string) {
  const res = await api.get(`/api/leads/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe("intake wire format (spec 07 §3.1)", () => {
  it("I1: form post → 201 success with the source price; the lead and its events are stored", async () => {
    const r = await submit(flow.submitUrl, I1, FORM);
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r.body).toEqual({ outcome: "success", lead: { id: expect.stringMatching(/^[0-9a-f]{24}$/) }, price: 15 });
    expect(r.headers.get("x-request-id")).toBeTruthy();
    expect(r.headers.get("server-timing")).toMatch(/dur=/);
    const lead = await readLead(r.body.lead.id);
    expect(lead).toMatchObject({ outcome: "success", price: 15, reason: null });
    expect(lead.fields.email.normal).toBe("ann@example.com");
    expect(lead.fields.phone_1).toMatchObject({ normal: "5127891111", area: "512", valid: true });
    expect(lead.events.at(-1)).toMatchObject({ type: "source", outcome: "success", purchase_price: 15 });
  });

  it("I2/I3: a failing acceptance rule answers 201 failure, in XML when asked", async () => {
    const r = await submit(flow.submitUrl, I1.replace("state=TX", "state=OK"), FORM);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ outcome: "failure", reason: "Lead must live in TX", lead: { id: expect.any(String) }, price: 0 });
    const xml = await submit(flow.submitUrl, I1.replace("state=TX", "state=OK"), { ...FORM, Accept: "text/xml" });
    expect(xml.status).toBe(201);
    expect(xml.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(xml.text).toMatch(/^<\?xml version="1.0"\?>\n<result>\n  <outcome>failure<\/outcome>\n  <reason>Lead must live in TX<\/reason>\n  <lead>\n    <id>[0-9a-f]{24}<\/id>\n  <\/lead>\n  <price>0<\/price>\n<\/result>/);
  });

  it("I4: a GET with a query string is a submission", async () => {
    const res = await fetch(`${flow.submitUrl}?first_name=Ann&email=ann2%40example.com&phone_1=5127891111&state=TX`);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcome: "success", price: 15 });
  });

  it("I5/I6: redir_url redirects with 303; an invalid one is a 400", async () => {
    const r = await submit(`${flow.submitUrl}?redir_url=https%3A%2F%2Fexample.com%2Fthanks`, I1, FORM);
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe("https://example.com/thanks");
    const bad = await submit(`${flow.submitUrl}?redir_url=example.com`, I1, FORM);
    expect(bad.status).toBe(400);
    expect(bad.text).toBe("Invalid redir_url");
  });

  it("I7–I11, I13, I14: transport errors with LeadConduit's exact texts, nothing stored", async () => {
    const put = await fetch(flow.submitUrl, { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST");
    expect(await put.text()).toBe("The PUT method is not allowed");
    const accept = await submit(flow.submitUrl, I1, { ...FORM, Accept: "text/plain" });
    expect([accept.status, accept.text]).toEqual([406, "Not capable of generating content according to the Accept header"]);
    const noType = await fetch(flow.submitUrl, { method: "POST", body: new Uint8Array(10) });
    expect([noType.status, await noType.text()]).toEqual([415, "Content-Type header is required"]);
    const textPlain = await submit(flow.submitUrl, "a=1", { "Content-Type": "text/plain" });
    expect(textPlain.status).toBe(406);
    expect(textPlain.text).toBe("MIME type in Content-Type header is not supported. Use only application/x-www-form-urlencoded, application/json, application/xml, text/xml.");
    const badJson = await submit(flow.submitUrl, '{"first_name": "Ann');
    expect(badJson.status).toBe(400);
    expect(badJson.text.startsWith("Unable to parse JSON -- ")).toBe(true);
    const conflict = await submit(flow.submitUrl, "utility=SCE&utility.electric.company.name=SCE", FORM);
    expect(conflict.status).toBe(400);
    expect(conflict.text.startsWith("Unable to parse body -- ")).toBe(true);
    const notXml = await submit(flow.submitUrl, "xxTrustedFormCertUrl=https://cert.trustedform.com/x", { "Content-Type": "application/xml" });
    expect(notXml.status).toBe(400);
    expect(notXml.text.startsWith("Body does not contain XML or XML is unparseable -- ")).toBe(true);
  });

  it("I12, I15, I26: control characters, TrustedForm key aliases and XML bodies", async () => {
    const tab = await submit(flow.submitUrl, '{"first_name":"Harold","address_1":"123\t Main St","state":"TX"}');
    expect(tab.status).toBe(201);
    expect((await readLead(tab.body.lead.id)).fields.address_1.normal ?? (await readLead(tab.body.lead.id)).fields.address_1).toMatch(/^123\s+Main St$/);
    const tf = await submit(flow.submitUrl, "XXTRUSTEDFORMCERTURL=https%3A%2F%2Fcert.trustedform.com%2Fabc&state=TX", FORM);
    expect(tf.status).toBe(201);
    expect(JSON.stringify((await readLead(tf.body.lead.id)).fields.trustedform_cert_url)).toContain("https://cert.trustedform.com/abc");
    const xml = await submit(flow.submitUrl, "<lead><first_name>Joe</first_name><phone_1>5127891111</phone_1><state>TX</state></lead>", { "Content-Type": "text/xml; charset=utf-8" });
    expect(xml.status).toBe(201);
    expect(xml.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await readLead(xml.body.lead.id)).fields.first_name.normal).toBe("Joe");
  });

  it("I16: query parameters win over body fields", async () => {
    const r = await submit(`${flow.submitUrl}?first_name=Joe`, "first_name=Ann&last_name=Lee&state=TX", FORM);
    expect(r.status).toBe(201);
    const lead = await readLead(r.body.lead.id);
    expect(lead.fields.first_name.normal).toBe("Joe");
    expect(lead.fields.last_name.normal).toBe("Lee");
  });

  it("I18, I24: unknown flow, unknown source and pings answer 404", async () => {
    const unknownFlow = await submit(flow.submitUrl.replace(flow.flowId, "000000000000000000000000"), I1, FORM);
    expect([unknownFlow.status, unknownFlow.body]).toEqual([404, { message: "Not found" }]);
    const unknownSource = await submit(flow.submitUrl.replace(flow.sourceId, "000000000000000000000000"), I1, FORM);
    expect(unknownSource.status).toBe(404);
    const ping = await submit(at(0, "ping"), I1, FORM);
    expect([ping.status, ping.body]).toEqual([404, { message: "Not found" }]);
  });

  it("I19/I20: authentication required → 401 without a key; Basic, Bearer and api_key work", async () => {
    const none = await submit(at(1), I1, FORM);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ message: "Unauthorized source" });
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    const basic = await submit(at(1), I1, { ...FORM, Authorization: `Basic ${Buffer.from(`API:${key}`).toString("base64")}` });
    expect(basic.status).toBe(201);
    const bearer = await submit(at(1), I1, { ...FORM, Authorization: `Bearer ${key}` });
    expect(bearer.status).toBe(201);
    const param = await submit(`${at(1)}?api_key=${key}`, I1, FORM);
    expect(param.status).toBe(201);
    const wrong = await submit(at(1), I1, { ...FORM, Authorization: "Bearer lfs_wrong" });
    expect(wrong.status).toBe(401);
  });

  it("I21: a disabled source answers 403", async () => {
    const r = await submit(at(2), I1, FORM);
    expect([r.status, r.body]).toEqual([403, { message: "Source is disabled" }]);
  });

  it("I22: a disabled flow answers 201 error and stores the lead", async () => {
    const disabled = await deployFlow(txSolar());
    await setFlowEnabled(disabled.flowId, false);
    const r = await submit(disabled.submitUrl, I1, FORM);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ outcome: "error", reason: "Flow is disabled", lead: { id: expect.any(String) }, price: 0 });
    const lead = await readLead(r.body.lead.id);
    expect(lead.events.at(-1)).toMatchObject({ type: "source", outcome: "error", reason: "Flow is disabled" });
  });

  it("I23: a body over 1 MiB answers 413", async () => {
    const r = await submit(flow.submitUrl, `{"comments":"${"x".repeat(1_048_577)}"}`);
    expect(r.status).toBe(413);
    expect(r.text).toBe("Request body is too large (limit 1048576 bytes)");
  });

  it("I25: Accept of JSON and XML at equal weight answers XML", async () => {
    const r = await submit(flow.submitUrl, I1, { ...FORM, Accept: "application/json, application/xml" });
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toMatch(/^application\/xml/);
  });

  it("deeply nested JSON and thousands of fields are refused or handled, never a 500", async () => {
    let nested = '"x"';
    for (let i = 0; i < 200; i++) nested = `{"a":${nested}}`;
    expect((await submit(flow.submitUrl, nested)).status).toBe(400);
    const many: Record<string, string> = { state: "TX" };
    for (let i = 0; i < 5000; i++) many[`custom_${i}`] = "v";
    const r = await submit(flow.submitUrl, many);
    expect(r.status).toBe(201);
    const unicode = await submit(flow.submitUrl, { first_name: "Zoë 李 \u0000\u0007", state: "TX" });
    expect(unicode.status).toBe(201);
  });
});

describe("business logic over HTTP", () => {
  it("duplicate check: the second identical success is refused with the spec's reason", async () => {
    const f = await deployFlow(txSolar({ suppression: { duplicate: { enabled: true, fields: ["email"], match: "all", lookback: { value: 30, interval: "day" }, scope: "flow" }, lists: [] } }));
    const first = await submit(f.submitUrl, I1, FORM);
    expect(first.body.outcome).toBe("success");
    const second = await submit(f.submitUrl, I1, FORM);
    expect(second.body).toMatchObject({ outcome: "failure", reason: "Duplicate lead - seen 0 days ago", price: 0 });
  });

  it("suppression list: a listed phone is refused with the entry's reason", async () => {
    const list = await addListItems("DNC", ["5127891111"]);
    const f = await deployFlow(txSolar({ suppression: { lists: [{ kind: "dnc", list_ids: [list], fields: ["phone_1"], reason: "Phone on DNC list" }] } }));
    const r = await submit(f.submitUrl, I1, FORM);
    expect(r.body).toMatchObject({ outcome: "failure", reason: "Phone on DNC list" });
    const other = await submit(f.submitUrl, I1.replace("789-1111", "789-2222"), FORM);
    expect(other.body.outcome).toBe("success");
  });

  it("50 concurrent leads for the last 3 slots of a cap: exactly 3 succeed", async () => {
    const f = await deployFlow(
      txSolar({ caps: [{ type: "volume", name: "Tiny", maximum: 3, duration: 1, duration_units: "day", time_zone: "America/Chicago", reason: "Tiny cap reached", caps: [] }] }),
    );
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => submit(f.submitUrl, I1.replace("ann%40", `ann${i}%40`), FORM)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.filter((r) => r.body.outcome === "success")).toHaveLength(3);
    const refused = results.filter((r) => r.body.outcome === "failure");
    expect(refused).toHaveLength(47);
    expect(new Set(refused.map((r) => r.body.reason))).toEqual(new Set(["Tiny cap reached"]));
  });

  it("concurrent duplicates: of 10 identical leads at once exactly one succeeds", async () => {
    const f = await deployFlow(txSolar({ suppression: { duplicate: { enabled: true, fields: ["email"], match: "all", lookback: null, scope: "flow" }, lists: [] } }));
    const results = await Promise.all(Array.from({ length: 10 }, () => submit(f.submitUrl, I1, FORM)));
    expect(results.filter((r) => r.body.outcome === "success")).toHaveLength(1);
  });
});

describe("steps and delivery over HTTP", () => {
  let buyer: Awaited<ReturnType<typeof stubBuyer>>;
  beforeAll(async () => {
    buyer = await stubBuyer((req) => (req.body.includes("reject") ? { body: '{"status":"rejected","error":{"message":"Duplicate"}}' } : { body: '{"status":"accepted","id":"B-1"}' }));
  });
  afterAll(() => buyer.close());

  function recipient(url: string, extra: Record<string, unknown> = {}) {
    return {
      type: "recipient",
      description: "Acme CRM",
      entity: { id: newId(), name: "Acme CRM" },
      integration: {
        module_id: "custom.outbound.json",
        mappings: [
          { property: "url", value: url },
          { property: "json_property.contact.email", value: "{{lead.email}}" },
          { property: "json_property.contact.name", value: "{{lead.first_name}}" },
          { property: "json_property.note", value: "{{lead.comments}}" },
          { property: "header.X-API-Key", value: "abc123" },
          { property: "outcome_search_term", value: "accepted" },
          { property: "outcome_search_path", value: "status" },
          { property: "reason_path", value: "error.message" },
          { property: "reference_path", value: "id" },
        ],
      },
      pricing: { prices: [{ amount: 40, rule_set: null }] },
      enabled: true,
      retry_enabled: false,
      ...extra,
    };
  }

  it("delivers the mapped JSON to the buyer and records the exchange with secrets masked", async () => {
    const f = await deployFlow(txSolar({ fields: ["first_name", "email", "phone_1", "state", "comments"], steps: [recipient(buyer.url)] }));
    const before = buyer.received.length;
    const r = await submit(f.submitUrl, { first_name: "Ann", email: "ann@example.com", state: "TX", comments: "hello" });
    expect(r.body.outcome).toBe("success");
    const got = buyer.received.slice(before);
    expect(got).toHaveLength(1);
    expect(JSON.parse(got[0]!.body)).toEqual({ contact: { email: "ann@example.com", name: "Ann" }, note: "hello" });
    expect(got[0]!.headers["x-api-key"]).toBe("abc123");
    expect(got[0]!.headers["idempotency-key"]).toMatch(/^[0-9a-f]{24}$/);
    const lead = await readLead(r.body.lead.id);
    const event = lead.events.find((e: { type: string }) => e.type === "recipient");
    expect(event).toMatchObject({ outcome: "success", sale_price: 40 });
    expect(JSON.stringify(event.transactions)).not.toContain("abc123");
  });

  it("a buyer's rejection is the step's failure; the lead's outcome is unchanged", async () => {
    const f = await deployFlow(txSolar({ fields: ["first_name", "email", "state", "comments"], steps: [recipient(buyer.url)] }));
    const r = await submit(f.submitUrl, { first_name: "Ann", email: "ann@example.com", state: "TX", comments: "reject" });
    expect(r.body.outcome).toBe("success");
    const event = (await readLead(r.body.lead.id)).events.find((e: { type: string }) => e.type === "recipient");
    expect(event).toMatchObject({ outcome: "failure", reason: "Duplicate", sale_price: 0 });
  });

  it("a filter after the step stops the lead on the step's outcome", async () => {
    const f = await deployFlow(
      txSolar({
        fields: ["first_name", "email", "state", "comments"],
        steps: [
          recipient(buyer.url),
          { type: "filter", description: "Stop unsold", rule_set: { op: "and", rules: [{ lhv: "acme_crm.outcome", op: "is not equal to", rhv: "success" }] }, outcome: "failure", reason: "Not sold", enabled: true },
        ],
      }),
    );
    const sold = await submit(f.submitUrl, { email: "a@example.com", state: "TX", comments: "ok" });
    expect(sold.body.outcome).toBe("success");
    const unsold = await submit(f.submitUrl, { email: "b@example.com", state: "TX", comments: "reject" });
    expect(unsold.body).toMatchObject({ outcome: "failure", reason: "Not sold", price: 0 });
  });

  it("a buyer that does not answer in time is recorded as an error and queued for retry", async () => {
    const slow = await stubBuyer(() => ({ delayMs: 3000 }));
    try {
      const f = await deployFlow(
        txSolar({
          fields: ["email", "state"],
          steps: [
            recipient(slow.url, {
              retry_enabled: true,
              integration: {
                module_id: "custom.outbound.json",
                mappings: [
                  { property: "url", value: slow.url },
                  { property: "json_property.email", value: "{{lead.email}}" },
                  { property: "timeout_seconds", value: "1" },
                ],
              },
            }),
          ],
        }),
      );
      const r = await submit(f.submitUrl, { email: "slow@example.com", state: "TX" });
      expect(r.body.outcome).toBe("success");
      const event = (await readLead(r.body.lead.id)).events.find((e: { type: string }) => e.type === "recipient");
      expect(event).toMatchObject({ outcome: "error", reason: "Request timed out after 1000 ms" });
      expect(event.delivery).toMatchObject({ status: "retrying", attempts: 1 });
    } finally {
      await slow.close();
    }
  });
});

describe("intake rate limit (07 §1.9)", () => {
  it("answers 429 with Retry-After beyond the limit per flow source and second, and stores nothing for those", async () => {
    const flow = await deployFlow({ name: "Rate limited", fields: ["email"], sources: [source({ entity: { id: newId(), name: "Burst Vendor" } })], steps: [] });
    // The test server allows 100 per flow source and second (lib/cli/test.ts); send 400 at once.
    const answers = await Promise.all(Array.from({ length: 400 }, (_, i) => submit(flow.submitUrl, { email: `burst${i}@example.com` })));
    const limited = answers.filter((a) => a.status === 429);
    const accepted = answers.filter((a) => a.status === 201);
    expect(limited.length).toBeGreaterThan(0);
    expect(accepted.length + limited.length).toBe(400);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const api = await signIn();
    const stored = await api.get(`/api/leads?flow_id=${flow.flowId}&include_total=true&limit=1`);
    expect(stored.body.total).toBe(accepted.length);
  });
});
