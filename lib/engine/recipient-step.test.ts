import { describe, expect, it } from "vitest";
import type { HttpHandler } from "./memory-ports";
import type { RecipientEvent } from "./types";
import { all, harness, rule, source } from "./testing";

const ACME = { id: "5fd43a1e940df5a34a3888c1", name: "Acme CRM" };
const BETA = { id: "5fd43a1e940df5a34a3888c2", name: "Beta Leads" };
const FIELDS = ["first_name", "last_name", "email", "phone_1", "phone_2", "state", "ssn"];
const ANN = { first_name: "Ann", last_name: "Lee", email: "ann@example.com", phone_1: "5127891111", state: "TX" };

function recipient(module: string, mappings: Array<{ property: string; value: unknown }>, extra: Record<string, unknown> = {}) {
  return { type: "recipient", entity: ACME, integration: { module_id: module, mappings }, ...extra };
}

function oneStep(step: Record<string, unknown>, http?: HttpHandler) {
  return harness({ fields: FIELDS, sources: [source()], steps: [step] }, { http: http ?? (() => ({ status: 200 })) });
}

const url = { property: "url", value: "https://b.example/in" };

// 05 §9 request vectors 17–24.
describe("05 §9 request vectors", () => {
  it("#17 numeric top-level json_property keys build a root array", async () => {
    const h = oneStep(recipient("custom.outbound.json", [url, { property: "json_property.0.id", value: "1" }, { property: "json_property.1.id", value: "2" }]));
    await h.run(ANN);
    expect(h.ports.http.requests[0].request.body).toBe('[{"id":"1"},{"id":"2"}]');
    expect(h.ports.http.requests[0].request.headers["Content-Type"]).toBe("application/json; charset=utf-8");
  });

  it("#18 GET on the JSON module is refused before any request", async () => {
    const h = oneStep(recipient("custom.outbound.json", [url, { property: "method", value: "get" }]));
    const out = await h.run(ANN);
    const ev = out.events[0] as RecipientEvent;
    expect(ev).toMatchObject({ outcome: "error", reason: "Unsupported HTTP method - use POST, PUT, DELETE, PATCH" });
    expect(ev.delivery.status).toBe("none");
    expect(h.ports.http.requests).toHaveLength(0);
    expect(out.bookkeeping.deliveries).toHaveLength(0);
  });

  it("#19 repeated form fields skip absent indexes", async () => {
    const h = oneStep(
      recipient("custom.outbound.form", [
        url,
        { property: "form_field.phone.0", value: "{{lead.phone_1}}" },
        { property: "form_field.phone.1", value: "{{lead.phone_2}}" },
        { property: "form_field.phone.2", value: "5127892222" },
      ]),
    );
    await h.run(ANN);
    expect(h.ports.http.requests[0].request.body).toBe("phone=5127891111&phone=5127892222");
    expect(h.ports.http.requests[0].request.method).toBe("POST");
  });

  it("#20 XML elements and attributes", async () => {
    const h = oneStep(recipient("custom.outbound.xml", [url, { property: "xml_path.lead.name", value: "Ann" }, { property: "xml_path.lead.dob@year", value: "1976" }]));
    await h.run(ANN);
    expect(h.ports.http.requests[0].request.body).toBe('<?xml version="1.0"?>\n<lead>\n  <name>Ann</name>\n  <dob year="1976"/>\n</lead>');
  });

  it("#21 query parameters join an existing query with &", async () => {
    const h = oneStep(recipient("custom.outbound.query", [{ property: "url", value: "https://b.example/in?src=lf" }, { property: "parameter.email", value: "a@b.co" }]));
    await h.run(ANN);
    const req = h.ports.http.requests[0].request;
    expect(`${req.method} ${req.url}`).toBe("GET https://b.example/in?src=lf&email=a%40b.co");
    expect(req.body).toBeNull();
    expect(req.followRedirects).toBe(true);
  });

  it("#22 basic auth header", async () => {
    const h = oneStep(recipient("custom.outbound.json", [url, { property: "basic_username", value: "u" }, { property: "basic_password", value: "p" }]));
    await h.run(ANN);
    expect(h.ports.http.requests[0].request.headers.Authorization).toBe("Basic dTpw");
  });

  it("#23 a mapped Accept header is refused", async () => {
    const h = oneStep(recipient("custom.outbound.json", [url, { property: "header.Accept", value: "text/html" }]));
    const out = await h.run(ANN);
    expect(out.events[0]).toMatchObject({ outcome: "error", reason: "Accept header is not allowed" });
  });

  it("#24 blank or private URLs are final errors, never retried", async () => {
    for (const [value, reason] of [
      ["{{lead.nothing}}", "URL is required"],
      ["http://10.0.0.5/x", "URL must be public"],
      ["not a url", "URL must be valid"],
    ]) {
      const h = oneStep(recipient("custom.outbound.json", [{ property: "url", value }]));
      const out = await h.run(ANN);
      const ev = out.events[0] as RecipientEvent;
      expect(ev).toMatchObject({ outcome: "error", reason });
      expect(ev.delivery.status).toBe("none");
      expect(out.bookkeeping.deliveries).toHaveLength(0);
    }
  });

  it("other validation texts", async () => {
    const cases: Array<[string, Array<{ property: string; value: unknown }>, string]> = [
      ["custom.outbound.json", [url, { property: "outcome_on_match", value: "maybe" }], "Outcome on match must be 'success', 'failure', or 'error'"],
      ["custom.outbound.json", [url, { property: "header.Content-Length", value: "5" }], "Content-Length header is not allowed"],
      ["custom.outbound.json", [url, { property: "header.Content-Type", value: "text/plain" }], "Invalid Content-Type header value"],
      ["custom.outbound.xml", [url, { property: "method", value: "DELETE" }], "Unsupported HTTP method - use POST, PUT, PATCH"],
    ];
    for (const [module, mappings, reason] of cases) {
      const out = await oneStep(recipient(module, mappings)).run(ANN);
      expect(out.events[0]).toMatchObject({ outcome: "error", reason });
    }
  });

  it("default and extra headers; a mapping of the same name wins", async () => {
    const h = oneStep(recipient("custom.outbound.json", [url, { property: "header.X-API-Key", value: "abc123" }, { property: "header.user-agent", value: "Mine" }]));
    const out = await h.run(ANN);
    const headers = h.ports.http.requests[0].request.headers;
    expect(headers.Accept).toBe("application/json;q=0.9,text/xml;q=0.8,application/xml;q=0.7,text/html;q=0.6,text/plain;q=0.5");
    expect(headers["Idempotency-Key"]).toBe(out.events[0].id);
    expect(headers["X-Leadflow-Delivery-Attempt"]).toBe("1");
    expect(headers["user-agent"]).toBe("Mine");
    expect(headers["User-Agent"]).toBeUndefined();
    const stored = (out.events[0] as RecipientEvent).transactions[0].request.headers;
    expect(stored["X-API-Key"]).toBe("********");
    expect(stored["Idempotency-Key"]).toBe(out.events[0].id);
  });

  it("timeout_seconds is clamped to 1–120 s and capped by the budget", async () => {
    const h = oneStep(recipient("custom.outbound.json", [url, { property: "timeout_seconds", value: "500" }]));
    await h.run(ANN, {}, { stepBudgetMs: 200_000 });
    expect(h.ports.http.requests[0].timeoutMs).toBe(120_000);
    const h2 = oneStep(recipient("custom.outbound.json", [url]));
    await h2.run(ANN, {}, { stepBudgetMs: 2500 });
    expect(h2.ports.http.requests[0].timeoutMs).toBe(2500);
  });
});

