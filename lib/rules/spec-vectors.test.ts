// The 32 test vectors of spec 02 §7, verbatim.
import { describe, expect, it } from "vitest";
import { compile, evaluate, type CompileOptions } from "@/lib/rules";

const vars = {
  lead: {
    state: { normal: "TX", name: "Texas", raw: "texas", valid: true },
    email: { normal: "ann@gmail.com", domain: "gmail.com", is_free: true, valid: true },
    phone_1: { normal: "5127891111", area: "512", valid: true },
    credit_score: { normal: "700-749", min: 700, max: 749, avg: 724.5, mid: 724, valid: true },
    loan_amount: { normal: 50000, valid: true },
    interests: ["Solar", "Roofing"],
    opt_in_acme: { normal: true, valid: true },
  },
  submission: { timestamp: "2024-01-15T15:00:00.000Z" },
};

const options: CompileOptions = {
  fieldNames: {
    state: "State",
    credit_score: "Credit Score",
    opt_in_acme: "Opt In",
    age: "Age",
    email: "Email",
    phone_1: "Phone 1",
    loan_amount: "Loan Amount",
    interests: "Interests",
  },
};

const rule = (lhv: string, op: string, rhv?: unknown) => (rhv === undefined ? { lhv, op } : { lhv, op, rhv });
const run = (r: unknown) => compile(r, { ...options, strict: false })(vars);
const PASS = null;

describe("spec 02 §7 test vectors", () => {
  const single: Array<[number, ReturnType<typeof rule>, string | null | "fail"]> = [
    [1, rule("lead.state", "is equal to", "tx"), PASS],
    [2, rule("state", "is equal to", "Texas"), "State must be equal to Texas"],
    [3, rule("lead.state", "is not equal to", "CA"), PASS],
    [4, rule("lead.loan_amount", "is greater than", "40000"), PASS],
    [5, rule("lead.loan_amount", "is equal to", "50000"), PASS],
    [6, rule("credit_score", "is greater than", 720), PASS],
    [7, rule("credit_score", "is between", "600-700"), "Credit Score must be between 600-700"],
    [8, rule("credit_score", "is equal to", "700 - 749"), PASS],
    [9, rule("state", "is included in", "TX,CA,NY"), PASS],
    [10, rule("state", "is included in", ["ca", "ny"]), "State must be included in ca, ny"],
    [11, rule("state", "is not included in", ["CA"]), PASS],
    [12, rule("email", "includes", "@GMAIL"), PASS],
    [13, rule("lead.interests", "includes", "solar"), PASS],
    [14, rule("lead.interests", "is equal to", ["roofing", "solar"]), PASS],
    [15, rule("phone_1", "matches pattern", "512*"), PASS],
    [16, rule("phone_1", "matches pattern", "/^5\\d\\d789/"), PASS],
    [17, rule("age", "is blank"), PASS],
    [18, rule("age", "is not blank"), "Age must not be blank"],
    [19, rule("age", "is greater than", 18), "Age must be greater than 18"],
    [20, rule("age", "is not equal to", 30), PASS],
    [21, rule("age", "is not between", "18-65"), "Age must not be between 18-65"],
    [22, rule("lead.opt_in_acme", "is true"), PASS],
    [23, rule("lead.opt_in_acme", "is false"), "Opt In must be false"],
    [24, rule("email", "format is valid"), PASS],
    [25, rule("phone_2", "format is invalid"), "fail"],
    [26, rule("lead.email.is_free", "is false"), "lead.email.is_free must be false"],
    [
      27,
      rule('{{format submission.timestamp format="HHmm" timezone="America/Chicago"}}', "is between", "0830-1645"),
      PASS,
    ],
    [
      28,
      rule(
        '{{format submission.timestamp format="dddd" timezone="America/Chicago"}}',
        "is not included in",
        "Saturday,Sunday",
      ),
      PASS,
    ],
  ];

  for (const [n, r, expected] of single) {
    it(`#${n}: ${r.lhv} ${r.op} ${JSON.stringify("rhv" in r ? r.rhv : "")}`, () => {
      const got = run(r);
      if (expected === "fail") expect(got).toEqual(expect.any(String));
      else expect(got).toBe(expected);
      // The same rule inside an `and` set behaves the same, and strict compilation accepts it.
      expect(compile({ op: "and", rules: [r] }, options)(vars)).toBe(got);
    });
  }

  it("#25: phone_2 (no display name) fails with the lhv as label", () => {
    expect(run(rule("phone_2", "format is invalid"))).toBe("phone_2 must be invalid");
  });

  it("#29: OR set fails with every reason joined by ' or '", () => {
    const set = { op: "or", rules: [rule("state", "is equal to", "CA"), rule("state", "is equal to", "NY")] };
    expect(run(set)).toBe("State must be equal to CA or State must be equal to NY");
  });

  it("#30: rule_set after a rule is ANDed; the failing inner reason wins and later rules are not evaluated", () => {
    let stateRead = 0;
    const probe = {
      ...vars,
      lead: {
        ...vars.lead,
        get state() {
          stateRead++;
          return vars.lead.state;
        },
      },
    };
    const set = {
      op: "and",
      rules: [
        {
          lhv: "email",
          op: "format is valid",
          rule_set: { op: "and", rules: [rule("lead.email.is_free", "is false")] },
        },
        rule("state", "is equal to", "TX"),
      ],
    };
    expect(run(set)).toBe("lead.email.is_free must be false");
    expect(compile(set, options)(probe)).toBe("lead.email.is_free must be false");
    expect(stateRead).toBe(0);
  });

  it("#31: an empty set or null passes", () => {
    expect(run({ op: "and", rules: [] })).toBe(PASS);
    expect(run(null)).toBe(PASS);
    expect(compile(null)(vars)).toBe(PASS);
    expect(evaluate(null, vars)).toBe(PASS);
    expect(evaluate({ op: "and", rules: [] }, vars)).toBe(PASS);
  });

  it("#32: a rule whose template uses an unknown helper is skipped; alone in an and set it passes", () => {
    const set = { op: "and", rules: [rule("{{nosuchhelper lead.state}}", "is equal to", "TX")] };
    expect(evaluate(set, vars)).toBe(PASS);
    // Saving such a rule set is rejected (spec 02 §1).
    expect(() => compile(set)).toThrow(/rules\.0\.lhv/);
  });
});
