import { describe, expect, it } from "vitest";
import {
  STANDARD_FIELDS,
  STANDARD_FIELD_IDS,
  TYPES,
  TYPE_NAMES,
  isTypedValue,
  mask,
  maskReplacements,
  parse,
  parseField,
  standardField,
  type TypedValue,
} from "./index";

/** A representative valid input per type. */
const SAMPLES: Record<(typeof TYPE_NAMES)[number], unknown> = {
  boolean: "yes",
  number: "$1,100",
  range: "700 - 749",
  string: " hello ",
  first_name: "Ann",
  last_name: "Lee",
  city: "Austin",
  email: "Ann@Gmail.com",
  phone: "(512) 789-1111 x 44 (m)",
  postal_code: "78704 1234",
  state: "texas",
  street: "4203 Guadalupe St",
  gender: "F",
  date: "6/2/14",
  dob: "1984-06-15",
  time: "06/14/2014 6:27:33 PM",
  url: "example.com/x",
  trustedform_url: "https://cert.trustedform.com/a1028cbb41b876744fa752eec276bec0e4c48b33",
  ip: "192.0.2.1",
  ssn: "123-45-6789",
  credential: "s3cret!",
};

describe("registry", () => {
  it("lists every type of spec 01 §4", () => {
    expect([...TYPE_NAMES].sort()).toEqual(
      ["boolean", "city", "credential", "date", "dob", "email", "first_name", "gender", "ip", "last_name", "number", "phone",
        "postal_code", "range", "ssn", "state", "street", "string", "time", "trustedform_url", "url"],
    );
    for (const t of TYPE_NAMES) expect(TYPES.get(t)?.name).toBe(t);
  });
  it("declares components, operators and maskability", () => {
    expect(TYPES.get("phone")?.components).toContain("area");
    expect(TYPES.get("string")?.components).toEqual([]);
    expect(TYPES.get("date")?.components).toEqual(["raw", "valid"]);
    expect(TYPES.get("boolean")?.operators).toContain("is true");
    expect(TYPES.get("trustedform_url")?.operators).toEqual(["is blank", "is not blank", "format is valid", "format is invalid"]);
    expect(TYPES.get("range")?.operators).not.toContain("is between");
    expect(TYPES.get("credential")?.operators).not.toContain("format is valid");
    expect([...TYPE_NAMES].filter((t) => TYPES.get(t)?.maskable).sort()).toEqual(["credential", "dob", "ssn"]);
  });
  it("every component a parser produces for a valid sample is declared", () => {
    for (const t of TYPE_NAMES) {
      const v = parse(t, SAMPLES[t]);
      if (typeof v === "string") continue;
      const declared = TYPES.get(t)?.components ?? [];
      for (const key of Object.keys(v ?? {})) if (key !== "normal") expect(declared, `${t}.${key}`).toContain(key);
    }
  });
});

describe("parse", () => {
  it("returns plain strings for string and typed values for the rest", () => {
    for (const t of TYPE_NAMES) {
      const v = parse(t, SAMPLES[t]);
      if (t === "string") expect(v).toBe("hello");
      else {
        expect(isTypedValue(v), t).toBe(true);
        expect((v as TypedValue).valid, t).toBe(true);
        expect((v as TypedValue).raw, t).toBe(SAMPLES[t] === SAMPLES.phone ? "(512) 789-1111 x 44" : SAMPLES[t]);
      }
    }
  });
  it("is idempotent for every type", () => {
    for (const t of TYPE_NAMES) {
      const once = parse(t, SAMPLES[t]);
      expect(parse(t, once), t).toBe(once);
      // stored values come back through JSON
      const stored = JSON.parse(JSON.stringify(once)) as unknown;
      expect(parse(t, stored), t).toEqual(stored);
    }
  });
  it("re-parsing a normal gives the same normal", () => {
    for (const t of TYPE_NAMES) {
      const once = parse(t, SAMPLES[t]);
      const normal = typeof once === "string" ? once : once?.normal;
      const twice = parse(t, normal);
      expect(typeof twice === "string" ? twice : twice?.normal, t).toEqual(normal);
    }
  });
  it("null and undefined give undefined", () => {
    for (const t of TYPE_NAMES) {
      expect(parse(t, null)).toBeUndefined();
      expect(parse(t, undefined)).toBeUndefined();
    }
  });
  it("unknown type names parse as string", () => {
    expect(parse("no_such_type", " x ")).toBe("x");
    expect(parse("__proto__", " x ")).toBe("x");
    expect(parse("constructor", " x ")).toBe("x");
  });
  it("types are case-sensitive names but values are case-insensitive", () => {
    expect(parse("state", "TeXaS")).toMatchObject({ normal: "TX" });
    expect(parse("gender", "FeMaLe")).toMatchObject({ normal: "female" });
    expect(parse("boolean", "YeS")).toMatchObject({ normal: true });
    expect(parse("postal_code", "Q2e 4u7")).toMatchObject({ normal: "Q2E 4U7" });
  });
});

