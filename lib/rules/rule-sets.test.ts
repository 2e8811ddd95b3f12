// Rule sets (spec 02 §6): AND/OR short-circuit, nesting, rule_set after a rule, skipped rules,
// templates in lhv/rhv, path resolution (§2–3) and the evaluate() cache.
import { describe, expect, it } from "vitest";
import { compile, evaluate, type CompileOptions } from "@/lib/rules";

const vars = {
  lead: {
    first_name: { normal: "Ann", raw: "Ann", valid: true },
    state: { normal: "TX", name: "Texas", raw: "texas", valid: true },
    loan_amount: { normal: 50000, raw: "$50,000", valid: true },
    interests: ["Solar", "Roofing"],
    price: { normal: 12.5, raw: "12.50", valid: true },
  },
  appended: {
    suppressionlist: { is_duplicate: false },
    trustedform_decisions: { valid: true },
  },
  source: { id: "s1", name: "Test" },
  flow: { id: "f1", name: "TX Solar" },
  submission: { timestamp: "2024-01-15T15:00:00.000Z" },
  minimum_price: 40000,
  price: 40,
};
const fieldNames = { state: "State", first_name: "First Name", loan_amount: "Loan Amount" };
const opts: CompileOptions = { fieldNames };

const r = (lhv: string, op: string, rhv?: unknown, rule_set?: unknown) => ({ lhv, op, rhv, rule_set });
const T = r("state", "is equal to", "TX"); // passes
const F1 = r("state", "is equal to", "CA"); // fails
const F2 = r("first_name", "is equal to", "Bob"); // fails

/** A rule that counts how often its lhv is read, to observe short-circuiting. */
function probe() {
  const counter = { reads: 0 };
  const v = {
    ...vars,
    lead: {
      ...vars.lead,
      get probe() {
        counter.reads++;
        return "x";
      },
    },
  };
  return { counter, vars: v, rule: r("lead.probe", "is equal to", "x") };
}

describe("AND / OR", () => {
  it("and: first failure decides; later rules are not evaluated", () => {
    const p = probe();
    expect(compile({ op: "and", rules: [T, F1, p.rule] }, opts)(p.vars)).toBe("State must be equal to CA");
    expect(p.counter.reads).toBe(0);
    expect(compile({ op: "and", rules: [T, p.rule] }, opts)(p.vars)).toBeNull();
    expect(p.counter.reads).toBe(1);
  });

  it("or: first pass decides; all failures joined with ' or '", () => {
    const p = probe();
    expect(compile({ op: "or", rules: [F1, T, p.rule] }, opts)(p.vars)).toBeNull();
    expect(p.counter.reads).toBe(0);
    expect(compile({ op: "or", rules: [F1, F2] }, opts)(vars)).toBe(
      "State must be equal to CA or First Name must be equal to Bob",
    );
  });

  it("nested sets count as one rule", () => {
    const set = { op: "and", rules: [T, { op: "or", rules: [F1, { op: "and", rules: [T, T] }] }] };
    expect(compile(set, opts)(vars)).toBeNull();
    const failing = { op: "and", rules: [T, { op: "or", rules: [F1, { op: "and", rules: [T, F2] }] }] };
    expect(compile(failing, opts)(vars)).toBe("State must be equal to CA or First Name must be equal to Bob");
  });

  it("a single rule (not a set) compiles on its own", () => {
    expect(compile(T, opts)(vars)).toBeNull();
    expect(compile(F1, opts)(vars)).toBe("State must be equal to CA");
  });

  it("empty, null and rules-less sets pass", () => {
    for (const s of [null, undefined, { op: "and", rules: [] }, { op: "or", rules: [] }, { op: "and" }, { op: "or", rules: null }]) {
      expect(compile(s)(vars)).toBeNull();
      expect(evaluate(s, vars)).toBeNull();
    }
    expect(compile({ op: "and", rules: [{ op: "or", rules: [] }] })(vars)).toBeNull();
  });
});

