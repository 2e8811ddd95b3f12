import { describe, expect, it } from "vitest";
import {
  applyInboundMappings,
  applyMappings,
  buildFormBody,
  buildJsonBody,
  compileInboundMappings,
  compileMappings,
  parseProperty,
  validateMappings,
  type Mapping,
  type RuleSetCompiler,
} from "@/lib/mappings";

// A stand-in for lib/rules' compile(): enough of `is equal to` on a typed/plain lhv for these tests.
const compileRuleSet: RuleSetCompiler = (ruleSet) => {
  const rs = ruleSet as { op: "and" | "or"; rules: { lhv: string; op: string; rhv: string }[] };
  const get = (vars: unknown, path: string): unknown =>
    path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), vars);
  return (vars) => {
    const results = rs.rules.map((r) => {
      const v = get(vars, r.lhv);
      const text = String(v && typeof v === "object" && "normal" in v ? (v as { normal: unknown }).normal : v ?? "").toLowerCase();
      if (r.op !== "is equal to") throw new Error(`Unknown operator "${r.op}"`);
      return text === r.rhv.toLowerCase() ? null : `${r.lhv} must be equal to ${r.rhv}`;
    });
    if (rs.op === "or") return results.some((x) => x === null) ? null : results.join(" or ");
    return results.find((x) => x !== null) ?? null;
  };
};

const ann = {
  lead: {
    id: "63cc6f0e55254d7d1c4c3037",
    first_name: "Ann",
    last_name: "Lee",
    email: { normal: "ann@example.com", raw: "Ann@Example.com", valid: true, domain: "example.com" },
    phone_1: { normal: "5127891111", raw: "(512) 789-1111", valid: true, area: "512" },
    state: { normal: "TX", name: "Texas", raw: "TX", valid: true },
    age: 30,
  },
  price: 40,
  event_id: "63cc6f0e55254d7d1c4c3040",
};

// spec 03 §3.2
const acmeMappings: Mapping[] = [
  { property: "url", value: "https://crm.example.com/leads" },
  { property: "method", value: "POST" },
  { property: "header.X-API-Key", value: "abc123" },
  { property: "json_property.contact.email", value: "{{lead.email}}" },
  { property: "json_property.contact.name", value: "{{lead.first_name}} {{lead.last_name}}" },
  { property: "json_property.phones.0", value: "{{lead.phone_1}}" },
  { property: "json_property.phones.1", value: "{{lead.phone_2}}" },
  {
    property: "json_property.ca_resident",
    value: "yes",
    rule_set: { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "CA" }] },
  },
  { property: "json_property.lead_id", value: "{{lead.id}}" },
  { property: "json_property.event_id", value: "{{event_id}}" },
  { property: "outcome_search_term", value: "success" },
  { property: "outcome_search_path", value: "status" },
  { property: "reason_path", value: "error.message" },
];

describe("outbound recipient mappings (spec 03 §3.2, 05 §8)", () => {
  it("builds the request variables and Acme's body exactly", () => {
    const compiled = compileMappings(acmeMappings, { compileRuleSet });
    expect(compiled.issues).toEqual([]);
    const { values, errors, applied } = applyMappings(compiled, ann);
    expect(errors).toEqual([]);
    expect(values.url).toBe("https://crm.example.com/leads");
    expect(values.method).toBe("POST");
    expect(values.header).toEqual({ "X-API-Key": "abc123" });
    expect(values.outcome_search_term).toBe("success");
    expect(values.outcome_search_path).toBe("status");
    expect(values.reason_path).toBe("error.message");
    // Type preserved until serialization.
    expect((values.json_property as { contact: { email: unknown } }).contact.email).toBe(ann.lead.email);
    expect(buildJsonBody(values.json_property)).toBe(
      '{"contact":{"email":"ann@example.com","name":"Ann Lee"},"phones":["5127891111"],"lead_id":"63cc6f0e55254d7d1c4c3037","event_id":"63cc6f0e55254d7d1c4c3040"}',
    );
    expect(applied.map((a) => a.property)).not.toContain("json_property.phones.1");
    expect(applied.map((a) => a.property)).not.toContain("json_property.ca_resident");
  });

  it("a conditional mapping applies when its rule set passes", () => {
    const ca = { ...ann, lead: { ...ann.lead, state: { normal: "CA", name: "California", raw: "ca", valid: true } } };
    const { values } = compileMappings(acmeMappings, { compileRuleSet }).apply(ca);
    expect((values.json_property as Record<string, unknown>).ca_resident).toBe("yes");
  });

  it("Beta's form body (spec 05 §8)", () => {
    const beta = compileMappings([
      { property: "url", value: "https://beta.example/leads" },
      { property: "form_field.first_name", value: "{{lead.first_name}}" },
      { property: "form_field.email", value: "{{lead.email}}" },
      { property: "form_field.phone", value: "{{lead.phone_1}}" },
      { property: "form_field.price", value: "{{price}}" },
    ]);
    const { values } = beta.apply({ ...ann, price: 25 });
    expect(buildFormBody(values.form_field)).toBe("first_name=Ann&email=ann%40example.com&phone=5127891111&price=25");
  });
});

