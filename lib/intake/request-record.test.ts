import { describe, expect, it } from "vitest";
import { buildRequestRecord, MASK, maskRequestRecord } from "@/lib/intake/request-record";

const base = {
  method: "post",
  url: "https://lf.example/flows/f/sources/s/submit?first_name=Ann&api_key=lfs_secret1&token=tok123&x=1",
  timestamp: 1705330800000,
};

describe("stored request copy (spec 07 §1.7, 06 §2.2)", () => {
  it("drops api_key from the URL, masks secret-named parameters", () => {
    const r = buildRequestRecord({ ...base, headers: new Headers(), body: null });
    expect(r.method).toBe("POST");
    expect(r.uri).toBe(`https://lf.example/flows/f/sources/s/submit?first_name=Ann&token=${MASK}&x=1`);
    expect(r.version).toBe("1.1");
    expect(r.timestamp).toBe(1705330800000);
  });

  it("a URL whose only parameter is api_key loses its '?'", () => {
    const r = buildRequestRecord({ ...base, url: "https://lf.example/a?api_key=zzzz", headers: new Headers(), body: null });
    expect(r.uri).toBe("https://lf.example/a");
  });

  it("drops Authorization and Cookie, masks secret headers, keeps Idempotency-Key, canonical names", () => {
    const r = buildRequestRecord({
      ...base,
      headers: new Headers({
        authorization: "Basic QVBJOmxmc190ZXN0",
        cookie: "sid=abcdef",
        "proxy-authorization": "Basic eHl6",
        "x-api-key": "k-123456",
        "x-signature": "sig",
        "idempotency-key": "idem-1",
        "content-type": "application/json",
        "keep-alive": "timeout=5",
      }),
      body: '{"note":"k-123456 and Basic QVBJOmxmc190ZXN0"}',
      secrets: ["lfs_test"],
    });
    expect(r.headers).toEqual({
      "Proxy-Authorization": MASK,
      "X-Api-Key": MASK,
      "X-Signature": MASK,
      "Idempotency-Key": "idem-1",
      "Content-Type": "application/json",
      "Keep-Alive": "timeout=5",
    });
    expect(r.body).toBe(`{"note":"${MASK} and ${MASK}"}`);
  });

  it("masks presented secrets wherever they occur, raw or percent-encoded; ignores short ones", () => {
    const r = buildRequestRecord({
      ...base,
      url: "https://lf.example/a?note=key%20lfs_a%2Bb",
      headers: new Headers({ "x-note": "lfs_a+b" }),
      body: "api_key=lfs_a%2Bb&z=abc",
      secrets: ["lfs_a+b", "abc"],
    });
    expect(r.uri).toBe(`https://lf.example/a?note=key%20${MASK}`);
    expect(r.headers["X-Note"]).toBe(MASK);
    expect(r.body).toBe(`api_key=${MASK}&z=abc`);
  });

  it("the engine masks maskable field values with their masked forms", () => {
    const r = buildRequestRecord({ ...base, url: "https://lf.example/a?ssn=123456789", headers: new Headers(), body: "ssn=123-45-6789" });
    const masked = maskRequestRecord(r, [
      ["123456789", "*********"],
      ["123-45-6789", "***-**-****"],
      ["12", "**"],
    ]);
    expect(masked.uri).toBe("https://lf.example/a?ssn=*********");
    expect(masked.body).toBe("ssn=***-**-****");
    expect(r.body).toBe("ssn=123-45-6789");
  });
});
