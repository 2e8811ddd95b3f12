import { describe, expect, it } from "vitest";
import { hashApiKey } from "@/lib/intake/auth";
import {
  handleIntake,
  matchIntakePath,
  requestIdFor,
  type IntakeHandlers,
  type IntakeRejection,
  type IntakeSourceInfo,
  type IntakeSubmission,
} from "@/lib/intake/handle-intake";
import type { IntakeResult } from "@/lib/intake/respond";

// Setup of spec 07 §3.1.
const FLOW = "5fd4371e940df5a34a3888b2";
const VENDOR_A = "6369a0e534c9d4ebe142e0ef";
const VENDOR_B = "6369a0e534c9d4ebe142e0f0";
const DISABLED = "6369a0e534c9d4ebe142e0f1";
const U = `https://leadflow.example/flows/${FLOW}/sources`;
const LEAD_ID = "65a5b3c0e4b0a1b2c3d4e5f6";

interface TestSource extends IntakeSourceInfo {
  name: string;
}

const SOURCES: Record<string, TestSource> = {
  [VENDOR_A]: { name: "Vendor A", enabled: true, authenticationRequired: false },
  [VENDOR_B]: { name: "Vendor B", enabled: true, authenticationRequired: true, apiKeyHashes: [hashApiKey("lfs_test")] },
  [DISABLED]: { name: "Vendor C", enabled: false, authenticationRequired: false },
};

interface Harness {
  handlers: IntakeHandlers<TestSource>;
  submissions: IntakeSubmission<TestSource>[];
  rejections: IntakeRejection[];
  errors: { error: unknown; stage: string }[];
  lookups: number;
}

/** A stand-in for the engine: the flow of 00 §4 (TX only, price 15). */
function harness(options: { flowEnabled?: boolean; overrides?: Partial<IntakeHandlers<TestSource>> } = {}): Harness {
  const h: Harness = {
    submissions: [],
    rejections: [],
    errors: [],
    lookups: 0,
    handlers: undefined as unknown as IntakeHandlers<TestSource>,
  };
  h.handlers = {
    lookup: async (flowId, sourceId) => {
      h.lookups++;
      return flowId === FLOW ? (SOURCES[sourceId] ?? null) : null;
    },
    process: async (submission): Promise<IntakeResult> => {
      h.submissions.push(submission);
      if (options.flowEnabled === false) return { outcome: "error", reason: "Flow is disabled", leadId: LEAD_ID, price: 15 };
      if (submission.data.state !== "TX") return { outcome: "failure", reason: "Lead must live in TX", leadId: LEAD_ID, price: 15 };
      return { outcome: "success", reason: null, leadId: LEAD_ID, price: 15 };
    },
    onRejected: (r) => h.rejections.push(r),
    onError: (error, stage) => h.errors.push({ error, stage }),
    ...options.overrides,
  };
  return h;
}

const encoder = new TextEncoder();

interface Req {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Do not add a Content-Length header for the body. */
  noLength?: boolean;
}