// 05 §8: the worked example, steps r00001 → f00001 → r00002 → f00002 → r00003.
describe("05 §8 worked example", () => {
  const doc = {
    fields: FIELDS,
    sources: [source({ pricing: { prices: [{ amount: 15 }] } })],
    steps: [
      {
        type: "recipient",
        id: "r00001",
        entity: { id: "5fd43a1e940df5a34a3888c9", name: "Suppression" },
        integration: {
          module_id: "suppressionlist.outbound.query_item",
          mappings: [
            { property: "list_names", value: "customers" },
            { property: "value", value: "{{lead.email}}" },
          ],
        },
      },
      { type: "filter", id: "f00001", rule_set: all(rule("suppressionlist.query_item.found", "is true")), outcome: "failure", reason: "Existing customer" },
      {
        type: "recipient",
        id: "r00002",
        entity: ACME,
        retry_enabled: false,
        pricing: { prices: [{ amount: 40 }] },
        integration: {
          module_id: "custom.outbound.json",
          mappings: [
            { property: "url", value: "https://crm.example.com/leads" },
            { property: "method", value: "POST" },
            { property: "header.X-API-Key", value: "abc123" },
            { property: "json_property.contact.email", value: "{{lead.email}}" },
            { property: "json_property.contact.name", value: "{{lead.first_name}} {{lead.last_name}}" },
            { property: "json_property.phones.0", value: "{{lead.phone_1}}" },
            { property: "json_property.phones.1", value: "{{lead.phone_2}}" },
            { property: "json_property.ca_resident", value: "yes", rule_set: all(rule("lead.state", "is equal to", "CA")) },
            { property: "json_property.lead_id", value: "{{lead.id}}" },
            { property: "json_property.event_id", value: "{{event_id}}" },
            { property: "outcome_search_term", value: "success" },
            { property: "outcome_search_path", value: "status" },
            { property: "reason_path", value: "error.message" },
          ],
        },
      },
      { type: "filter", id: "f00002", rule_set: all(rule("acme_crm.outcome", "is equal to", "success")), outcome: "success" },
      {
        type: "recipient",
        id: "r00003",
        entity: BETA,
        rule_set: all(rule("lead.state", "is equal to", "TX")),
        pricing: { prices: [{ amount: 25 }] },
        integration: {
          module_id: "custom.outbound.form",
          mappings: [
            { property: "url", value: "https://beta.example/post" },
            { property: "form_field.first_name", value: "{{lead.first_name}}" },
            { property: "form_field.email", value: "{{lead.email}}" },
            { property: "form_field.phone", value: "{{lead.phone_1}}" },
            { property: "form_field.price", value: "{{price}}" },
          ],
        },
      },
    ],
  };

  it("Ann: Acme rejects as duplicate, Beta buys; lead success at 15", async () => {
    const h = harness(doc, {
      http: (req) =>
        req.url.startsWith("https://crm.example.com")
          ? { status: 200, headers: { "Content-Type": "application/json" }, body: '{"status":"rejected","error":{"message":"Duplicate"}}' }
          : { status: 200, headers: { "Content-Type": "text/plain" }, body: "OK" },
    });
    h.ports.lists.createList("l1", "customers", ["someone@else.com"]);
    const out = await h.run(ANN);
    expect(out).toMatchObject({ outcome: "success", price: 15 });
    expect(out.events.map((e) => `${e.type}:${e.outcome}`)).toEqual([
      "recipient:success",
      "filter:continue",
      "recipient:failure",
      "filter:continue",
      "recipient:success",
      "source:success",
    ]);
    const [q, , acme, , beta] = out.events as RecipientEvent[];
    expect(q.appended).toMatchObject({ query_item: { found: false } });
    expect(q.delivery.status).toBe("none");

    const acmeReq = h.ports.http.requests[0].request;
    expect(acmeReq.url).toBe("https://crm.example.com/leads");
    expect(acmeReq.headers["X-API-Key"]).toBe("abc123");
    expect(acmeReq.headers["Idempotency-Key"]).toBe(acme.id);
    expect(acmeReq.body).toBe(
      `{"contact":{"email":"ann@example.com","name":"Ann Lee"},"phones":["5127891111"],"lead_id":"${out.leadId}","event_id":"${acme.id}"}`,
    );
    expect(acme).toMatchObject({ outcome: "failure", reason: "Duplicate", price: 40, sale_price: 0, key: "acme_crm" });
    expect(acme.appended).toEqual({ status: "rejected", error: { message: "Duplicate" }, outcome: "failure", reason: "Duplicate", price: 0 });
    expect(acme.delivery.status).toBe("rejected");

    expect(h.ports.http.requests[1].request.body).toBe("first_name=Ann&email=ann%40example.com&phone=5127891111&price=25");
    expect(beta).toMatchObject({ outcome: "success", sale_price: 25, revenue: 25 });
    const lastVars = out.vars.appended as Record<string, Record<string, unknown>>;
    expect(lastVars.acme_crm.outcome).toBe("failure");
    expect(lastVars.beta_leads.outcome).toBe("success");
  });

  it("an existing customer is stopped by f00001", async () => {
    const h = harness(doc);
    h.ports.lists.createList("l1", "customers", ["ann@example.com"]);
    const out = await h.run(ANN);
    expect(out).toMatchObject({ outcome: "failure", reason: "Existing customer", price: 0 });
    expect(out.events.map((e) => e.type)).toEqual(["recipient", "filter", "source"]);
    expect(out.events[1]).toMatchObject({ outcome: "stop", lead_outcome: "failure", reason: "Existing customer" });
  });

  it("Acme accepts: f00002 stops with success, Beta is never called", async () => {
    const h = harness(doc, { http: () => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"status":"success"}' }) });
    h.ports.lists.createList("l1", "customers", []);
    const out = await h.run(ANN);
    expect(out).toMatchObject({ outcome: "success", price: 15, reason: null });
    expect(out.decidedBy).toEqual({ stage: "filter", scope: null, step_id: "f00002" });
    expect(h.ports.http.requests).toHaveLength(1);
    expect((out.events[2] as RecipientEvent).sale_price).toBe(40);
  });
});

describe("recipient step order of checks (05 §3.1)", () => {
  it("#28 criteria failing → skip with the rule engine's reason, nothing called", async () => {
    const h = oneStep(recipient("custom.outbound.json", [url], { rule_set: all(rule("state", "is equal to", "TX")) }));
    const out = await h.run({ ...ANN, state: "CA" });
    expect(out.events[0]).toMatchObject({ outcome: "skip", reason: "State must be equal to TX" });
    expect((out.vars.appended as Record<string, unknown>).acme_crm).toEqual({ outcome: "skip", reason: "State must be equal to TX" });
    expect(h.ports.http.requests).toHaveLength(0);
    expect(out.outcome).toBe("success");
  });

  it("a full step cap skips the step with caps_reached; the lead is unaffected (04 §4.6)", async () => {
    const h = oneStep(recipient("custom.outbound.json", [url], { caps: [{ maximum: 1, duration_units: "day" }] }));
    const first = await h.run(ANN);
    expect(first.events[0].outcome).toBe("success");
    expect(first.bookkeeping.caps).toMatchObject([{ commit: true, scope: "step" }]);
    const second = await h.run(ANN);
    expect(second.events[0]).toMatchObject({ outcome: "skip", reason: "Cap reached", caps_reached: true });
    expect(second.outcome).toBe("success");
    expect(h.ports.http.requests).toHaveLength(1);
  });

  it("a step cap counts only successful deliveries", async () => {
    let answer = 500;
    const h = oneStep(recipient("custom.outbound.json", [url], { retry_enabled: false, caps: [{ maximum: 1, duration_units: "day" }] }), () => ({ status: answer }));
    const failed = await h.run(ANN);
    expect(failed.events[0].outcome).toBe("error");
    expect(failed.bookkeeping.caps).toMatchObject([{ commit: false }]);
    answer = 200;
    expect((await h.run(ANN)).events[0].outcome).toBe("success");
  });

  it("a response price replaces the configured sale price only when mapped", async () => {
    const h = oneStep(
      recipient("custom.outbound.json", [url, { property: "price_path", value: "bid" }], { pricing: { prices: [{ amount: 40 }] } }),
      () => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"bid":"33.5"}' }),
    );
    const ev = (await h.run(ANN)).events[0] as RecipientEvent;
    expect(ev).toMatchObject({ price: 33.5, sale_price: 33.5 });
  });

  it("an exception inside the integration is that step's error; the lead still succeeds (06 §7 #5)", async () => {
    const h = harness(
      { fields: FIELDS, sources: [source({ pricing: { prices: [{ amount: 15 }] } })], steps: [recipient("custom.outbound.json", [url], { retry_enabled: false })] },
      {
        http: () => {
          throw Object.assign(new Error("boom"), { code: "EPIPE" });
        },
      },
    );
    const out = await h.run(ANN);
    expect(out).toMatchObject({ outcome: "success", price: 15 });
    expect(out.events[0]).toMatchObject({ outcome: "error", reason: "Connection failed: EPIPE" });
  });

  it("the appended key: entity name in snake case; reserved names get r_", async () => {
    const h = harness({
      fields: FIELDS,
      sources: [source()],
      steps: [
        { ...recipient("custom.outbound.json", [url]), entity: { id: ACME.id, name: "Lead" } },
        { ...recipient("custom.outbound.json", [url]), entity: { id: ACME.id, name: "  Big--Buyer, Inc. " } },
      ],
    });
    const out = await h.run(ANN);
    expect(Object.keys(out.vars.appended as object)).toEqual(["r_lead", "big_buyer_inc"]);
  });
});