describe("processing rules (spec 03 §3)", () => {
  const run = (mappings: Mapping[], vars: unknown = ann) => compileMappings(mappings, { compileRuleSet }).apply(vars);

  it("skips absent, null and blank results; applies a configured literal \"\"", () => {
    const { values } = run([
      { property: "a", value: "{{lead.missing}}" },
      { property: "b", value: "   " },
      { property: "c", value: "" },
      { property: "d", value: null },
      { property: "e", value: "{{lead.missing}}  {{lead.nothing}}" },
      { property: "f", value: '{{math "1 / 0"}}' },
    ]);
    expect(values).toEqual({ c: "" });
  });

  it("trims strings; numbers, booleans and typed values pass through", () => {
    const { values } = run([
      { property: "name", value: "  {{lead.first_name}}  " },
      { property: "n", value: 12.5 },
      { property: "b", value: false },
      { property: "age", value: "{{lead.age}}" },
      { property: "math", value: '{{math "lead.age + 1"}}' },
      { property: "phone", value: "{{lead.phone_1}}" },
    ]);
    expect(values).toEqual({ name: "Ann", n: 12.5, b: false, age: 30, math: 31, phone: ann.lead.phone_1 });
  });

  it("arrays of templates: each element rendered, blanks dropped, all-blank skipped", () => {
    const { values } = run([
      { property: "list", value: ["{{lead.first_name}}", "{{lead.missing}}", " x "] },
      { property: "none", value: ["{{lead.missing}}", " "] },
    ]);
    expect(values).toEqual({ list: ["Ann", "x"] });
  });

  it("later mappings overwrite earlier ones (general first, conditional override after)", () => {
    const mappings: Mapping[] = [
      { property: "json_property.tier", value: "standard" },
      { property: "json_property.tier", value: "texas", rule_set: { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "TX" }] } },
    ];
    expect(run(mappings).values).toEqual({ json_property: { tier: "texas" } });
    const ny = { lead: { state: { normal: "NY" } } };
    expect(run(mappings, ny).values).toEqual({ json_property: { tier: "standard" } });
    // A later scalar replaces an earlier object, and the other way round.
    expect(run([{ property: "a.b", value: "1" }, { property: "a", value: "2" }]).values).toEqual({ a: "2" });
    expect(run([{ property: "a", value: "2" }, { property: "a.b", value: "1" }]).values).toEqual({ a: { b: "1" } });
  });

  it("writing below a mapped object merges into it", () => {
    const vars = { appended: { crm: { contact: { id: "7", email: "x@y.z" } } } };
    const { values } = run(
      [
        { property: "json_property.contact", value: "{{appended.crm.contact}}" },
        { property: "json_property.contact.email", value: "new@y.z" },
      ],
      vars,
    );
    expect(values).toEqual({ json_property: { contact: { id: "7", email: "new@y.z" } } });
  });

  it("a failing mapping is skipped and reported; the rest continue", () => {
    const compiled = compileMappings(
      [
        { property: "a", value: "ok" },
        { property: "b", value: "{{nosuchhelper lead.x}}" },
        { property: "c", value: "{{replace lead.first_name pattern=lead.p}}" },
        { property: "", value: "x" },
        { property: "d", value: { not: "allowed" } },
        { property: "e", value: "x", rule_set: { op: "and", rules: [{ lhv: "lead.x", op: "is bogus", rhv: "1" }] } },
        { property: "f", value: "last" },
        { property: "g" } as Mapping,
      ],
      { compileRuleSet },
    );
    expect(compiled.issues.map((i) => [i.index, i.stage])).toEqual([
      [1, "value"],
      [3, "property"],
      [4, "value"],
      [7, "value"],
    ]);
    const res = compiled.apply({ lead: { first_name: "Ann", p: "regexp((a+)+)" } });
    expect(res.values).toEqual({ a: "ok", f: "last" });
    expect(res.errors.map((e) => [e.index, e.stage])).toEqual([
      [1, "value"],
      [2, "render"],
      [3, "property"],
      [4, "value"],
      [5, "rule_set"],
      [7, "value"],
    ]);
    expect(res.errors.find((e) => e.index === 2)?.message).toMatch(/nests a repetition/);
    expect(res.errors.find((e) => e.index === 5)?.message).toBe('Unknown operator "is bogus"');
  });

  it("a rule_set without a rule engine is a compile issue", () => {
    const issues = validateMappings([{ property: "a", value: "x", rule_set: { op: "and", rules: [] } }]);
    expect(issues).toHaveLength(1);
    expect(issues[0].stage).toBe("rule_set");
    expect(validateMappings([{ property: "a", value: "x", rule_set: null }])).toEqual([]);
  });

  it("a rule set that fails to compile is reported", () => {
    const issues = validateMappings([{ property: "a", value: "x", rule_set: { op: "and" } }], {
      compileRuleSet: () => {
        throw new Error("rules must be an array");
      },
    });
    expect(issues[0].message).toMatch(/rules must be an array/);
  });

  it("template warnings are surfaced for editors", () => {
    const c = compileMappings([{ property: "a", value: '{{format lead.x fomat="YYYY"}}' }]);
    expect(c.warnings[0].message).toMatch(/unknown option "fomat"/);
  });

  it("tolerates a missing or malformed list", () => {
    expect(compileMappings(null).apply({}).values).toEqual({});
    expect(compileMappings(undefined).length).toBe(0);
  });
});