/** A real Request. Bodies go in as bytes so undici adds no Content-Type of its own. */
function req(url: string, { method = "POST", headers = {}, body, noLength }: Req = {}): Request {
  const h = new Headers(headers);
  let bytes: Uint8Array | undefined;
  if (body !== undefined) {
    bytes = typeof body === "string" ? encoder.encode(body) : body;
    if (!noLength && !h.has("content-length")) h.set("content-length", String(bytes.byteLength));
  }
  return new Request(url, { method, headers: h, body: bytes as BodyInit | undefined });
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const I1_BODY = "first_name=Ann&email=ann%40example.com&phone_1=(512)%20789-1111&state=TX";
const I1 = (extra: Req = {}, query = "") =>
  req(`${U}/${VENDOR_A}/submit${query}`, {
    ...extra,
    headers: { ...FORM, accept: "application/json", ...extra.headers },
    body: extra.body ?? I1_BODY,
  });

const SUCCESS = `{"outcome":"success","lead":{"id":"${LEAD_ID}"},"price":15}`;
const FAILURE = `{"outcome":"failure","reason":"Lead must live in TX","lead":{"id":"${LEAD_ID}"},"price":0}`;

async function expectResponse(
  res: Response,
  status: number,
  contentType: string | null,
  body: string | ((text: string) => void),
): Promise<string> {
  const text = await res.text();
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe(contentType);
  if (typeof body === "string") expect(text).toBe(body);
  else body(text);
  if (contentType !== null) expect(res.headers.get("content-length")).toBe(String(encoder.encode(text).byteLength));
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(res.headers.get("x-request-id")).toBeTruthy();
  expect(res.headers.get("server-timing")).toMatch(/^total;dur=\d+\.\d$/);
  return text;
}

describe("spec 07 §3.1 intake test vectors", () => {
  it("I1: form post, success", async () => {
    const h = harness();
    await expectResponse(await handleIntake(I1(), h.handlers), 201, "application/json", SUCCESS);
    expect(h.submissions[0].data).toEqual({
      first_name: "Ann",
      email: "ann@example.com",
      phone_1: "(512) 789-1111",
      state: "TX",
    });
    expect(h.submissions[0].flowId).toBe(FLOW);
    expect(h.submissions[0].sourceId).toBe(VENDOR_A);
    expect(h.submissions[0].source.name).toBe("Vendor A");
  });

  it("I2: failure carries the reason and price 0", async () => {
    const h = harness();
    const res = await handleIntake(I1({ body: I1_BODY.replace("TX", "OK") }), h.handlers);
    await expectResponse(res, 201, "application/json", FAILURE);
  });

  it("I3: I2 as text/xml", async () => {
    const h = harness();
    const res = await handleIntake(I1({ body: I1_BODY.replace("TX", "OK"), headers: { accept: "text/xml" } }), h.handlers);
    await expectResponse(
      res,
      201,
      "text/xml",
      `<?xml version="1.0"?>\n<result>\n  <outcome>failure</outcome>\n  <reason>Lead must live in TX</reason>\n  <lead>\n    <id>${LEAD_ID}</id>\n  </lead>\n  <price>0</price>\n</result>`,
    );
  });

  it("I4: GET with the query string only, no headers", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit?first_name=Ann&email=ann%40example.com&phone_1=5127891111&state=TX`, { method: "GET" }),
      h.handlers,
    );
    await expectResponse(res, 201, "application/json", SUCCESS);
    expect(h.submissions[0].data).toEqual({ first_name: "Ann", email: "ann@example.com", phone_1: "5127891111", state: "TX" });
    expect(h.submissions[0].request.body).toBeNull();
  });

  it("I5: redir_url answers 303 with Location and keeps redir_url in the data", async () => {
    const h = harness();
    const res = await handleIntake(I1({}, "?redir_url=https%3A%2F%2Fexample.com%2Fthanks"), h.handlers);
    await expectResponse(res, 303, "application/json", SUCCESS);
    expect(res.headers.get("location")).toBe("https://example.com/thanks");
    expect(h.submissions[0].data.redir_url).toBe("https://example.com/thanks");
  });

  it("I6: invalid redir_url", async () => {
    const h = harness();
    await expectResponse(await handleIntake(I1({}, "?redir_url=example.com"), h.handlers), 400, "text/plain", "Invalid redir_url");
    expect(h.submissions).toHaveLength(0);
  });

  it("I7: PUT is not allowed", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_A}/submit`, { method: "PUT" }), h.handlers);
    await expectResponse(res, 405, "text/plain", "The PUT method is not allowed");
    expect(res.headers.get("allow")).toBe("GET, POST");
  });

  it("I8: Accept text/plain", async () => {
    const h = harness();
    const res = await handleIntake(I1({ headers: { accept: "text/plain" } }), h.handlers);
    await expectResponse(res, 406, "text/plain", "Not capable of generating content according to the Accept header");
  });

  it("I9: body without Content-Type", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_A}/submit`, { headers: { "content-length": "10" } }), h.handlers);
    await expectResponse(res, 415, "text/plain", "Content-Type header is required");
  });

  it("I10: unsupported Content-Type", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_A}/submit`, { headers: { "content-type": "text/plain" }, body: "a=1" }), h.handlers);
    await expectResponse(
      res,
      406,
      "text/plain",
      "MIME type in Content-Type header is not supported. Use only application/x-www-form-urlencoded, application/json, application/xml, text/xml.",
    );
  });

  it("I11: unparseable JSON", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit`, { headers: { "content-type": "application/json" }, body: '{"first_name": "Ann' }),
      h.handlers,
    );
    await expectResponse(res, 400, "text/plain", (t) => expect(t.startsWith("Unable to parse JSON -- ")).toBe(true));
  });

  it("I12: raw tab inside a JSON string is removed on the retry", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit`, {
        headers: { "content-type": "application/json" },
        body: '{"first_name":"Harold","address_1":"123\t Main St"}',
      }),
      h.handlers,
    );
    expect(res.status).toBe(201);
    expect(h.submissions[0].data.address_1).toBe("123 Main St");
  });

  it("I13: a key that is both a value and a dotted parent", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit`, { headers: FORM, body: "utility=SCE&utility.electric.company.name=SCE" }),
      h.handlers,
    );
    await expectResponse(res, 400, "text/plain", (t) => {
      expect(t.startsWith("Unable to parse body -- ")).toBe(true);
      expect(t.endsWith(".")).toBe(true);
    });
  });

  it("I14: form text sent as XML", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit`, {
        headers: { "content-type": "application/xml" },
        body: "xxTrustedFormCertUrl=https://cert.trustedform.com/x",
      }),
      h.handlers,
    );
    await expectResponse(res, 400, "text/plain", (t) => {
      expect(t.startsWith("Body does not contain XML or XML is unparseable -- ")).toBe(true);
      expect(t.endsWith(".")).toBe(true);
    });
  });

  it("I15: XXTRUSTEDFORMCERTURL becomes trustedform_cert_url", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit`, { headers: FORM, body: "XXTRUSTEDFORMCERTURL=https%3A%2F%2Fcert.trustedform.com%2Fabc" }),
      h.handlers,
    );
    expect(res.status).toBe(201);
    expect(h.submissions[0].data).toEqual({ trustedform_cert_url: "https://cert.trustedform.com/abc" });
  });

  it("I16: the query string wins over the body", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit?first_name=Joe`, { headers: FORM, body: "first_name=Ann&last_name=Lee" }),
      h.handlers,
    );
    expect(res.status).toBe(201);
    expect(h.submissions[0].data).toEqual({ first_name: "Joe", last_name: "Lee" });
  });

  it("I17: Content-Length 0 submits the query alone", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit?first_name=Joe&phone_1=5127891111`, { headers: { ...FORM, "content-length": "0" } }),
      h.handlers,
    );
    expect(res.status).toBe(201);
    expect(h.submissions[0].data).toEqual({ first_name: "Joe", phone_1: "5127891111" });
  });

  it("I18: unknown flow", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U.replace(FLOW, "000000000000000000000000")}/${VENDOR_A}/submit`), h.handlers);
    await expectResponse(res, 404, "application/json", '{"message":"Not found"}');
  });

  it("I19: authentication required, no credentials", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_B}/submit`, { headers: FORM, body: I1_BODY }), h.handlers);
    await expectResponse(res, 401, "application/json", '{"message":"Unauthorized source"}');
    expect(res.headers.get("www-authenticate")).toBe('Basic realm="Leadflow"');
    expect(h.submissions).toHaveLength(0);
  });

  it("I20: Basic API:lfs_test", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_B}/submit`, { headers: { ...FORM, authorization: "Basic QVBJOmxmc190ZXN0" }, body: I1_BODY }),
      h.handlers,
    );
    await expectResponse(res, 201, "application/json", SUCCESS);
    expect(h.submissions[0].request.headers.Authorization).toBeUndefined();
  });

  it("I21: disabled source", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${DISABLED}/submit`, { headers: FORM, body: I1_BODY }), h.handlers);
    await expectResponse(res, 403, "application/json", '{"message":"Source is disabled"}');
    expect(h.submissions).toHaveLength(0);
  });

  it("I22: disabled flow: the engine's error outcome, price 0", async () => {
    const h = harness({ flowEnabled: false });
    const res = await handleIntake(I1(), h.handlers);
    await expectResponse(
      res,
      201,
      "application/json",
      `{"outcome":"error","reason":"Flow is disabled","lead":{"id":"${LEAD_ID}"},"price":0}`,
    );
    expect(h.submissions).toHaveLength(1);
  });

  it("I23: a body of 1,048,577 bytes", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit`, { headers: FORM, body: "a=" + "x".repeat(1_048_575) }),
      h.handlers,
    );
    await expectResponse(res, 413, "text/plain", "Request body is too large (limit 1048576 bytes)");
  });

  it("I24: the ping URL is not served", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_A}/ping`, { headers: FORM, body: I1_BODY }), h.handlers);
    await expectResponse(res, 404, "application/json", '{"message":"Not found"}');
    expect(h.lookups).toBe(0);
  });

  it("I25: Accept application/json, application/xml answers XML", async () => {
    const h = harness();
    const res = await handleIntake(I1({ headers: { accept: "application/json, application/xml" } }), h.handlers);
    await expectResponse(
      res,
      201,
      "application/xml",
      `<?xml version="1.0"?>\n<result>\n  <outcome>success</outcome>\n  <lead>\n    <id>${LEAD_ID}</id>\n  </lead>\n  <price>15</price>\n</result>`,
    );
  });

  it("I26: XML body, text/xml; charset=utf-8, no Accept", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit`, {
        headers: { "content-type": "text/xml; charset=utf-8" },
        body: "<lead><first_name>Joe</first_name><phone_1>5127891111</phone_1></lead>",
      }),
      h.handlers,
    );
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(h.submissions[0].data).toEqual({ first_name: "Joe", phone_1: "5127891111" });
  });
});