describe("masking in recorded exchanges (06 §2.2, §7 #11–12)", () => {
  it("#11 secret headers and the basic password everywhere", async () => {
    const h = oneStep(
      recipient("custom.outbound.json", [
        url,
        { property: "basic_username", value: "u" },
        { property: "basic_password", value: "s3cret!" },
        { property: "json_property.pw", value: "s3cret!" },
      ]),
    );
    const out = await h.run(ANN);
    const tx = (out.events[0] as RecipientEvent).transactions[0];
    expect(h.ports.http.requests[0].request.body).toBe('{"pw":"s3cret!"}');
    expect(tx.request.headers.Authorization).toBe("********");
    expect(tx.request.body).toBe('{"pw":"********"}');
  });

  it("#12 an ssn mapped into a body is stored masked; the vars snapshot too", async () => {
    const h = oneStep(recipient("custom.outbound.json", [url, { property: "json_property.ssn", value: "{{lead.ssn}}" }]));
    const out = await h.run({ ...ANN, ssn: "123-45-6789" });
    expect(h.ports.http.requests[0].request.body).toBe('{"ssn":"123456789"}');
    const ev = out.events[0] as RecipientEvent;
    expect(ev.transactions[0].request.body).toBe('{"ssn":"*********"}');
    expect((ev.vars.lead as Record<string, { normal: string }>).ssn.normal).toBe("*********");
    expect((out.fields.ssn as { normal: string }).normal).toBe("*********");
  });
});

