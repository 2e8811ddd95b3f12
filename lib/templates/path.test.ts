import { describe, expect, it } from "vitest";
import { parsePath, resolvePath } from "@/lib/templates";

const vars = {
  lead: {
    first_name: "Bob",
    state: { normal: "TX", name: "Texas" },
    phone_1: { normal: "5127891111", area: "512" },
    interests: ["Solar", "Roofing"],
    price: 12,
    zero: 0,
    nothing: null,
  },
  appended: {
    suppressionlist: { is_duplicate: false },
    trustedform_decisions: { valid: true },
    acme_crm: { outcome: "failure", reason: "Duplicate" },
    state: "appended-state",
  },
  submission: { timestamp: "2024-01-15T15:00:00.000Z", ip: "203.0.113.9" },
  source: { id: "s1", name: "test" },
  flow: { id: "f1", name: "TX Solar" },
  recipient: { id: "r1", name: "Acme CRM" },
  account: { id: "a1", name: "Acme" },
  feedback: { type: "return", reason: "Wrong number" },
  purchase_price: 15,
  price: 40,
  event_id: "e1",
  outcome: "success",
  reason: null,
  minimum_price: 7,
};

describe("resolvePath (spec 02 §2)", () => {
  it("seed example: lead.first_name", () => {
    expect(resolvePath({ lead: { first_name: "Bob" } }, "lead.first_name")).toBe("Bob");
  });

  it("reserved namespaces resolve literally", () => {
    expect(resolvePath(vars, "lead.state")).toBe(vars.lead.state);
    expect(resolvePath(vars, "submission.ip")).toBe("203.0.113.9");
    expect(resolvePath(vars, "appended.acme_crm.outcome")).toBe("failure");
    expect(resolvePath(vars, "account.name")).toBe("Acme");
    expect(resolvePath(vars, "feedback.reason")).toBe("Wrong number");
    expect(resolvePath(vars, "purchase_price")).toBe(15);
    expect(resolvePath(vars, "event_id")).toBe("e1");
    expect(resolvePath(vars, "outcome")).toBe("success");
    expect(resolvePath(vars, "reason")).toBeNull();
    expect(resolvePath(vars, "account")).toBe(vars.account); // no name rule for account
  });

  it("a bare source/flow/recipient compares as its name", () => {
    expect(resolvePath(vars, "source")).toBe("test");
    expect(resolvePath(vars, "flow")).toBe("TX Solar");
    expect(resolvePath(vars, "recipient")).toBe("Acme CRM");
    expect(resolvePath(vars, "source", { namespaceAsName: false })).toBe(vars.source);
    expect(resolvePath({ source: { id: "x" } }, "source")).toEqual({ id: "x" });
  });

  it("a reserved namespace never falls back (lead.state is not appended.state)", () => {
    expect(resolvePath(vars, "lead.missing")).toBeUndefined();
    expect(resolvePath({ appended: { lead: 1 } }, "lead")).toBeUndefined();
  });

  it("timestamp is an alias of submission.timestamp", () => {
    expect(resolvePath(vars, "timestamp")).toBe("2024-01-15T15:00:00.000Z");
    expect(resolvePath({ lead: { timestamp: "x" } }, "timestamp")).toBeUndefined();
  });

  it("price: lead.price when the lead has one, else the top-level sale price", () => {
    expect(resolvePath(vars, "price")).toBe(12);
    expect(resolvePath({ ...vars, lead: { first_name: "x" } }, "price")).toBe(40);
    expect(resolvePath({ ...vars, lead: { price: null } }, "price")).toBe(40);
    expect(resolvePath({ lead: { price: { normal: 9, raw: "9" } } }, "price.normal")).toBe(9);
  });

  it("bare paths: lead first, then appended, then the top level", () => {
    expect(resolvePath(vars, "state")).toBe(vars.lead.state); // lead wins over appended.state
    expect(resolvePath(vars, "phone_1.area")).toBe("512");
    expect(resolvePath(vars, "suppressionlist.is_duplicate")).toBe(false);
    expect(resolvePath(vars, "trustedform_decisions.valid")).toBe(true);
    expect(resolvePath(vars, "acme_crm.reason")).toBe("Duplicate");
    expect(resolvePath(vars, "minimum_price")).toBe(7);
    expect(resolvePath(vars, "age")).toBeUndefined();
  });

  it("exists means not undefined: 0, false and null found under lead stop the fallback", () => {
    expect(resolvePath(vars, "zero")).toBe(0);
    expect(resolvePath(vars, "nothing")).toBeNull();
    expect(resolvePath({ lead: {}, appended: { x: false } }, "x")).toBe(false);
  });

  it("array indexes are segments", () => {
    expect(resolvePath(vars, "lead.interests.0")).toBe("Solar");
    expect(resolvePath(vars, "interests.1")).toBe("Roofing");
    expect(resolvePath(vars, "lead.interests[1]")).toBe("Roofing");
    expect(resolvePath(vars, "lead.interests.2")).toBeUndefined();
    expect(resolvePath(vars, "lead.interests.01")).toBeUndefined();
    expect(resolvePath(vars, "lead.interests.-1")).toBeUndefined();
  });

  it("inbound context: submitted keys at the top level", () => {
    const ctx = { fname: "Joe", email_addr: "JOE@X.COM", nested: { a: 1 }, source: { name: "V" } };
    expect(resolvePath(ctx, "fname")).toBe("Joe");
    expect(resolvePath(ctx, "nested.a")).toBe(1);
    expect(resolvePath(ctx, "source")).toBe("V");
  });

  it("only own properties of plain objects", () => {
    expect(resolvePath(vars, "constructor")).toBeUndefined();
    expect(resolvePath(vars, "lead.__proto__")).toBeUndefined();
    expect(resolvePath(vars, "lead.first_name.length")).toBeUndefined();
    expect(resolvePath(vars, "lead.interests.map")).toBeUndefined();
    expect(resolvePath(vars, "toString")).toBeUndefined();
    expect(resolvePath(Object.create({ lead: { x: 1 } }), "lead.x")).toBeUndefined();
    expect(resolvePath(null, "lead.x")).toBeUndefined();
    expect(resolvePath("string", "length")).toBeUndefined();
    const polluted = JSON.parse('{"lead":{"__proto__":{"x":1}}}');
    expect(resolvePath(polluted, "lead.__proto__.x")).toBeUndefined();
    const nullProto = Object.assign(Object.create(null), { lead: { a: 1 } });
    expect(resolvePath(nullProto, "lead.a")).toBe(1);
  });

  it("parsePath splits dots and brackets and caches", () => {
    expect(parsePath("a.b.c")).toEqual(["a", "b", "c"]);
    expect(parsePath("a[0].b")).toEqual(["a", "0", "b"]);
    expect(parsePath("a.[b c].d")).toEqual(["a", "b c", "d"]);
    expect(parsePath(" lead.x ")).toEqual(["lead", "x"]);
    expect(parsePath("")).toEqual([]);
    expect(parsePath("a.b")).toBe(parsePath("a.b"));
  });
});
