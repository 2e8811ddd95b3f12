import { describe, expect, it } from "vitest";
import { feedbackAnswerBody, handleFeedback, type FeedbackHandlers, type FeedbackSubmission } from "./handle-feedback";

const EVENT = "5af4b98aa8065fa3a79bf4b3";
const LEAD = { id: "57913b9911c754b2cb643cf3", email: "joeblow@gmail.com", first_name: "Joe", last_name: "Blow", phone_1: "5125551212" };

/** Handlers that know one event and record what reached processing. */
function handlers(over: Partial<FeedbackHandlers<string>> = {}) {
  const seen: FeedbackSubmission[] = [];
  const h: FeedbackHandlers<string> = {
    find: async (id) => (id === EVENT ? "target" : null),
    process: async (_t, s) => {
      seen.push(s);
      return { outcome: s.type === "return" ? "success" : "failure", reason: s.type === "return" ? null : `Invalid feedback type: ${s.type}`, lead: LEAD };
    },
    ...over,
  };
  return { h, seen };
}

// A Request built here has no Content-Length unless given; on the wire the client sends one, and
// only a body with a length (or chunked) counts as a body (07 §1.3.1).
const post = (query: string, body: string, headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" }, method = "POST") =>
  new Request(`http://leadflow.test/feedback${query}`, method === "GET" ? { method, headers } : { method, headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) }, body });

describe("the answer (06 §5.3)", () => {
  it("is the kb's JSON, key order outcome, reason, lead", () => {
    expect(feedbackAnswerBody({ outcome: "success", reason: null, lead: LEAD }, "application/json")).toBe(
      '{"outcome":"success","reason":null,"lead":{"id":"57913b9911c754b2cb643cf3","email":"joeblow@gmail.com","first_name":"Joe","last_name":"Blow","phone_1":"5125551212"}}',
    );
  });

  it("leaves out lead fields the lead does not have", () => {
    expect(feedbackAnswerBody({ outcome: "success", reason: null, lead: { id: LEAD.id, email: "" } }, "application/json")).toBe(`{"outcome":"success","reason":null,"lead":{"id":"${LEAD.id}"}}`);
  });

  it("in XML has root <result>, escapes text and omits an empty reason", () => {
    expect(feedbackAnswerBody({ outcome: "failure", reason: "A & <b>", lead: { id: LEAD.id, first_name: "Jo & Co" } }, "text/xml")).toBe(
      `<?xml version="1.0"?>\n<result>\n  <outcome>failure</outcome>\n  <reason>A &amp; &lt;b&gt;</reason>\n  <lead>\n    <id>${LEAD.id}</id>\n    <first_name>Jo &amp; Co</first_name>\n  </lead>\n</result>`,
    );
    expect(feedbackAnswerBody({ outcome: "success", reason: null, lead: { id: LEAD.id } }, "application/xml")).not.toContain("<reason");
  });
});

describe("handleFeedback", () => {
  it("reads type, reason and event_id from the query or the body; the query wins", async () => {
    const { h, seen } = handlers();
    const res = await handleFeedback(post(`?event_id=${EVENT.toUpperCase()}`, "type=return&reason=Wrong+number&event_id=ffffffffffffffffffffffff"), h);
    expect(res.status).toBe(201);
    expect(seen[0]).toMatchObject({ eventId: EVENT, type: "return", reason: "Wrong number" });
    expect(seen[0]!.request).toMatchObject({ method: "POST", body: "type=return&reason=Wrong+number&event_id=ffffffffffffffffffffffff" });
    const inBody = await handleFeedback(post("", JSON.stringify({ event_id: EVENT, type: " return ", reason: 42 }), { "Content-Type": "application/json" }), h);
    expect(inBody.status).toBe(201);
    expect(seen[1]).toMatchObject({ type: "return", reason: "42" });
  });

  it("answers with the stored response record's bytes and headers", async () => {
    const { h, seen } = handlers();
    const res = await handleFeedback(post(`?event_id=${EVENT}`, "<feedback><type>refund</type></feedback>", { "Content-Type": "application/xml", Accept: "application/xml", "X-Request-Id": "req-1" }), h);
    const text = await res.text();
    const record = seen[0]!.responseFor({ outcome: "failure", reason: "Invalid feedback type: refund", lead: LEAD });
    expect(text).toBe(record.body);
    expect(res.headers.get("content-type")).toBe("application/xml");
    expect(res.headers.get("x-request-id")).toBe("req-1");
    expect(record).toMatchObject({ status: 201, status_text: "Created", headers: { "Content-Length": String(Buffer.byteLength(text)) } });
  });

  it("refuses in order: 405, 406, 415, 400, 404, 429 — before any processing", async () => {
    const { h, seen } = handlers({ rateLimit: async () => ({ retryAfterSeconds: 0.2 }) });
    const get = await handleFeedback(post(`?event_id=nope`, "", {}, "GET"), h);
    expect([get.status, get.headers.get("allow"), await get.text()]).toEqual([405, "POST", "The GET method is not allowed"]);
    const accept = await handleFeedback(post(`?event_id=nope`, "type=return", { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" }), h);
    expect(accept.status).toBe(406);
    const noType = await handleFeedback(new Request(`http://leadflow.test/feedback?event_id=nope`, { method: "POST", body: new Uint8Array([1]), headers: { "Content-Length": "1" } }), h);
    expect(noType.status).toBe(415);
    const bad = await handleFeedback(post(`?event_id=nope`, "[1,2]", { "Content-Type": "application/json" }), h);
    expect([bad.status, await bad.text()]).toEqual([400, "Unable to parse JSON -- body must be a JSON object"]);
    const unknown = await handleFeedback(post(`?event_id=${"0".repeat(24)}`, "type=return"), h);
    expect([unknown.status, await unknown.text()]).toEqual([404, '{"message":"Not found"}']);
    const limited = await handleFeedback(post(`?event_id=${EVENT}`, "type=return"), h);
    expect([limited.status, limited.headers.get("retry-after"), await limited.text()]).toEqual([429, "1", '{"message":"Too many requests"}']);
    expect(seen).toHaveLength(0);
  });

  it("answers 503 when the store fails, never a stack trace", async () => {
    const errors: unknown[] = [];
    const { h } = handlers({ process: async () => Promise.reject(new Error("disk full at /var/lib")), onError: (e) => errors.push(e) });
    const res = await handleFeedback(post(`?event_id=${EVENT}`, "type=return"), h);
    expect([res.status, res.headers.get("retry-after"), await res.text()]).toEqual([503, "5", '{"message":"Service unavailable"}']);
    expect(errors).toHaveLength(1);
  });
});
