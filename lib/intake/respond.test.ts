import { describe, expect, it } from "vitest";
import { intakeErrors } from "@/lib/intake/errors";
import { intakeErrorResponse, preflightResponse, recordToResponse, resultBody, resultResponseRecord } from "@/lib/intake/respond";

const failure = { outcome: "failure" as const, reason: "bad!", leadId: "123" };

describe("result bodies (spec 07 §1.5.3, ap-code tests)", () => {
  it("JSON, exact bytes", () => {
    expect(resultBody(failure, "application/json")).toBe('{"outcome":"failure","reason":"bad!","lead":{"id":"123"},"price":0}');
    expect(resultBody({ outcome: "success", price: 1.5, leadId: "123" }, "application/json")).toBe(
      '{"outcome":"success","lead":{"id":"123"},"price":1.5}',
    );
  });

  it("XML, exact bytes", () => {
    const xml =
      '<?xml version="1.0"?>\n<result>\n  <outcome>failure</outcome>\n  <reason>bad!</reason>\n  <lead>\n    <id>123</id>\n  </lead>\n  <price>0</price>\n</result>';
    expect(resultBody(failure, "text/xml")).toBe(xml);
    expect(resultBody(failure, "application/xml")).toBe(xml);
  });

  it("the form-urlencoded type gets the JSON text", () => {
    expect(resultBody(failure, "application/x-www-form-urlencoded")).toBe(resultBody(failure, "application/json"));
  });

  it("price is 0 unless success; missing or non-finite price is 0", () => {
    expect(JSON.parse(resultBody({ outcome: "error", reason: "x", leadId: "1", price: 15 }, "application/json")).price).toBe(0);
    expect(JSON.parse(resultBody({ outcome: "success", leadId: "1" }, "application/json")).price).toBe(0);
    expect(JSON.parse(resultBody({ outcome: "success", leadId: "1", price: null }, "application/json")).price).toBe(0);
    expect(resultBody({ outcome: "success", leadId: "1", price: Number.NaN }, "application/json")).toContain('"price":0');
    expect(resultBody({ outcome: "success", leadId: "1", price: 12.5 }, "text/xml")).toContain("<price>12.5</price>");
  });

  it("empty or null reasons are omitted", () => {
    expect(resultBody({ outcome: "success", reason: "", leadId: "1" }, "application/json")).toBe('{"outcome":"success","lead":{"id":"1"},"price":0}');
    expect(resultBody({ outcome: "success", reason: null, leadId: "1" }, "text/xml")).not.toContain("reason");
  });

  it("XML text is escaped; characters XML cannot carry become U+FFFD", () => {
    const body = resultBody({ outcome: "failure", reason: 'A & B <c> "d" \u0001\r\n', leadId: "1" }, "text/xml");
    expect(body).toContain('<reason>A &amp; B &lt;c&gt; "d" \uFFFD&#xD;\n</reason>');
  });

  it("JSON escapes unicode and quotes as JSON.stringify does", () => {
    expect(resultBody({ outcome: "failure", reason: 'Zoë "x" 😀', leadId: "1" }, "application/json")).toBe(
      '{"outcome":"failure","reason":"Zoë \\"x\\" 😀","lead":{"id":"1"},"price":0}',
    );
  });
});

describe("response records and Responses", () => {
  it("201 record with byte Content-Length and no charset", () => {
    const record = resultResponseRecord({ outcome: "failure", reason: "Zoë", leadId: "1" }, "application/json", null, "rid", 42);
    expect(record).toEqual({
      status: 201,
      status_text: "Created",
      version: "1.1",
      headers: {
        "Content-Type": "application/json",
        "Content-Length": String(new TextEncoder().encode(record.body).byteLength),
        "X-Request-Id": "rid",
        "Access-Control-Allow-Origin": "*",
      },
      body: '{"outcome":"failure","reason":"Zoë","lead":{"id":"1"},"price":0}',
      timestamp: 42,
    });
    // "ë" is two bytes: bytes, not characters (decision, 07 §1.5.4).
    expect(record.headers["Content-Length"]).toBe(String(record.body.length + 1));
  });

  it("303 with Location", async () => {
    const record = resultResponseRecord(failure, "application/xml", "http://foo/bar?baz=bip", "rid");
    const res = recordToResponse(record, performance.now());
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("http://foo/bar?baz=bip");
    expect(await res.text()).toBe(record.body);
  });

  it("transport errors: text/plain or JSON message, exact headers", async () => {
    const res = intakeErrorResponse(intakeErrors.methodNotAllowed("delete"), "rid", performance.now());
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toBe("text/plain");
    expect(res.headers.get("allow")).toBe("GET, POST");
    expect(await res.text()).toBe("The DELETE method is not allowed");

    const unauthorized = intakeErrorResponse(intakeErrors.unauthorized(), "rid", performance.now());
    expect(unauthorized.headers.get("content-type")).toBe("application/json");
    expect(unauthorized.headers.get("www-authenticate")).toBe('Basic realm="Leadflow"');
    expect(await unauthorized.text()).toBe('{"message":"Unauthorized source"}');

    const unavailable = intakeErrorResponse(intakeErrors.unavailable(), "rid", performance.now());
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("5");
    expect(await unavailable.text()).toBe('{"message":"Service unavailable"}');
  });

  it("every transport error of 07 §1.6 has its status and body", () => {
    const cases: [ReturnType<(typeof intakeErrors)[keyof typeof intakeErrors]>, number, string][] = [
      [intakeErrors.invalidRedirUrl(), 400, "Invalid redir_url"],
      [intakeErrors.invalidJson("x"), 400, "Unable to parse JSON -- x"],
      [intakeErrors.invalidForm("x"), 400, "Unable to parse body -- x."],
      [intakeErrors.invalidXml("Error: x.\nLine: 1"), 400, "Body does not contain XML or XML is unparseable -- Error: x. Line: 1."],
      [intakeErrors.sourceDisabled(), 403, "Source is disabled"],
      [intakeErrors.notFound(), 404, "Not found"],
      [intakeErrors.notAcceptable(), 406, "Not capable of generating content according to the Accept header"],
      [intakeErrors.payloadTooLarge(1048576), 413, "Request body is too large (limit 1048576 bytes)"],
      [intakeErrors.uriTooLong(), 414, "URI too long"],
      [intakeErrors.contentTypeRequired(), 415, "Content-Type header is required"],
      [intakeErrors.rateLimited(0.1), 429, "Too many requests"],
    ];
    for (const [error, status, body] of cases) {
      expect(error.status).toBe(status);
      expect(error.body).toBe(body);
    }
    expect(intakeErrors.rateLimited(0.1).headers["Retry-After"]).toBe("1");
  });

  it("pre-flight", async () => {
    const res = preflightResponse("rid", performance.now());
    expect(res.status).toBe(204);
    expect(res.headers.get("content-type")).toBeNull();
    expect(res.headers.get("x-request-id")).toBe("rid");
  });
});
