import { describe, expect, it } from "vitest";
import { parseResponse, type ResponseVariables } from "./parse-response";
import type { SendResult } from "./ports";

function ok(status: number, contentType: string | null, body: string, headers: Record<string, string> = {}, statusText = ""): SendResult {
  const h: Record<string, string> = { ...headers };
  if (contentType) h["content-type"] = contentType;
  return { ok: true, response: { status, statusText, headers: h, body }, startedAt: 0, endedAt: 5 };
}

const parse = (r: SendResult, v: ResponseVariables = {}) => parseResponse(r, v, 10_000);

// 05 §9 vectors 1–16.
describe("05 §9 response parsing vectors", () => {
  it("#1 200 json, no variables → success, no reason, price 0 (unmapped)", () => {
    const r = parse(ok(200, "application/json", '{"ok":true}'));
    expect(r.outcome).toBe("success");
    expect(r.reason).toBeNull();
    expect(r.price).toBeNull();
    expect(r.data).toEqual({ ok: true });
  });

  it("#2 503 → error, Server error, nothing parsed", () => {
    const r = parse(ok(503, "application/json", '{"status":"success"}', {}, "Service Unavailable"), { outcome_search_term: "success" });
    expect(r).toMatchObject({ outcome: "error", reason: "Server error", errorKind: "server", data: {} });
  });

  it("#3 term at path, price from price_path", () => {
    const r = parse(ok(200, "application/json", '{"status":"Accepted","price":"12.50"}'), {
      outcome_search_term: "accepted",
      outcome_search_path: "status",
      price_path: "price",
    });
    expect(r.outcome).toBe("success");
    expect(r.price).toBe(12.5);
  });

  it("#4 reasons sorted and joined", () => {
    const r = parse(ok(200, "application/json", '{"status":"rejected","errors":["Bad zip","Age"]}'), {
      outcome_search_term: "accepted",
      outcome_search_path: "status",
      reason_path: "errors",
    });
    expect(r).toMatchObject({ outcome: "failure", reason: "Age, Bad zip" });
  });

  it("#5 boolean value searched as text", () => {
    expect(parse(ok(200, "application/json", '{"success":true,"comment":"true lead"}'), { outcome_search_term: "true", outcome_search_path: "success" }).outcome).toBe("success");
  });

  it("#6 not found → inverse of on_match", () => {
    expect(parse(ok(200, "application/json", '{"result":"ok"}'), { outcome_search_term: "duplicate", outcome_on_match: "failure" }).outcome).toBe("success");
  });

  it("#7 found with on_match error → error (not retried)", () => {
    const r = parse(ok(200, "application/json", '{"x":1}'), { outcome_search_term: "x", outcome_on_match: "error" });
    expect(r.outcome).toBe("error");
    expect(r.errorKind).toBe("business");
  });

  it("#8 XML with XPath; the reason is dropped on success", () => {
    const r = parse(ok(200, "text/xml", "<r><status>OK</status><msg>fine</msg></r>"), {
      outcome_search_term: "ok",
      outcome_search_path: "/r/status/text()",
      reason_path: "/r/msg/text()",
    });
    expect(r).toMatchObject({ outcome: "success", reason: null });
    expect(r.data).toEqual({ r: { status: "OK", msg: "fine" } });
  });

  it("#9 text with regex term and reference", () => {
    const r = parse(ok(200, "text/plain", "Lead accepted id=77"), { outcome_search_term: "/accepted/", reference_path: "/id=(\\d+)/" });
    expect(r).toMatchObject({ outcome: "success", reference: "77" });
  });

  it("#10 content type override", () => {
    expect(
      parse(ok(200, "text/plain", '{"status":"ok"}'), { outcome_search_term: "ok", outcome_search_path: "status", response_content_type_override: "application/json" }).outcome,
    ).toBe("success");
  });

  it("#11 404 without a term → failure with the status line", () => {
    expect(parse(ok(404, "text/html", "Not Found", {}, "Not Found"))).toMatchObject({ outcome: "failure", reason: "HTTP 404 Not Found" });
  });

  it("#12 404 with a term: search, then reason_path", () => {
    const r = parse(ok(404, "application/json", '{"status":"error","message":"bad key"}', {}, "Not Found"), {
      outcome_search_term: "ok",
      outcome_search_path: "status",
      reason_path: "message",
    });
    expect(r).toMatchObject({ outcome: "failure", reason: "bad key" });
  });

  it("#13 429 with Retry-After", () => {
    const r = parse(ok(429, null, "", { "retry-after": "120" }, "Too Many Requests"), { outcome_search_term: "x" });
    expect(r).toMatchObject({ outcome: "error", reason: "HTTP 429 Too Many Requests", retryAfterSeconds: 120, errorKind: "throttled" });
  });

  it("#14 no answer within the time-out", () => {
    const r = parse({ ok: false, error: "timeout", startedAt: 0, endedAt: 10_000 });
    expect(r).toMatchObject({ outcome: "error", reason: "Request timed out after 10000 ms", errorKind: "transport" });
    expect(parse({ ok: false, error: "connection", code: "ECONNREFUSED", startedAt: 0, endedAt: 1 }).reason).toBe("Connection failed: ECONNREFUSED");
  });

  it("#15 top-level array wrapped as {array}", () => {
    const r = parse(ok(200, "application/json", '[{"id":5}]'), { reference_path: "array.0.id" });
    expect(r).toMatchObject({ outcome: "success", reference: "5" });
  });

  it("#16 unusable price falls back", () => {
    expect(parse(ok(200, "application/json", '{"price":"n/a"}'), { price_path: "price", fallback_price: 7 })).toMatchObject({ outcome: "success", price: 7 });
  });
});