describe("order of checks (spec 07 §1.2)", () => {
  it("404 before 405: PUT to an unknown source", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/aaaaaaaaaaaaaaaaaaaaaaaa/submit`, { method: "PUT" }), h.handlers);
    expect(res.status).toBe(404);
  });

  it("403 before 405 and 406", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${DISABLED}/submit`, { method: "DELETE", headers: { accept: "text/html" } }), h.handlers);
    expect(res.status).toBe(403);
  });

  it("405 before 406", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_A}/submit`, { method: "PATCH", headers: { accept: "text/html" } }), h.handlers);
    expect(res.status).toBe(405);
    expect(await res.text()).toBe("The PATCH method is not allowed");
  });

  it("HEAD and DELETE are 405 too", async () => {
    const h = harness();
    for (const method of ["HEAD", "DELETE"]) {
      const res = await handleIntake(req(`${U}/${VENDOR_A}/submit`, { method }), h.handlers);
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, POST");
    }
  });

  it("406 (Accept) before invalid redir_url", async () => {
    const h = harness();
    expect((await handleIntake(I1({ headers: { accept: "text/html" } }, "?redir_url=nope"), h.handlers)).status).toBe(406);
  });

  it("invalid redir_url before 413", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit?redir_url=ftp://x.com/`, { headers: { ...FORM, "content-length": "99999999" } }),
      h.handlers,
    );
    expect(res.status).toBe(400);
  });

  it("413 from Content-Length before 415, without reading", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_A}/submit`, { headers: { "content-length": "2000000" } }), h.handlers);
    await expectResponse(res, 413, "text/plain", "Request body is too large (limit 1048576 bytes)");
  });

  it("415 before 406 (Content-Type) and before parsing", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_A}/submit`, { body: "{not json" }), h.handlers);
    expect(res.status).toBe(415);
  });

  it("400 before 401: a bad body to a source that needs a key", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_B}/submit`, { headers: { "content-type": "application/json" }, body: "[1,2]" }),
      h.handlers,
    );
    await expectResponse(res, 400, "text/plain", "Unable to parse JSON -- body must be a JSON object");
  });

  it("401 before 429", async () => {
    let asked = 0;
    const h = harness({ overrides: { rateLimit: () => (asked++, { retryAfterSeconds: 3 }) } });
    const res = await handleIntake(req(`${U}/${VENDOR_B}/submit`, { headers: FORM, body: I1_BODY }), h.handlers);
    expect(res.status).toBe(401);
    expect(asked).toBe(0);
  });

  it("429 with Retry-After in whole seconds; nothing processed", async () => {
    const h = harness({ overrides: { rateLimit: () => ({ retryAfterSeconds: 1.2 }) } });
    const res = await handleIntake(I1(), h.handlers);
    await expectResponse(res, 429, "application/json", '{"message":"Too many requests"}');
    expect(res.headers.get("retry-after")).toBe("2");
    expect(h.submissions).toHaveLength(0);
  });

  it("the rate limiter is asked with the source and ids, and null lets the lead through", async () => {
    const calls: unknown[][] = [];
    const h = harness({ overrides: { rateLimit: (...args) => (calls.push(args), null) } });
    expect((await handleIntake(I1(), h.handlers)).status).toBe(201);
    expect(calls[0][1]).toBe(FLOW);
    expect(calls[0][2]).toBe(VENDOR_A);
  });

  it("a failing rate limiter lets the lead through and is reported", async () => {
    const h = harness({
      overrides: {
        rateLimit: () => {
          throw new Error("redis down");
        },
      },
    });
    expect((await handleIntake(I1(), h.handlers)).status).toBe(201);
    expect(h.errors[0].stage).toBe("rate_limit");
  });

  it("every refusal is reported to onRejected with its ids", async () => {
    const h = harness();
    await handleIntake(req(`${U}/${DISABLED}/submit`), h.handlers);
    expect(h.rejections).toEqual([
      expect.objectContaining({ status: 403, code: "source_disabled", flowId: FLOW, sourceId: DISABLED }),
    ]);
  });
});

describe("paths and methods", () => {
  it("matches only the submit path with 24-hex ids", () => {
    expect(matchIntakePath(`/flows/${FLOW}/sources/${VENDOR_A}/submit`)).toEqual({ flowId: FLOW, sourceId: VENDOR_A });
    expect(matchIntakePath(`/flows/${FLOW.toUpperCase()}/sources/${VENDOR_A}/submit`)).toEqual({ flowId: FLOW, sourceId: VENDOR_A });
    expect(matchIntakePath(`/flows/${FLOW}/sources/${VENDOR_A}/submit/`)).toBeNull();
    expect(matchIntakePath(`/flows/${FLOW}/sources/abc123/submit`)).toBeNull();
    expect(matchIntakePath(`/flows/${FLOW}/sources/${VENDOR_A}/ping`)).toBeNull();
  });

  it("a malformed id answers 404 without a look-up", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/not-an-id/submit`, { method: "GET" }), h.handlers);
    expect(res.status).toBe(404);
    expect(h.lookups).toBe(0);
  });

  it("OPTIONS is the CORS pre-flight, answered without a look-up", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_A}/submit`, { method: "OPTIONS" }), h.handlers);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(res.headers.get("access-control-allow-headers")).toBe("Accept, Content-Type, Authorization, X-Request-Id");
    expect(res.headers.get("access-control-max-age")).toBe("86400");
    expect(h.lookups).toBe(0);
  });

  it("a URL longer than 16 KiB answers 414 before anything else", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_A}/submit?a=${"x".repeat(16_384)}`, { method: "GET" }), h.handlers);
    await expectResponse(res, 414, "text/plain", "URI too long");
    expect(h.lookups).toBe(0);
  });

  it("a URL of exactly 16 KiB is accepted", async () => {
    const h = harness();
    const path = `/flows/${FLOW}/sources/${VENDOR_A}/submit?state=TX&a=`;
    const res = await handleIntake(req(`https://leadflow.example${path}${"x".repeat(16_384 - path.length)}`, { method: "GET" }), h.handlers);
    expect(res.status).toBe(201);
  });

  it("GET ignores a Content-Type and any body headers", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit?state=TX`, { method: "GET", headers: { "content-type": "text/plain", "content-length": "5" } }),
      h.handlers,
    );
    expect(res.status).toBe(201);
  });

  it("a POST without Content-Length or chunked encoding ignores its body (ap-code)", async () => {
    const h = harness();
    const res = await handleIntake(req(`${U}/${VENDOR_A}/submit?state=TX`, { body: "first_name=Ann", noLength: true }), h.handlers);
    expect(res.status).toBe(201);
    expect(h.submissions[0].data).toEqual({ state: "TX" });
  });

  it("Transfer-Encoding: chunked declares a body", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit`, { headers: { ...FORM, "transfer-encoding": "chunked" }, body: "state=TX", noLength: true }),
      h.handlers,
    );
    expect(res.status).toBe(201);
    expect(h.submissions[0].data).toEqual({ state: "TX" });
  });
});