describe("parseField (intake hygiene)", () => {
  it("null and blank strings are absent", () => {
    for (const t of TYPE_NAMES) {
      for (const blank of [null, undefined, "", "   ", "\t\n"]) expect(parseField(t, blank), `${t} ${JSON.stringify(blank)}`).toBeUndefined();
    }
  });
  it("parses the trimmed value and keeps raw untrimmed", () => {
    expect(parseField("email", "  A@B.co  ")).toMatchObject({ normal: "a@b.co", raw: "  A@B.co  " });
    expect(parseField("string", "  x  ")).toBe("x");
  });
  it("parses arrays element by element, dropping blanks", () => {
    const v = parseField("state", ["tx", " ", null, "ca", ["ny", ""]]);
    expect(Array.isArray(v)).toBe(true);
    expect((v as TypedValue[]).map((x) => x.normal)).toEqual(["TX", "CA", "NY"]);
    expect(parseField("state", ["", null, []])).toBeUndefined();
    expect(parseField("string", ["a", "b"])).toEqual(["a", "b"]);
  });
  it("returns typed values unchanged unless asked to re-parse them", () => {
    const forged = { normal: "5127891111", raw: "not a phone", valid: true, area: "512" };
    expect(parseField("phone", forged)).toBe(forged);
    expect(parseField("phone", forged, { reparseTyped: true })).toEqual({ normal: "not a phone", raw: "not a phone", valid: false, type: null });
    const nested = { normal: "x", raw: { normal: "y", raw: "y", valid: true }, valid: true };
    expect(parseField("email", nested, { reparseTyped: true })).toMatchObject({ valid: false });
    expect(parseField("phone", { normal: "", raw: "  ", valid: false })).toBeUndefined();
  });
  it("objects are invalid typed values (or JSON text for string fields)", () => {
    expect(parseField("phone", { a: 1 })).toEqual({ normal: "", raw: { a: 1 }, valid: false, type: null });
    expect(parseField("string", { a: 1 })).toBe('{"a":1}');
  });
});

describe("odd input never throws", () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const odd: unknown[] = [
    0, -0, 1, -1, 1.5, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 2n ** 70n,
    true, false, {}, [], [[]], [1, [2, [3]]], cyclic, new Date(NaN), new Date(0), Symbol("s"), () => 1,
    Object.create(null), new Map(), /re/, new Uint8Array(3), Promise.resolve(1),
    "", " ", "\u0000", "\u0000\u0001\u001f\u007f", "\uFEFF", "\u200B", "\uD800", "💩", "ÿ", "\r\n",
    "x".repeat(1_000_000), "1".repeat(100_000), "(".repeat(10_000), "a@".repeat(10_000), " ".repeat(100_000) + "1",
    "*".repeat(300), "+".repeat(300), "1-".repeat(5000), "9".repeat(400), "-.".repeat(5000), "@", "@@", "a@b@c",
    "http://", "https://" + "a.".repeat(5000) + "com", "[", "]", "::", ":::", "0x10", "1e400", "-1e400",
    "__proto__", "constructor", "toString", "hasOwnProperty", "{{lead.email}}", "<script>", "null", "undefined",
    "2014-13-45T99:99:99Z", "99/99/9999", "Feb 30 2020", "0000-00-00", "9999-12-31T23:59:59.999Z", "+275760-09-13",
    "5127891111" + " m".repeat(1000), "x".repeat(249) + "m", "ext 999999999999999999", "#", "(m)", "m",
    { normal: 1 }, { normal: 1, raw: 1 }, { valid: "yes", normal: 1, raw: 1 }, { toString: () => { throw new Error("boom"); } },
    { valueOf: () => { throw new Error("boom"); } },
    Object.defineProperty({ normal: 1, raw: 1 }, "valid", { get() { throw new Error("boom"); }, enumerable: true }),
    new Proxy({}, { get() { throw new Error("boom"); }, has() { throw new Error("boom"); }, ownKeys() { throw new Error("boom"); } }),
    new Proxy([], { get() { throw new Error("boom"); } }),
  ];
  it("parse, parseField and mask accept any JS value for every type", () => {
    for (const t of [...TYPE_NAMES, "unknown_type"]) {
      for (const v of odd) {
        expect(() => {
          const p = parse(t, v);
          parseField(t, v);
          parseField(t, [v, v]);
          mask(t, p);
          maskReplacements(t, p);
        }, `${t}: ${typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : typeof v}`).not.toThrow();
      }
    }
  });
  it("random strings of lead-ish characters never throw and keep raw", () => {
    const alphabet = "0123456789()-+. x#*@/:,;$%abcmhwTZ\t\n<>[]{}é漢";
    let seed = 1;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      let s = "";
      const len = rand(40);
      for (let k = 0; k < len; k++) s += alphabet[rand(alphabet.length)];
      for (const t of TYPE_NAMES) {
        const p = parse(t, s);
        if (typeof p === "object" && p !== null && t !== "phone") expect(p.raw).toBe(s);
        if (typeof p === "object" && p !== null) expect(typeof p.valid).toBe("boolean");
      }
    }
  });
});