describe("rule_set after a rule", () => {
  it("is evaluated only when the rule passes, and ANDed with it", () => {
    const p = probe();
    const failingRule = r("state", "is equal to", "CA", { op: "and", rules: [p.rule] });
    expect(compile(failingRule, opts)(p.vars)).toBe("State must be equal to CA");
    expect(p.counter.reads).toBe(0);
    const passingRule = r("state", "is equal to", "TX", { op: "and", rules: [F2] });
    expect(compile(passingRule, opts)(vars)).toBe("First Name must be equal to Bob");
    expect(compile(r("state", "is equal to", "TX", { op: "or", rules: [F2, T] }), opts)(vars)).toBeNull();
    expect(compile(r("state", "is equal to", "TX", null), opts)(vars)).toBeNull();
    expect(compile(r("state", "is equal to", "TX", { op: "and", rules: [] }), opts)(vars)).toBeNull();
  });

  it("its failure is the rule's failure inside an OR", () => {
    const rule = r("state", "is equal to", "TX", { op: "and", rules: [F2] });
    expect(compile({ op: "or", rules: [F1, rule] }, opts)(vars)).toBe(
      "State must be equal to CA or First Name must be equal to Bob",
    );
  });
});

describe("skipped rules (spec 02 §6)", () => {
  const absentTpl = r("{{lead.no_such_field}}", "is equal to", "x"); // references an absent variable
  const badTpl = r("{{nosuchhelper lead.state}}", "is equal to", "TX"); // does not compile

  it("a template referencing an absent variable skips the rule (non-strict and strict alike)", () => {
    expect(compile(absentTpl)(vars)).toBeNull();
    expect(compile({ op: "and", rules: [absentTpl, F1] }, opts)(vars)).toBe("State must be equal to CA");
    expect(compile({ op: "or", rules: [absentTpl, F1] }, opts)(vars)).toBe("State must be equal to CA");
  });

  it("an absent variable in an rhv template skips the rule too", () => {
    const rule = r("lead.loan_amount", "is greater than", "{{no_such_minimum}}");
    expect(compile({ op: "or", rules: [rule, F1] }, opts)(vars)).toBe("State must be equal to CA");
    const arrayRule = r("state", "is included in", ["CA", "{{lead.nope}}"]);
    expect(compile({ op: "and", rules: [arrayRule] }, opts)(vars)).toBeNull();
  });

  it("skipped rules are removed: an all-skipped set passes, even an OR", () => {
    expect(evaluate({ op: "and", rules: [badTpl, absentTpl] }, vars)).toBeNull();
    expect(evaluate({ op: "or", rules: [badTpl, absentTpl] }, vars)).toBeNull();
    expect(evaluate({ op: "or", rules: [badTpl, F1] }, vars, opts)).toBe("State must be equal to CA");
    expect(evaluate({ op: "or", rules: [badTpl, T] }, vars)).toBeNull();
  });

  it("a skipped rule's own rule_set is not evaluated", () => {
    const p = probe();
    const rule = { ...absentTpl, rule_set: { op: "and", rules: [p.rule, F1] } };
    expect(compile({ op: "and", rules: [rule] })(p.vars)).toBeNull();
    expect(p.counter.reads).toBe(0);
  });

  it("a template that throws while rendering skips the rule", () => {
    // A getter that throws stands in for any render-time failure.
    const boom = {
      ...vars,
      lead: {
        ...vars.lead,
        get bomb() {
          throw new Error("boom");
        },
      },
    };
    expect(compile({ op: "or", rules: [r("Hi {{lead.first_name}}", "is equal to", "{{uppercase lead.state}}"), F1] }, opts)(vars)).toBe(
      "Hi {{lead.first_name}} must be equal to {{uppercase lead.state}} or State must be equal to CA",
    );
    expect(() => compile({ op: "and", rules: [r("{{lead.bomb}}", "is blank")] })(boom)).not.toThrow();
  });
});

describe("templates in lhv and rhv", () => {
  it("simple-variable lhv keeps the typed value", () => {
    expect(compile(r("{{lead.loan_amount}}", "is greater than", 40000))(vars)).toBeNull();
    expect(compile(r("{{ lead.interests }}", "includes", "solar"))(vars)).toBeNull();
  });

  it("handlebars-mode lhv renders a string", () => {
    expect(compile(r("Hi {{lead.first_name}}", "is equal to", "hi ann"))(vars)).toBeNull();
    expect(compile(r("{{uppercase lead.state}}", "is equal to", "tx"))(vars)).toBeNull();
  });

  it("rhv templates render against the same vars", () => {
    expect(compile(r("lead.loan_amount", "is greater than", "{{minimum_price}}"))(vars)).toBeNull();
    expect(compile(r("lead.loan_amount", "is less than", "{{minimum_price}}"))(vars)).not.toBeNull();
    expect(compile(r("state", "is included in", ["CA", "{{lead.state}}"]))(vars)).toBeNull();
    expect(compile(r("first_name", "is not equal to", "{{lead.state}}"))(vars)).toBeNull();
  });

  it("the reason shows the rhv as configured, not rendered", () => {
    expect(compile(r("lead.loan_amount", "is less than", "{{minimum_price}}"), opts)(vars)).toBe(
      "Loan Amount must be less than {{minimum_price}}",
    );
  });

  it("a string rhv without {{ is a literal, never a lookup", () => {
    expect(compile(r("state", "is equal to", "lead.state"))(vars)).not.toBeNull();
  });
});

