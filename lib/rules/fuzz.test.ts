// Fuzz: any JSON whatsoever either compiles or is rejected with RuleCompileError whose issue paths
// point into the input; whatever compiles evaluates without throwing against arbitrary vars.
import { describe, expect, it } from "vitest";
import { compile, evaluate, validateRuleSet, RuleCompileError, OPERATORS, describeRuleSet, reasonFor } from "@/lib/rules";

/** Small deterministic PRNG (mulberry32) so failures reproduce from the seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}

const STRINGS = [
  ...OPERATORS.map((o) => o.op),
  "and",
  "or",
  "AND",
  "xor",
  "",
  " ",
  "state",
  "lead.state",
  "lead.interests.0",
  "appended.x.y",
  "source",
  "price",
  "timestamp",
  "__proto__",
  "constructor",
  "lead.__proto__.polluted",
  "TX,CA,\"A, B\"",
  "600-750",
  "10+",
  "0830-1645",
  "2024-01-01 to 2024-02-01",
  "512*",
  "*?*",
  "/^5\\d+/",
  "/(/",
  "/a/gimsuy",
  "/a/zz",
  "{{lead.state}}",
  "{{ lead.age }}",
  "Hi {{lead.first_name}}",
  "{{uppercase lead.state}}",
  "{{nosuchhelper x}}",
  "{{",
  "}}{{",
  "{{lead.x",
  "yes",
  "no",
  "true",
  "$1,000",
  "01234",
  "ünïcødé 🚀",
  "a".repeat(300),
];

function randomJson(r: ReturnType<typeof rng>, depth: number): unknown {
  const k = r.int(depth > 4 ? 6 : 10);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.pick([0, -0, 1, -1, 1.5, 720, 1e21, Number.MAX_SAFE_INTEGER, NaN, Infinity]);
    case 3:
    case 4:
    case 5:
      return r.pick(STRINGS);
    case 6:
      return Array.from({ length: r.int(4) }, () => randomJson(r, depth + 1));
    case 7:
      return randomRuleish(r, depth + 1);
    case 8:
      return { op: r.pick(["and", "or", "AND", undefined, 3]), rules: Array.from({ length: r.int(4) }, () => randomJson(r, depth + 1)) };
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(4); i > 0; i--) o[r.pick(["lhv", "op", "rhv", "rules", "rule_set", "id", "x", "normal"])] = randomJson(r, depth + 1);
      return o;
    }
  }
}

function randomRuleish(r: ReturnType<typeof rng>, depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = {
    lhv: r.next() < 0.85 ? r.pick(STRINGS) : randomJson(r, depth + 1),
    op: r.next() < 0.85 ? r.pick(OPERATORS).op : randomJson(r, depth + 1),
  };
  if (r.next() < 0.8) {
    o.rhv =
      r.next() < 0.6
        ? r.pick(STRINGS)
        : r.next() < 0.5
          ? Array.from({ length: r.int(4) }, () => r.pick(STRINGS))
          : randomJson(r, depth + 1);
  }
  if (r.next() < 0.2) o.rule_set = r.next() < 0.7 ? { op: r.pick(["and", "or"]), rules: [randomRuleish(r, depth + 1)] } : randomJson(r, depth + 1);
  if (r.next() < 0.2) o.id = r.pick(["abc123", 5, null]);
  return o;
}

const typedVal = (normal: unknown, extra: Record<string, unknown> = {}) => ({ normal, raw: String(normal), valid: true, ...extra });

function randomVars(r: ReturnType<typeof rng>): Record<string, unknown> {
  const val = (): unknown =>
    r.pick([
      undefined,
      null,
      "",
      "TX",
      5,
      true,
      ["a", null, 3],
      typedVal("TX", { name: "Texas" }),
      typedVal(50000),
      typedVal(true),
      typedVal("700-749", { min: 700, max: 749, avg: 724.5, mid: 724 }),
      typedVal("10+", { min: 10, max: null, avg: null, mid: null }),
      typedVal("2024-01-15"),
      typedVal("2024-01-15T15:00:00.000Z"),
      typedVal("78704", { zip: "78704" }),
      { normal: null, raw: "x", valid: false },
      { nested: { deep: [1, { normal: "z" }] } },
      Object.create(null),
      10n,
    ]);
  return {
    lead: { state: val(), age: val(), interests: val(), x: val(), first_name: val(), price: val() },
    appended: { x: { y: val() } },
    source: r.pick([{ name: "Test" }, "raw", null]),
    submission: { timestamp: r.pick(["2024-01-15T15:00:00.000Z", "garbage", undefined]) },
    price: val(),
  };
}

function exists(root: unknown, segs: string[]): boolean {
  let cur = root;
  for (const s of segs) {
    if (typeof cur !== "object" || cur === null || !Object.hasOwn(cur, s)) return false;
    cur = (cur as Record<string, unknown>)[s];
  }
  return true;
}

describe("fuzz", () => {
  it("compile accepts or rejects any JSON with RuleCompileError; compiled sets never throw", () => {
    const r = rng(0x5eed);
    let compiled = 0;
    let rejected = 0;
    for (let i = 0; i < 4000; i++) {
      const json = r.next() < 0.5 ? randomRuleish(r, 0) : randomJson(r, 0);
      const label = `case ${i}: ${JSON.stringify(json)}`;
      const issues = validateRuleSet(json);
      let fn: ((vars: Record<string, unknown>) => string | null) | undefined;
      try {
        fn = compile(json);
        compiled++;
      } catch (e) {
        if (!(e instanceof RuleCompileError)) throw new Error(`${label} threw ${String(e)}`);
        rejected++;
        expect(e.issues.length, label).toBeGreaterThan(0);
        expect(e.issues, label).toEqual(issues);
        for (const issue of e.issues) {
          expect(typeof issue.message, label).toBe("string");
          // The parent of every issue path exists in the input (the last segment may be a missing key).
          const segs = issue.path === "" ? [] : issue.path.split(".");
          expect(exists(json, segs.slice(0, -1)), `${label} → ${issue.path}`).toBe(true);
        }
      }
      if (fn) expect(issues, label).toEqual([]);

      let lenient: ((vars: Record<string, unknown>) => string | null) | undefined;
      try {
        lenient = compile(json, { strict: false });
      } catch (e) {
        if (!(e instanceof RuleCompileError)) throw new Error(`${label} (non-strict) threw ${String(e)}`);
      }
      if (fn) expect(lenient, label).toBeDefined();

      for (const f of [fn, lenient]) {
        if (!f) continue;
        for (let j = 0; j < 3; j++) {
          const vars = randomVars(r);
          const out = f(vars);
          expect(out === null || typeof out === "string", label).toBe(true);
        }
      }
      // Text helpers must not throw on anything either.
      expect(typeof describeRuleSet(json)).toBe("string");
      expect(typeof reasonFor(json)).toBe("string");
    }
    // The generator must exercise both outcomes substantially.
    expect(compiled).toBeGreaterThan(400);
    expect(rejected).toBeGreaterThan(400);
  });

  it("evaluate() on junk throws only RuleCompileError", () => {
    const r = rng(42);
    for (let i = 0; i < 1000; i++) {
      const json = randomJson(r, 0);
      try {
        const out = evaluate(json, randomVars(r));
        expect(out === null || typeof out === "string").toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(RuleCompileError);
      }
    }
  });
});