describe("bodies through the handler", () => {
  const post = (headers: Record<string, string>, body: string | Uint8Array, query = "") =>
    req(`${U}/${VENDOR_A}/submit${query}`, { headers, body });

  it("JSON: nested objects kept, numbers and booleans unchanged, flattened to dotted names", async () => {
    const h = harness();
    const res = await handleIntake(
      post(
        { "content-type": "application/json; charset=utf-8" },
        '{"state":"TX","age":42,"opt_in":true,"address":{"city":"Austin","geo":{"lat":30.2}},"phone":["1","2"],"note":null}',
      ),
      h.handlers,
    );
    expect(res.status).toBe(201);
    const s = h.submissions[0];
    expect(s.data).toEqual({
      state: "TX",
      age: 42,
      opt_in: true,
      address: { city: "Austin", geo: { lat: 30.2 } },
      phone: ["1", "2"],
      note: null,
    });
    expect(s.fields).toEqual({
      state: "TX",
      age: 42,
      opt_in: true,
      "address.city": "Austin",
      "address.geo.lat": 30.2,
      phone: ["1", "2"],
      note: null,
    });
  });

  it("dotted form keys and nested JSON give the same flat fields", async () => {
    const h = harness();
    await handleIntake(post(FORM, "mortgage.loan.amount=1&state=TX"), h.handlers);
    await handleIntake(post({ "content-type": "application/json" }, '{"mortgage":{"loan":{"amount":"1"}},"state":"TX"}'), h.handlers);
    expect(h.submissions[0].data).toEqual(h.submissions[1].data);
    expect(h.submissions[0].fields).toEqual({ "mortgage.loan.amount": "1", state: "TX" });
  });

  it("query data deep-merges into a JSON body, query winning", async () => {
    const h = harness();
    await handleIntake(
      post({ "content-type": "application/json" }, '{"address":{"city":"Austin","zip":"78701"},"state":"OK"}', "?address.city=Dallas&state=TX"),
      h.handlers,
    );
    expect(h.submissions[0].data).toEqual({ address: { city: "Dallas", zip: "78701" }, state: "TX" });
  });

  it("api_key is removed from the data and masked in the stored request", async () => {
    const h = harness();
    await handleIntake(post(FORM, "state=TX&api_key=lfs_secret_value", "?x=1&api_key=lfs_query_key"), h.handlers);
    const s = h.submissions[0];
    expect(s.data).toEqual({ state: "TX", x: "1" });
    expect(s.request.uri).toBe(`${U}/${VENDOR_A}/submit?x=1`);
    expect(s.request.body).toBe("state=TX&api_key=********");
  });

  it("api_key authenticates (query or body), Bearer authenticates", async () => {
    const h = harness();
    const viaQuery = await handleIntake(req(`${U}/${VENDOR_B}/submit?api_key=lfs_test`, { headers: FORM, body: I1_BODY }), h.handlers);
    const viaBody = await handleIntake(req(`${U}/${VENDOR_B}/submit`, { headers: FORM, body: `${I1_BODY}&api_key=lfs_test` }), h.handlers);
    const viaBearer = await handleIntake(
      req(`${U}/${VENDOR_B}/submit`, { headers: { ...FORM, authorization: "Bearer lfs_test" }, body: I1_BODY }),
      h.handlers,
    );
    expect([viaQuery.status, viaBody.status, viaBearer.status]).toEqual([201, 201, 201]);
    for (const s of h.submissions) {
      expect(s.data.api_key).toBeUndefined();
      expect(JSON.stringify(s.request)).not.toContain("lfs_test");
    }
  });

  it("wrong keys are refused", async () => {
    const h = harness();
    const wrongBasic = await handleIntake(
      req(`${U}/${VENDOR_B}/submit`, { headers: { ...FORM, authorization: `Basic ${btoa("API:lfs_wrong")}` }, body: I1_BODY }),
      h.handlers,
    );
    const wrongParam = await handleIntake(req(`${U}/${VENDOR_B}/submit?api_key=nope`, { method: "GET" }), h.handlers);
    expect([wrongBasic.status, wrongParam.status]).toEqual([401, 401]);
  });

  it("any valid presented credential is enough (a proxy's Authorization does not hide api_key)", async () => {
    const h = harness();
    const res = await handleIntake(
      req(`${U}/${VENDOR_B}/submit?api_key=lfs_test`, { headers: { ...FORM, authorization: "Basic cHJveHk6cGFzcw==" }, body: I1_BODY }),
      h.handlers,
    );
    expect(res.status).toBe(201);
  });

  it("credentials sent to an open source are ignored", async () => {
    const h = harness();
    const res = await handleIntake(I1({ headers: { authorization: "Bearer whatever" } }), h.handlers);
    expect(res.status).toBe(201);
  });

  it("a custom authenticate handler replaces the hash check", async () => {
    const seen: string[] = [];
    const h = harness({ overrides: { authenticate: async (key) => (seen.push(key), key === "custom") } });
    const res = await handleIntake(req(`${U}/${VENDOR_B}/submit?api_key=custom`, { method: "GET" }), h.handlers);
    expect(res.status).toBe(201);
    expect(seen).toEqual(["custom"]);
  });

  it("charset windows-1252 and latin1 bodies", async () => {
    const h = harness();
    const bytes = new Uint8Array([...encoder.encode('{"city":"Mont'), 0xe9, ...encoder.encode('al","sign":"'), 0x80, ...encoder.encode('"}')]);
    await handleIntake(post({ "content-type": "application/json; charset=windows-1252" }, bytes), h.handlers);
    await handleIntake(post({ "content-type": "application/json; charset=ISO-8859-1" }, bytes), h.handlers);
    expect(h.submissions[0].data).toEqual({ city: "Montéal", sign: "€" });
    expect(h.submissions[1].data).toEqual({ city: "Montéal", sign: "€" });
  });

  it("invalid UTF-8 becomes U+FFFD instead of failing", async () => {
    const h = harness();
    const bytes = new Uint8Array([...encoder.encode("first_name=Ann"), 0xff, 0xfe, ...encoder.encode("&state=TX")]);
    const res = await handleIntake(post(FORM, bytes), h.handlers);
    expect(res.status).toBe(201);
    expect(h.submissions[0].data.first_name).toBe("Ann\uFFFD\uFFFD");
  });

  it("an XML declaration's encoding is used when the header names none", async () => {
    const h = harness();
    const bytes = new Uint8Array([
      ...encoder.encode('<?xml version="1.0" encoding="ISO-8859-1"?><lead><city>Montr'),
      0xe9,
      ...encoder.encode("al</city></lead>"),
    ]);
    await handleIntake(post({ "content-type": "application/xml" }, bytes), h.handlers);
    // The header's charset wins over the declaration.
    await handleIntake(post({ "content-type": "application/xml; charset=utf-8" }, bytes), h.handlers);
    expect(h.submissions[0].data).toEqual({ city: "Montréal" });
    expect(h.submissions[1].data).toEqual({ city: "Montr\uFFFDal" });
  });

  it("a whitespace-only body submits the query alone", async () => {
    const h = harness();
    const res = await handleIntake(post({ "content-type": "application/json" }, " \r\n\t ", "?state=TX"), h.handlers);
    expect(res.status).toBe(201);
    expect(h.submissions[0].data).toEqual({ state: "TX" });
    expect(h.submissions[0].request.body).toBe(" \r\n\t ");
  });

  it("Content-Type */* is JSON; application/* picks XML like LeadConduit", async () => {
    const h = harness();
    expect((await handleIntake(post({ "content-type": "*/*" }, '{"state":"TX"}'), h.handlers)).status).toBe(201);
    expect((await handleIntake(post({ "content-type": "application/*" }, "<lead><state>TX</state></lead>"), h.handlers)).status).toBe(201);
    expect(h.submissions.map((s) => s.data)).toEqual([{ state: "TX" }, { state: "TX" }]);
  });

  it("Content-Type matching ignores case (decision)", async () => {
    const h = harness();
    expect((await handleIntake(post({ "content-type": "Application/JSON" }, '{"state":"TX"}'), h.handlers)).status).toBe(201);
  });

  it("multipart is refused with 406", async () => {
    const h = harness();
    const res = await handleIntake(post({ "content-type": "multipart/form-data; boundary=x" }, "--x--"), h.handlers);
    expect(res.status).toBe(406);
  });

  it("unicode and control characters pass through untouched", async () => {
    const h = harness();
    const name = "Zoë 😀 \u0001\u200b";
    await handleIntake(post({ "content-type": "application/json" }, JSON.stringify({ first_name: name, state: "TX" })), h.handlers);
    await handleIntake(post(FORM, `first_name=${encodeURIComponent(name)}&state=TX`), h.handlers);
    expect(h.submissions[0].data.first_name).toBe(name);
    expect(h.submissions[1].data.first_name).toBe(name);
  });

  it("10,000 form fields are accepted; 10,001 are refused with a clear text", async () => {
    const h = harness();
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `f${i}=v`).join("&");
    const started = performance.now();
    const ok = await handleIntake(post(FORM, fields(10_000)), h.handlers);
    expect(ok.status).toBe(201);
    expect(Object.keys(h.submissions[0].data)).toHaveLength(10_000);
    const refused = await handleIntake(post(FORM, fields(10_001)), h.handlers);
    expect(await refused.text()).toBe("Unable to parse body -- more than 10000 fields.");
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("10,000 JSON fields are accepted; 10,001 are refused", async () => {
    const h = harness();
    const obj = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, "v"])));
    expect((await handleIntake(post({ "content-type": "application/json" }, obj(10_000)), h.handlers)).status).toBe(201);
    const refused = await handleIntake(post({ "content-type": "application/json" }, obj(10_001)), h.handlers);
    expect(await refused.text()).toBe("Unable to parse JSON -- more than 10000 fields");
  });

  it("deep JSON nesting is refused without touching the stack", async () => {
    const h = harness();
    const deep = '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000);
    const res = await handleIntake(post({ "content-type": "application/json" }, deep), h.handlers);
    expect(await res.text()).toBe("Unable to parse JSON -- nested deeper than 32 levels");
    const arrays = "[".repeat(200_000) + "]".repeat(200_000);
    const res2 = await handleIntake(post({ "content-type": "application/json" }, `{"a":${arrays}}`), h.handlers);
    expect(res2.status).toBe(400);
  });

  it("deep dotted keys are refused", async () => {
    const h = harness();
    const res = await handleIntake(post(FORM, `${Array(5_000).fill("a").join(".")}=1`), h.handlers);
    expect(await res.text()).toBe("Unable to parse body -- nested deeper than 32 levels.");
    const q = await handleIntake(req(`${U}/${VENDOR_A}/submit?${Array(40).fill("a").join(".")}=1`, { method: "GET" }), h.handlers);
    expect(await q.text()).toBe("Unable to parse query string -- nested deeper than 32 levels.");
  });

  it("query-string conflicts and repeated query keys", async () => {
    const h = harness();
    const bad = await handleIntake(req(`${U}/${VENDOR_A}/submit?a=1&a.b=2`, { method: "GET" }), h.handlers);
    await expectResponse(bad, 400, "text/plain", 'Unable to parse query string -- "a" is both a value and the parent of "a.b".');
    const ok = await handleIntake(
      req(`${U}/${VENDOR_A}/submit?phone=1&phone=2&state=TX&redir_url=http://a.example/1&redir_url=http://b.example/2`, {
        method: "GET",
      }),
      h.handlers,
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("http://a.example/1");
    expect(h.submissions[0].data).toEqual({
      phone: ["1", "2"],
      state: "TX",
      redir_url: ["http://a.example/1", "http://b.example/2"],
    });
  });

  it("redir_url must be an absolute http(s) URL; non-ASCII is sent normalised", async () => {
    const h = harness();
    for (const bad of ["scooby.doo", "ftp://x.example/", "javascript:alert(1)", "http:/x", "http://", "//x.example/"]) {
      const res = await handleIntake(req(`${U}/${VENDOR_A}/submit?redir_url=${encodeURIComponent(bad)}`, { method: "GET" }), h.handlers);
      expect(res.status, bad).toBe(400);
    }
    const res = await handleIntake(
      req(`${U}/${VENDOR_A}/submit?redir_url=${encodeURIComponent("HTTPS://exämple.com/dänke?x=1")}`, { method: "GET" }),
      h.handlers,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("https://xn--exmple-cua.com/d%C3%A4nke?x=1");
  });

  it("deep XML nesting is refused", async () => {
    const h = harness();
    const deep = (n: number) => "<lead>" + "<a>".repeat(n) + "1" + "</a>".repeat(n) + "</lead>";
    const res = await handleIntake(post({ "content-type": "application/xml" }, deep(5_000)), h.handlers);
    expect(await res.text()).toBe("Body does not contain XML or XML is unparseable -- nested deeper than 32 levels.");
    // Far more tags than fields allowed: refused by the cheap tag count before parsing.
    const huge = await handleIntake(post({ "content-type": "application/xml" }, deep(100_000)), h.handlers);
    expect(await huge.text()).toBe("Body does not contain XML or XML is unparseable -- more than 10000 fields.");
    // 32 levels below the root are fine.
    const ok = await handleIntake(post({ "content-type": "application/xml" }, deep(31).replace("<lead>", "<lead><state>TX</state>")), h.handlers);
    expect(ok.status).toBe(201);
  });

  it("an XML entity bomb is refused before expansion", async () => {
    const h = harness();
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lead [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><lead><x>&d;&d;&d;</x></lead>';
    const started = performance.now();
    const res = await handleIntake(post({ "content-type": "application/xml" }, bomb), h.handlers);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      "Body does not contain XML or XML is unparseable -- DOCTYPE with entity declarations is not allowed.",
    );
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("an external entity (XXE) is refused", async () => {
    const h = harness();
    const xxe = '<?xml version="1.0"?><!DOCTYPE lead [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><lead><x>&xxe;</x></lead>';
    const res = await handleIntake(post({ "content-type": "text/xml" }, xxe), h.handlers);
    expect(res.status).toBe(400);
    expect(h.submissions).toHaveLength(0);
  });

  it("a chunked body beyond the limit is cut off while streaming", async () => {
    const h = harness({ overrides: { limits: { maxBodyBytes: 1024 } } });
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new Uint8Array(512).fill(0x61));
      },
    });
    const request = new Request(`${U}/${VENDOR_A}/submit`, {
      method: "POST",
      headers: { ...FORM, "transfer-encoding": "chunked" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const res = await handleIntake(request, h.handlers);
    expect(res.status).toBe(413);
    expect(await res.text()).toBe("Request body is too large (limit 1024 bytes)");
    expect(pulled).toBeLessThan(10);
  });

  it("a Content-Length that understates the body is caught while streaming", async () => {
    const h = harness();
    const res = await handleIntake(post({ ...FORM, "content-length": "10" }, "a=" + "x".repeat(1_100_000)), h.handlers);
    expect(res.status).toBe(413);
  });
});

describe("responses", () => {
  it("X-Request-Id is echoed when valid, generated otherwise", async () => {
    const h = harness();
    const echoed = await handleIntake(I1({ headers: { "x-request-id": "abc-123" } }), h.handlers);
    expect(echoed.headers.get("x-request-id")).toBe("abc-123");
    expect(h.submissions[0].requestId).toBe("abc-123");
    const generated = await handleIntake(I1({ headers: { "x-request-id": "has space" } }), h.handlers);
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor("x".repeat(128))).toBe("x".repeat(128));
    expect(requestIdFor("x".repeat(129))).not.toBe("x".repeat(129));
    expect(requestIdFor("")).not.toBe("");
  });

  it("the stored response equals the response sent (but Server-Timing)", async () => {
    let record: ReturnType<IntakeSubmission["responseFor"]> | undefined;
    const h = harness({
      overrides: {
        process: async (s) => {
          const result: IntakeResult = { outcome: "success", leadId: LEAD_ID, price: 12.5 };
          record = s.responseFor(result);
          return result;
        },
      },
    });
    const res = await handleIntake(I1({ headers: { accept: "application/xml" } }, "?redir_url=https://x.example/ok"), h.handlers);
    const text = await res.text();
    expect(record!.status).toBe(303);
    expect(record!.status_text).toBe("See Other");
    expect(record!.body).toBe(text);
    const sent = Object.fromEntries([...res.headers].filter(([k]) => k !== "server-timing"));
    expect(Object.fromEntries(Object.entries(record!.headers).map(([k, v]) => [k.toLowerCase(), v]))).toEqual(sent);
    expect(text).toContain("<price>12.5</price>");
  });

  it("the Accept form-urlencoded quirk: that type, JSON text", async () => {
    const h = harness();
    const res = await handleIntake(I1({ headers: { accept: "application/x-www-form-urlencoded" } }), h.handlers);
    await expectResponse(res, 201, "application/x-www-form-urlencoded", SUCCESS);
  });

  it("a failing look-up answers 503 with Retry-After: 5", async () => {
    const h = harness({
      overrides: {
        lookup: async () => {
          throw new Error("database unreachable");
        },
      },
    });
    const res = await handleIntake(I1(), h.handlers);
    await expectResponse(res, 503, "application/json", '{"message":"Service unavailable"}');
    expect(res.headers.get("retry-after")).toBe("5");
    expect(h.errors[0].stage).toBe("lookup");
  });

  it("a process that cannot create the lead answers 503", async () => {
    const h = harness({
      overrides: {
        process: async () => {
          throw new Error("no database");
        },
      },
    });
    const res = await handleIntake(I1(), h.handlers);
    expect(res.status).toBe(503);
    expect(h.errors[0].stage).toBe("process");
  });

  it("a failing authenticate handler answers 503, not 401", async () => {
    const h = harness({
      overrides: {
        authenticate: () => {
          throw new Error("down");
        },
      },
    });
    const res = await handleIntake(req(`${U}/${VENDOR_B}/submit?api_key=k`, { method: "GET" }), h.handlers);
    expect(res.status).toBe(503);
  });

  it("submission carries receivedAt, client ip and the request record", async () => {
    const h = harness();
    const before = Date.now();
    await handleIntake(
      I1({ headers: { "x-forwarded-for": "203.0.113.7, 10.0.0.1", cookie: "session=abcdef", "x-api-key": "supersecret" } }),
      h.handlers,
    );
    const s = h.submissions[0];
    expect(s.receivedAt).toBeGreaterThanOrEqual(before);
    expect(s.ip).toBe("203.0.113.7");
    expect(s.request).toMatchObject({
      method: "POST",
      uri: `${U}/${VENDOR_A}/submit`,
      version: "1.1",
      body: I1_BODY,
      timestamp: s.receivedAt,
    });
    expect(s.request.headers["Content-Type"]).toBe("application/x-www-form-urlencoded");
    expect(s.request.headers.Cookie).toBeUndefined();
    expect(s.request.headers["X-Api-Key"]).toBe("********");
  });

  it("clientIp can be supplied by the route", async () => {
    const h = harness({ overrides: { clientIp: () => "198.51.100.1" } });
    await handleIntake(I1(), h.handlers);
    expect(h.submissions[0].ip).toBe("198.51.100.1");
  });
});
