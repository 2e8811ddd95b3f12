import { describe, expect, it } from "vitest";
import {
  checkTree,
  DataShapeError,
  decodeFormComponent,
  deepMerge,
  flattenSubmittedData,
  normalizeTrustedFormKeys,
  parseFormEncoded,
  type SubmittedData,
} from "@/lib/intake/submitted-data";

const LIMITS = { maxDepth: 32, maxFields: 10_000 };
const form = (text: string) => parseFormEncoded(text, LIMITS);

describe("form-encoded parsing (spec 07 §1.3.4)", () => {
  it("decodes standard form encoding", () => {
    expect(form("first_name=Joe&last_name=Blow&email=jblow%40test.com&phone_1=5127891111")).toEqual({
      first_name: "Joe",
      last_name: "Blow",
      email: "jblow@test.com",
      phone_1: "5127891111",
    });
    expect(form("a=b+c&d=e%2Bf&g=%E2%82%AC")).toEqual({ a: "b c", d: "e+f", g: "€" });
  });

  it("repeated keys become arrays, in order; brackets mean nothing", () => {
    expect(form("phone=1&phone=2&phone=3")).toEqual({ phone: ["1", "2", "3"] });
    expect(form("a[]=1&a[]=2")).toEqual({ "a[]": ["1", "2"] });
  });

  it("unflattens dotted keys", () => {
    expect(form("first_name=Joe&callcenter.additional_services=script+writing")).toEqual({
      first_name: "Joe",
      callcenter: { additional_services: "script writing" },
    });
    expect(form("a.b.c=1&a.b.d=2&a.e=3")).toEqual({ a: { b: { c: "1", d: "2" }, e: "3" } });
    expect(form("a.b=1&a.b=2")).toEqual({ a: { b: ["1", "2"] } });
  });

  it("a plain value and a dotted child conflict, in either order (07 I13)", () => {
    expect(() => form("utility=SCE&utility.electric.company.name=SCE")).toThrow(DataShapeError);
    expect(() => form("utility.electric.company.name=SCE&utility=SCE")).toThrow(DataShapeError);
    expect(() => form("a.b=1&a.b.c=2")).toThrow(/"a\.b" is both a value and the parent of "a\.b\.c"/);
    expect(() => form("a.b.c=2&a.b=1")).toThrow(/"a\.b" is both a value and the parent of dotted keys/);
  });

  it("keys are case-sensitive and untrimmed", () => {
    expect(form("First_Name=A&first_name=B&%20x%20=1")).toEqual({ First_Name: "A", first_name: "B", " x ": "1" });
  });

  it("keys with empty segments stay literal", () => {
    expect(form("a..b=1&.c=2&d.=3")).toEqual({ "a..b": "1", ".c": "2", "d.": "3" });
  });

  it("segments without '=' and empty segments", () => {
    expect(form("a&&b=&=c&d=e=f")).toEqual({ a: "", b: "", "": "c", d: "e=f" });
    expect(form("")).toEqual({});
    expect(form("&&&")).toEqual({});
  });

  it("__proto__ keys are dropped; other Object.prototype names are plain keys", () => {
    const data = form("__proto__=x&a.__proto__.polluted=1&constructor=c&toString=t&hasOwnProperty=h");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(data).toEqual({ constructor: "c", toString: "t", hasOwnProperty: "h" });
    expect(form("constructor.name=x")).toEqual({ constructor: { name: "x" } });
  });

  it("malformed percent-encoding never fails", () => {
    expect(decodeFormComponent("100%")).toBe("100%");
    expect(decodeFormComponent("%zz%41")).toBe("%zzA");
    expect(decodeFormComponent("caf%E9")).toBe("caf\uFFFD");
    expect(decodeFormComponent("%E2%82%AC%E2%82")).toBe("€\uFFFD");
    expect(form("a=%&b=%E9")).toEqual({ a: "%", b: "\uFFFD" });
  });

  it("field cap counts values and intermediate objects", () => {
    const limits = { maxDepth: 32, maxFields: 3 };
    expect(parseFormEncoded("a=1&b=2&c=3", limits)).toEqual({ a: "1", b: "2", c: "3" });
    expect(() => parseFormEncoded("a=1&b=2&c=3&d=4", limits)).toThrow("more than 3 fields");
    expect(() => parseFormEncoded("a=1&a=2&a=3&a=4", limits)).toThrow("more than 3 fields");
    expect(() => parseFormEncoded("x.y.z=1&w=2", limits)).toThrow("more than 3 fields");
  });

  it("depth cap is on dotted segments", () => {
    expect(() => form(`${Array(32).fill("k").join(".")}=1`)).not.toThrow();
    expect(() => form(`${Array(33).fill("k").join(".")}=1`)).toThrow("nested deeper than 32 levels");
  });

  it("is linear: 170,000 segments without '=' are refused quickly", () => {
    const started = performance.now();
    // One repeated key: its array elements count too.
    expect(() => form("a&".repeat(170_000))).toThrow("more than 10000 fields");
    expect(() => form(Array.from({ length: 170_000 }, (_, i) => `k${i}`).join("&"))).toThrow("more than 10000 fields");
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("trees from parsers", () => {
  it("counts every property and array element at any depth", () => {
    const tree = { a: [1, 2, { b: 3 }], c: { d: null } } as unknown as SubmittedData;
    expect(() => checkTree(structuredClone(tree), { maxDepth: 32, maxFields: 7 })).not.toThrow();
    expect(() => checkTree(structuredClone(tree), { maxDepth: 32, maxFields: 6 })).toThrow("more than 6 fields");
  });

  it("depth counts objects and arrays; the root is level 1", () => {
    expect(() => checkTree({ a: { b: [1] } }, { maxDepth: 3, maxFields: 100 })).not.toThrow();
    expect(() => checkTree({ a: { b: [[1]] } }, { maxDepth: 3, maxFields: 100 })).toThrow("nested deeper than 3 levels");
  });

  it("removes own __proto__ keys that JSON.parse creates", () => {
    const tree = JSON.parse('{"__proto__":{"polluted":1},"a":{"__proto__":{"x":1},"b":1}}') as SubmittedData;
    checkTree(tree, LIMITS);
    expect(tree).toEqual({ a: { b: 1 } });
    expect(Object.keys(tree)).toEqual(["a"]);
    expect(Object.hasOwn(tree.a as object, "__proto__")).toBe(false);
  });
});

describe("merge, TrustedForm names, flattening", () => {
  it("deep-merges with the source winning", () => {
    const target: SubmittedData = { a: { b: "1", c: "2" }, d: ["x", "y"], e: "body" };
    deepMerge(target, { a: { b: "q" }, d: "z", f: "new" });
    expect(target).toEqual({ a: { b: "q", c: "2" }, d: "z", e: "body", f: "new" });
    const t2: SubmittedData = { a: "plain" };
    deepMerge(t2, { a: { nested: "1" } });
    expect(t2).toEqual({ a: { nested: "1" } });
  });

  it("renames xxTrustedFormCertUrl in any case and drops ping-URL keys", () => {
    const data: SubmittedData = {
      trustedform_cert_url: "old",
      xxTrustedFormCertUrl: "https://cert.trustedform.com/1",
      xxTrustedFormPingUrl: "https://ping.trustedform.com/1",
      TRUSTEDFORM_PING_URL: "p",
      other: "x",
    };
    normalizeTrustedFormKeys(data);
    expect(data).toEqual({ trustedform_cert_url: "https://cert.trustedform.com/1", other: "x" });
    const lower: SubmittedData = { xxtrustedformcerturl: "u" };
    normalizeTrustedFormKeys(lower);
    expect(lower).toEqual({ trustedform_cert_url: "u" });
  });

  it("flattens to dotted names; arrays and scalars are leaves; empty objects vanish", () => {
    expect(
      flattenSubmittedData({ a: { b: { c: "1" }, d: ["x", { y: 1 }] }, e: null, f: {}, "g.h": true, constructor: "c" }),
    ).toEqual({ "a.b.c": "1", "a.d": ["x", { y: 1 }], e: null, "g.h": true, constructor: "c" });
  });
});
