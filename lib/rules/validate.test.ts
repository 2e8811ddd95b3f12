// Save-time validation (spec 02 §1, 09 §1.2): every bad part is reported with its path.
import { describe, expect, it } from "vitest";
import { compile, validateRuleSet, RuleCompileError, MAX_DEPTH } from "@/lib/rules";

const ok = { lhv: "state", op: "is equal to", rhv: "TX" };

function issuesOf(json: unknown) {
  return validateRuleSet(json);
}

function expectIssue(json: unknown, path: string, message: RegExp) {
  const issues = issuesOf(json);
  expect(issues, JSON.stringify(issues)).toContainEqual({ path, message: expect.stringMatching(message) });
  let thrown: unknown;
  try {
    compile(json);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(RuleCompileError);
  expect((thrown as RuleCompileError).issues).toEqual(issues);
}

describe("validateRuleSet / strict compile", () => {
  it("accepts valid rule sets, rules and nothing", () => {
    const valid = [
      null,
      undefined,
      ok,
      { op: "and", rules: [] },
      { id: "0d144a", op: "or", rules: [ok, { id: "1aacd1", lhv: "lead.email", op: "is not blank" }] },
      { op: "and", rules: [{ ...ok, rule_set: { op: "and", rules: [ok] } }, { op: "or", rules: [ok] }] },
      { lhv: "credit_score", op: "is between", rhv: [600, 750] },
      { lhv: "credit_score", op: "is between", rhv: "{{lead.range}}" },
      { lhv: "phone", op: "matches pattern", rhv: "/^512\\d+$/" },
      { lhv: "phone", op: "matches pattern", rhv: ["512*", "/^737/"] },
      { lhv: "x", op: "is equal to", rhv: "" },
      { lhv: "x", op: "is equal to", rhv: 0 },
      { lhv: "x", op: "is equal to", rhv: false },
      { lhv: "x", op: "is blank", rhv: "ignored for unary operators" },
      { lhv: '{{format submission.timestamp format="HHmm"}}', op: "is between", rhv: "0830-1645" },
    ];
    for (const v of valid) {
      expect(issuesOf(v), JSON.stringify(v)).toEqual([]);
      expect(() => compile(v)).not.toThrow();
    }
  });

  it("unknown operator, with the full nested path", () => {
    const set = {
      op: "and",
      rules: [ok, ok, { ...ok, rule_set: { op: "and", rules: [{ lhv: "x", op: "is equall to", rhv: "1" }] } }],
    };
    expectIssue(set, "rules.2.rule_set.rules.0.op", /Unknown operator "is equall to"/);
  });

  it("missing or blank rhv on a binary operator", () => {
    expectIssue({ op: "and", rules: [{ lhv: "x", op: "is equal to" }] }, "rules.0.rhv", /rhv is required/);
    expectIssue({ op: "and", rules: [{ lhv: "x", op: "includes", rhv: null }] }, "rules.0.rhv", /rhv is required/);
    expectIssue({ lhv: "x", op: "is included in", rhv: "" }, "rhv", /rhv is required/);
    expectIssue({ lhv: "x", op: "includes", rhv: [] }, "rhv", /rhv is required/);
  });

  it("lhv missing, blank or not a string", () => {
    expectIssue({ op: "and", rules: [{ op: "is blank" }] }, "rules.0.lhv", /lhv is required/);
    expectIssue({ op: "and", rules: [{ lhv: "  ", op: "is blank" }] }, "rules.0.lhv", /lhv is required/);
    expectIssue({ op: "and", rules: [{ lhv: 5, op: "is blank" }] }, "rules.0.lhv", /lhv must be a string/);
    expectIssue({ op: "and", rules: [{ lhv: ["a"], op: "is blank" }] }, "rules.0.lhv", /lhv must be a string/);
  });

  it("op missing or not a string", () => {
    expectIssue({ lhv: "x" }, "op", /op is required/);
    expectIssue({ lhv: "x", op: 3 }, "op", /op must be a string/);
  });

  it("templates that fail to compile, in lhv, rhv and rhv array items", () => {
    expectIssue({ op: "and", rules: [{ lhv: "{{nosuchhelper lead.state}}", op: "is blank" }] }, "rules.0.lhv", /invalid template/);
    expectIssue({ lhv: "x", op: "is equal to", rhv: "{{nosuchhelper y}}" }, "rhv", /invalid template/);
    expectIssue({ lhv: "x", op: "is included in", rhv: ["a", "{{nosuchhelper y}}"] }, "rhv.1", /invalid template/);
  });

  it("invalid regular expressions", () => {
    expectIssue({ op: "and", rules: [{ lhv: "x", op: "matches pattern", rhv: "/(unclosed/" }] }, "rules.0.rhv", /invalid regular expression/);
    expectIssue({ lhv: "x", op: "does not match pattern", rhv: "/a/zz" }, "rhv", /invalid regular expression/);
    expectIssue({ lhv: "x", op: "matches pattern", rhv: ["ok*", "/[/"] }, "rhv.1", /invalid regular expression/);
  });

  it("ranges that cannot be parsed", () => {
    expectIssue({ lhv: "x", op: "is between", rhv: "low to high" }, "rhv", /must be a range/);
    expectIssue({ lhv: "x", op: "is not between", rhv: [1, 2, 3] }, "rhv", /must be a range/);
  });

  it("wrong types", () => {
    expectIssue({ lhv: "x", op: "is equal to", rhv: { a: 1 } }, "rhv", /rhv must be a string, number, boolean or array/);
    expectIssue({ lhv: "x", op: "is included in", rhv: ["a", { b: 1 }] }, "rhv.1", /array items must be strings/);
    expectIssue({ lhv: "x", op: "is included in", rhv: ["a", ["b"]] }, "rhv.1", /array items must be strings/);
    expectIssue({ op: "xor", rules: [ok] }, "op", /must be "and" or "or"/);
    expectIssue({ op: "AND", rules: [ok] }, "op", /lower case/);
    expectIssue({ rules: [ok] }, "op", /op is required/);
    expectIssue({ op: "and", rules: "nope" }, "rules", /rules must be an array/);
    expectIssue({ op: "and", rules: [ok, 5] }, "rules.1", /must be a rule/);
    expectIssue({ op: "and", rules: [ok, [ok]] }, "rules.1", /must be a rule/);
    expectIssue({ op: "and", rules: [null] }, "rules.0", /must be a rule/);
    expectIssue({ op: "and", id: 7, rules: [] }, "id", /id must be a string/);
    expectIssue({ ...ok, id: {} }, "id", /id must be a string/);
    expectIssue({ ...ok, rule_set: "and" }, "rule_set", /rule_set must be a rule set/);
    expectIssue({ ...ok, rule_set: ok }, "rule_set", /not a rule/);
    expectIssue("state is TX", "", /must be a rule/);
    expectIssue(42, "", /must be a rule/);
    expectIssue([ok], "", /must be a rule/);
  });

  it("reports every issue, not only the first", () => {
    const issues = issuesOf({
      op: "and",
      rules: [{ lhv: 1, op: "nope" }, { lhv: "x", op: "is equal to" }, { op: "or", rules: [{ lhv: "y", op: "matches pattern", rhv: "/(/" }] }],
    });
    expect(issues.map((i) => i.path)).toEqual(["rules.0.lhv", "rules.0.op", "rules.1.rhv", "rules.2.rules.0.rhv"]);
  });

  it("limits nesting depth, including self-referencing objects", () => {
    let deep: Record<string, unknown> = ok;
    for (let i = 0; i < MAX_DEPTH + 5; i++) deep = { op: "and", rules: [deep] };
    expect(issuesOf(deep).some((i) => /nested too deeply/.test(i.message))).toBe(true);
    const cyclic: { op: string; rules: unknown[] } = { op: "and", rules: [] };
    cyclic.rules.push(cyclic);
    expect(() => compile(cyclic)).toThrow(RuleCompileError);
    let fine: Record<string, unknown> = ok;
    for (let i = 0; i < MAX_DEPTH; i++) fine = { op: "and", rules: [fine] };
    expect(issuesOf(fine)).toEqual([]);
  });

  it("prefixes paths so issues point into the whole flow document", () => {
    expect(validateRuleSet({ op: "and", rules: [{ lhv: "x", op: "bad" }] }, { pathPrefix: "steps.2.rule_set" })).toEqual([
      { path: "steps.2.rule_set.rules.0.op", message: 'Unknown operator "bad"' },
    ]);
    expect(() => compile({ lhv: "x", op: "bad" }, { pathPrefix: "acceptance_criteria" })).toThrow(
      /acceptance_criteria\.op: Unknown operator "bad"/,
    );
  });

  it("RuleCompileError carries the issues and a readable message", () => {
    try {
      compile({ op: "and", rules: [{ lhv: "x", op: "is equal to" }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleCompileError);
      expect(e).toBeInstanceOf(Error);
      const err = e as RuleCompileError;
      expect(err.name).toBe("RuleCompileError");
      expect(err.issues).toEqual([{ path: "rules.0.rhv", message: 'rhv is required for "is equal to"' }]);
      expect(err.message).toBe('Invalid rule set: rules.0.rhv: rhv is required for "is equal to"');
    }
  });
});

describe("non-strict compile (stored documents)", () => {
  const lenient = (json: unknown) => compile(json, { strict: false });

  it("tolerates what evaluation can handle", () => {
    expect(() => lenient({ op: "and", rules: [{ lhv: "x", op: "bogus", rhv: 1 }] })).not.toThrow();
    expect(() => lenient({ lhv: "{{nosuchhelper x}}", op: "is blank" })).not.toThrow();
    expect(() => lenient({ lhv: "x", op: "matches pattern", rhv: "/(/" })).not.toThrow();
    expect(() => lenient({ lhv: "x", op: "is between", rhv: "junk" })).not.toThrow();
    expect(() => lenient({ lhv: "x", op: "is equal to" })).not.toThrow();
    expect(lenient({ op: "AND", rules: [{ lhv: "x", op: "is blank" }] })({})).toBeNull();
    expect(lenient({ rules: [{ lhv: "x", op: "is not blank" }] })({})).toBe("x must not be blank");
  });

  it("still rejects structural garbage", () => {
    for (const bad of [5, "x", [1], { op: "and", rules: {} }, { op: "xor", rules: [] }, { lhv: 5, op: "is blank" }, { lhv: "x" }]) {
      expect(() => lenient(bad), JSON.stringify(bad)).toThrow(RuleCompileError);
    }
  });
});