describe("parallel groups (05 §5.2)", () => {
  it("members run concurrently on the vars at group start, results recorded in configured order", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const h = harness({
      fields: FIELDS,
      sources: [source()],
      steps: [
        { ...recipient("custom.outbound.json", [{ property: "url", value: "https://a.example/" }]), entity: { id: ACME.id, name: "A" }, parallel: true },
        {
          ...recipient("custom.outbound.json", [{ property: "url", value: "https://b.example/" }, { property: "json_property.seen", value: "{{a.outcome}}" }]),
          entity: { id: ACME.id, name: "B" },
          parallel: true,
        },
        { type: "filter", rule_set: all(rule("b.outcome", "is not equal to", "success")) },
      ],
    }, {
      http: async (req) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, req.url.includes("a.example") ? 20 : 1));
        inFlight--;
        return { status: 200 };
      },
    });
    const out = await h.run(ANN);
    expect(maxInFlight).toBe(2);
    expect(out.events.map((e) => e.step_id)).toEqual([h.flow.steps[0].id, h.flow.steps[1].id, h.flow.steps[2].id, null]);
    // B did not see A's result (same vars at group start).
    expect(h.ports.http.requests.find((r) => r.request.url.includes("b.example"))?.request.body).toBe("{}");
    expect(out.events[2].outcome).toBe("continue");
  });
});

describe("time budget (05 §1)", () => {
  it("when the budget is spent, remaining recipient steps end error without a call and go to the outbox", async () => {
    const h = harness(
      { fields: FIELDS, sources: [source()], steps: [recipient("custom.outbound.json", [url]), recipient("custom.outbound.json", [url])] },
      { http: () => ({ status: 200 }) },
    );
    h.ports.http.handler = () => {
      h.clock.advance(31_000);
      return { status: 200 };
    };
    const out = await h.run(ANN);
    expect(out.events[1]).toMatchObject({ outcome: "error", reason: "Lead processing time limit reached" });
    expect(h.ports.http.requests).toHaveLength(1);
    const delivery = out.bookkeeping.deliveries.find((d) => d.id === out.events[1].id);
    expect(delivery).toMatchObject({ status: "retrying", attempts: 0 });
    expect(delivery?.request?.url).toBe("https://b.example/in");
  });
});