describe("masking (spec 01 §5)", () => {
  it("ssn: every character of normal, raw and components", () => {
    const m = mask("ssn", parse("ssn", "123-45-6789"));
    expect(m).toEqual({ normal: "*********", raw: "***********", valid: true, first_three: "***", middle_two: "**", last_four: "****" });
  });
  it("credential", () => {
    expect(mask("credential", parse("credential", " pw12 "))).toEqual({ normal: "****", raw: "******", valid: true });
  });
  it("dob keeps year and age", () => {
    const v = parse("dob", "06/15/1984") as TypedValue;
    expect(mask("dob", v)).toEqual({ ...v, normal: "**/**/1984", raw: "**/**/1984" });
    expect(mask("dob", parse("dob", "not a date"))).toEqual({ normal: "**********", raw: "**********", valid: false });
  });
  it("is idempotent, leaves other types alone and does not mutate", () => {
    const v = parse("ssn", "123456789") as TypedValue;
    const once = mask("ssn", v);
    expect(mask("ssn", once)).toEqual(once);
    expect(v.normal).toBe("123456789");
    const phone = parse("phone", "5127891111");
    expect(mask("phone", phone)).toBe(phone);
    expect(mask("ssn", ["123456789"])).toEqual(["*********"]);
  });
  it("lists clear texts to scrub from recorded HTTP exchanges", () => {
    expect(maskReplacements("ssn", parse("ssn", "123-45-6789"))).toEqual([
      { clear: "123-45-6789", masked: "***********" },
      { clear: "123456789", masked: "*********" },
    ]);
    expect(maskReplacements("credential", parse("credential", "abc"))).toEqual([]);
    expect(maskReplacements("email", parse("email", "a@b.co"))).toEqual([]);
  });
});

describe("standard fields (spec 01 §2)", () => {
  it("ships the core subset with the spec's types", () => {
    const expectType: Record<string, string> = {
      first_name: "first_name", last_name: "last_name", middle_name: "string", email: "email", work_email: "email",
      phone_1: "phone", fax: "phone", address_1: "street", address_2: "string", city: "city", state: "state",
      drivers_license_state: "state", postal_code: "postal_code", country: "string", dob: "dob", gender: "gender",
      age: "range", credit_score: "range", annual_salary: "number", gpa: "number", ssn: "ssn",
      drivers_license_number: "credential", ip_address: "ip", user_agent: "string", campaign_sub_id_3: "string",
      website: "url", webhook_url: "url", trustedform_cert_url: "trustedform_url", source_timestamp: "time",
      appointment: "time", is_test: "boolean", citizen: "boolean", price: "number", apiuser: "string", apisecret: "string",
    };
    for (const [id, type] of Object.entries(expectType)) expect(standardField(id)?.type, id).toBe(type);
    expect(standardField("phone_1")?.name).toBe("Phone 1");
    expect(standardField("trustedform_cert_url")?.name).toBe("TrustedForm Cert URL");
    expect(STANDARD_FIELDS.every((f) => f.standard && (TYPE_NAMES as readonly string[]).includes(f.type))).toBe(true);
    expect(STANDARD_FIELD_IDS.size).toBe(STANDARD_FIELDS.length);
    expect(STANDARD_FIELDS.every((f) => /^[a-z][a-z0-9_.]*$/.test(f.id))).toBe(true);
  });
});