describe("path resolution (spec 02 §2)", () => {
  it("bare paths try lead.<path>, then appended.<path>", () => {
    expect(compile(r("state", "is equal to", "TX"))(vars)).toBeNull();
    expect(compile(r("suppressionlist.is_duplicate", "is false"))(vars)).toBeNull();
    expect(compile(r("trustedform_decisions.valid", "is true"))(vars)).toBeNull();
    expect(compile(r("appended.trustedform_decisions.valid", "is true"))(vars)).toBeNull();
    expect(compile(r("nothing.here", "is blank"))(vars)).toBeNull();
  });

  it("components and array indexes by dot path", () => {
    expect(compile(r("lead.state.name", "is equal to", "texas"))(vars)).toBeNull();
    expect(compile(r("lead.state.raw", "is equal to", "TEXAS"))(vars)).toBeNull();
    expect(compile(r("lead.interests.0", "is equal to", "solar"))(vars)).toBeNull();
    expect(compile(r("lead.interests.1", "is equal to", "solar"))(vars)).not.toBeNull();
  });

  it("a bare source/flow compares as its name", () => {
    expect(compile(r("source", "is not equal to", "test"))(vars)).not.toBeNull();
    expect(compile(r("source", "is equal to", "TEST"))(vars)).toBeNull();
    expect(compile(r("flow", "includes", "solar"))(vars)).toBeNull();
    expect(compile(r("source.id", "is equal to", "s1"))(vars)).toBeNull();
  });

  it("price is lead.price when the lead has one, else the top-level price", () => {
    expect(compile(r("price", "is less than", 100))(vars)).toBeNull();
    expect(compile(r("price", "is equal to", 12.5))(vars)).toBeNull();
    const noLeadPrice = { ...vars, lead: { state: vars.lead.state } };
    expect(compile(r("price", "is equal to", 40))(noLeadPrice)).toBeNull();
  });

  it("timestamp aliases submission.timestamp", () => {
    expect(compile(r("timestamp", "is equal to", "2024-01-15T15:00:00Z"))(vars)).toBeNull();
  });

  it("never reads inherited properties", () => {
    expect(compile(r("lead.constructor", "is blank"))(vars)).toBeNull();
    expect(compile(r("lead.state.__proto__", "is blank"))(vars)).toBeNull();
    expect(compile(r("toString", "is blank"))(vars)).toBeNull();
  });

  it("missing or non-object vars are all blank", () => {
    const rule = compile(r("state", "is blank"));
    expect(rule({})).toBeNull();
    expect(rule(undefined as never)).toBeNull();
    expect(rule(null as never)).toBeNull();
  });
});

describe("evaluate()", () => {
  it("caches compilation per rule-set object and options object", () => {
    const set = { op: "and", rules: [T] };
    expect(evaluate(set, vars)).toBeNull();
    expect(evaluate(set, vars, opts)).toBeNull();
    expect(evaluate({ op: "and", rules: [F1] }, vars, opts)).toBe("State must be equal to CA");
    expect(evaluate({ op: "and", rules: [F1] }, vars)).toBe("state must be equal to CA");
  });

  it("is non-strict: unknown operators fail with their reason", () => {
    expect(evaluate(r("state", "is sorta like", "TX"), vars)).toBe('Unknown operator "is sorta like"');
    expect(evaluate({ op: "or", rules: [r("state", "is sorta like", "TX"), F1] }, vars, opts)).toBe(
      'Unknown operator "is sorta like" or State must be equal to CA',
    );
  });

  it("is non-strict: a binary rule without rhv compares against blank", () => {
    expect(evaluate(r("lead.nothing", "is equal to"), vars)).toBeNull();
    expect(evaluate(r("state", "is equal to"), vars)).toBe("state must be equal to");
  });
});