describe("response parsing details", () => {
  it("HTML: CSS selector for the outcome and an attribute for the reason", () => {
    const html = '<html><body><div class="result">Rejected</div><div class="err" title="Bad phone">x</div></body></html>';
    const r = parse(ok(200, "text/html; charset=utf-8", html), {
      outcome_search_term: "accepted",
      outcome_search_path: "div.result",
      reason_path: "div.err @title",
    });
    expect(r).toMatchObject({ outcome: "failure", reason: "Bad phone" });
  });

  it("captures from text and HTML bodies (first group)", () => {
    const r = parse(ok(200, "text/plain", "OK lead=abc123 cost=4"), { capture: { lead: "/lead=(\\w+)/", cost: "cost=(\\d+)" } });
    expect(r.data).toEqual({ capture: { lead: "abc123", cost: "4" } });
  });

  it("dot paths with * wildcards over arrays of objects", () => {
    const r = parse(ok(200, "application/json", '{"status":"no","errors":[{"msg":"b"},{"msg":"a"}]}'), {
      outcome_search_term: "yes",
      outcome_search_path: "status",
      reason_path: "errors.*.msg",
    });
    expect(r.reason).toBe("a, b");
  });

  it("default_reason when reason_path finds nothing", () => {
    expect(parse(ok(200, "application/json", '{"s":"no"}'), { outcome_search_term: "yes", outcome_search_path: "s", default_reason: "Rejected" }).reason).toBe("Rejected");
  });

  it("unparseable JSON is searched as text", () => {
    expect(parse(ok(200, "application/json", "accepted!"), { outcome_search_term: "accepted" }).outcome).toBe("success");
  });

  it("cookie_search_term picks the first matching Set-Cookie", () => {
    const res: SendResult = {
      ok: true,
      response: { status: 200, statusText: "OK", headers: { "set-cookie": ["a=1", "session=xyz; Path=/"] }, body: "" },
      startedAt: 0,
      endedAt: 1,
    };
    expect(parse(res, { cookie_search_term: "session" }).cookie).toBe("session=xyz; Path=/");
  });

  it("XPath subset: descendant, index and attribute predicates, attributes", () => {
    const xml = '<r><items><item type="a" id="1">x</item><item type="b" id="2">y</item></items></r>';
    const doc = ok(200, "application/xml", xml);
    expect(parse(doc, { reference_path: "//item[@type='b']/@id" }).reference).toBe("2");
    expect(parse(doc, { reference_path: "/r/items/item[1]" }).reference).toBe("x");
  });
});