describe("property paths", () => {
  const run = (mappings: Mapping[]) => compileMappings(mappings).apply(ann).values;

  it("numeric segments build compacted arrays; {123} forces an object key", () => {
    expect(run([{ property: "tags.0", value: "a" }, { property: "tags.1", value: "b" }])).toEqual({ tags: ["a", "b"] });
    expect(run([{ property: "tags.5", value: "b" }, { property: "tags.2", value: "a" }])).toEqual({ tags: ["a", "b"] });
    expect(run([{ property: "data{123}.value", value: "x" }])).toEqual({ data: { "123": { value: "x" } } });
    expect(run([{ property: "data.{123}.value", value: "x" }])).toEqual({ data: { "123": { value: "x" } } });
    expect(run([{ property: "data.{0}", value: "x" }, { property: "data.{1}", value: "y" }])).toEqual({ data: { "0": "x", "1": "y" } });
  });

  it("a level mixing indexes and names is an object (ap-code)", () => {
    expect(run([{ property: "j.0.foo.bar", value: "baz" }, { property: "j.bip", value: "bap" }])).toEqual({
      j: { "0": { foo: { bar: "baz" } }, bip: "bap" },
    });
  });

  it("brackets and @ are part of a key", () => {
    expect(run([{ property: "json_property.foo.bar[what_is_your_interest]", value: "astrophysics" }])).toEqual({
      json_property: { foo: { "bar[what_is_your_interest]": "astrophysics" } },
    });
    expect(run([{ property: "xml_path.lead.dob@year", value: "1976" }])).toEqual({ xml_path: { lead: { "dob@year": "1976" } } });
  });

  it("rejects empty segments and prototype keys", () => {
    expect(() => parseProperty("a..b")).toThrow(/empty segment/);
    expect(() => parseProperty("a.")).toThrow(/empty segment/);
    expect(() => parseProperty(".a")).toThrow(/empty segment/);
    expect(() => parseProperty("  ")).toThrow(/required/);
    expect(() => parseProperty("json_property.__proto__.x")).toThrow(/not allowed/);
    expect(() => parseProperty("constructor.prototype")).toThrow(/not allowed/);
    expect(() => parseProperty("a{1}b")).toThrow(/expected "\."/);
    expect(parseProperty("a.01")).toEqual([{ key: "a", index: false }, { key: "01", index: false }]);
  });

  it("values carrying own __proto__ keys cannot pollute prototypes", () => {
    const vars = { appended: JSON.parse('{"x":{"__proto__":{"polluted":"yes"},"ok":1}}') };
    const { values } = compileMappings([
      { property: "json_property.x", value: "{{appended.x}}" },
      { property: "json_property.x.more", value: "1" },
    ]).apply(vars);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(values.json_property)).toBe(Object.prototype);
    expect(buildJsonBody(values.json_property)).toBe('{"x":{"ok":1,"more":"1"}}');
  });
});

describe("inbound source mappings (spec 03 §3.1)", () => {
  const context = {
    submission: { timestamp: "2024-01-15T15:00:00.000Z", ip: "203.0.113.9" },
    source: { id: "s1", name: "Vendor A" },
    flow: { id: "f1", name: "TX Solar" },
    account: { id: "a1", name: "Acme" },
  };

  it("renames a source's parameters onto field ids (spec example)", () => {
    const compiled = compileInboundMappings([
      { property: "first_name", value: "{{fname}}" },
      { property: "email", value: "{{email_addr}}" },
    ]);
    const { data, errors } = applyInboundMappings(compiled, { fname: "Joe", email_addr: "JOE@X.COM" }, context);
    expect(errors).toEqual([]);
    expect(data.first_name).toBe("Joe");
    expect(data.email).toBe("JOE@X.COM"); // the email type lower-cases it later (spec 01)
  });

  it("a lead. prefix is optional; a mapped value beats a submitted key of the same name", () => {
    const compiled = compileInboundMappings([{ property: "lead.first_name", value: "{{fname}}" }]);
    const { data } = applyInboundMappings(compiled, { fname: "Joe", first_name: "Submitted" }, context);
    expect(data.first_name).toBe("Joe");
    expect(data.fname).toBe("Joe"); // the source's own keys stay; fields not in the flow are dropped later
  });

  it("nested submitted data by dot path; dotted field ids write nested values", () => {
    const compiled = compileInboundMappings([
      { property: "mortgage.loan.amount", value: "{{loan.amt}}" },
      { property: "city", value: "{{address.city}}" },
    ]);
    const { data } = applyInboundMappings(compiled, { loan: { amt: "250000" }, address: { city: "Austin" }, mortgage: { rate: "3" } }, context);
    expect(data.mortgage).toEqual({ rate: "3", loan: { amount: "250000" } });
    expect(data.city).toBe("Austin");
  });

  it("templates see submission, source, flow and account (there is no lead yet)", () => {
    const compiled = compileInboundMappings([
      { property: "comments", value: "via {{source}} at {{format submission.timestamp format=\"YYYY-MM-DD\"}} ({{account.name}}/{{flow.name}})" },
      { property: "ip_address", value: "{{submission.ip}}" },
      { property: "is_test", value: "true", rule_set: { op: "and", rules: [{ lhv: "source.name", op: "is equal to", rhv: "vendor a" }] } },
    ], { compileRuleSet });
    const { data } = applyInboundMappings(compiled, { first_name: "Joe" }, context);
    expect(data).toEqual({
      first_name: "Joe",
      comments: "via Vendor A at 2024-01-15 (Acme/TX Solar)",
      ip_address: "203.0.113.9",
      is_test: "true",
    });
  });

  it("does not mutate the submitted data", () => {
    const submitted = { fname: "Joe", nested: { a: "1" } };
    const compiled = compileInboundMappings([{ property: "nested.b", value: "{{fname}}" }]);
    const { data } = applyInboundMappings(compiled, submitted, context);
    expect(data.nested).toEqual({ a: "1", b: "Joe" });
    expect(submitted).toEqual({ fname: "Joe", nested: { a: "1" } });
  });

  it("a bare lead property is an issue", () => {
    expect(compileInboundMappings([{ property: "lead", value: "x" }]).issues[0].message).toMatch(/must name a field/);
  });
});
