// Labels, generated reasons, the plain-language preview and the last-match (pricing) helpers.
import { describe, expect, it } from "vitest";
import { compileLastMatch, describeRuleSet, labelFor, lastMatch, reasonFor } from "@/lib/rules";

const fieldNames = { state: "State", email: "Email", phone_1: "Phone 1", "mortgage.loan.amount": "Loan Amount" };

describe("labelFor", () => {
  it("uses the field display name for lead.<id> and bare <id>", () => {
    expect(labelFor("lead.state", fieldNames)).toBe("State");
    expect(labelFor("state", fieldNames)).toBe("State");
    expect(labelFor(" state ", fieldNames)).toBe("State");
    expect(labelFor("lead.mortgage.loan.amount", fieldNames)).toBe("Loan Amount");
  });

  it("keeps the lhv as written otherwise", () => {
    expect(labelFor("lead.email.is_free", fieldNames)).toBe("lead.email.is_free");
    expect(labelFor("lead.state", undefined)).toBe("lead.state");
    expect(labelFor("{{lead.state}}", fieldNames)).toBe("{{lead.state}}");
    expect(labelFor("constructor", fieldNames)).toBe("constructor"); // own properties only
  });

  it("names submission.timestamp", () => {
    expect(labelFor("submission.timestamp")).toBe("Submission Timestamp");
    expect(labelFor("timestamp")).toBe("Submission Timestamp");
  });
});

describe("reasonFor", () => {
  const cases: Array<[string, unknown, string]> = [
    ["is equal to", "TX", "State must be equal to TX"],
    ["is not equal to", "TX", "State must not be equal to TX"],
    ["is less than", 5, "State must be less than 5"],
    ["is less than or equal to", 5, "State must be less than or equal to 5"],
    ["is greater than", 5, "State must be greater than 5"],
    ["is greater than or equal to", 5, "State must be greater than or equal to 5"],
    ["is between", "1-2", "State must be between 1-2"],
    ["is not between", [1, 2], "State must not be between 1, 2"],
    ["is included in", ["ca", "ny"], "State must be included in ca, ny"],
    ["is not included in", "CA,NY", "State must not be included in CA,NY"],
    ["includes", "x", "State must include x"],
    ["does not include", "x", "State must not include x"],
    ["matches pattern", "5*", "State must match pattern 5*"],
    ["does not match pattern", "5*", "State must not match pattern 5*"],
    ["is blank", undefined, "State must be blank"],
    ["is not blank", undefined, "State must not be blank"],
    ["is true", undefined, "State must be true"],
    ["is not true", undefined, "State must not be true"],
    ["is false", undefined, "State must be false"],
    ["is not false", undefined, "State must not be false"],
    ["format is valid", undefined, "State must be valid"],
    ["format is invalid", undefined, "State must be invalid"],
    ["is obscene", undefined, "State must be obscene"],
    ["is not obscene", undefined, "State must not be obscene"],
    ["is equal to", true, "State must be equal to true"],
  ];
  it.each(cases)("%s %j", (op, rhv, expected) => {
    expect(reasonFor({ lhv: "state", op, rhv }, fieldNames)).toBe(expected);
  });

  it("unknown operators and junk", () => {
    expect(reasonFor({ lhv: "state", op: "resembles" })).toBe('Unknown operator "resembles"');
    expect(reasonFor(null)).toBe("Invalid rule");
  });
});

describe("describeRuleSet", () => {
  it("reads like a sentence with field names", () => {
    const set = {
      op: "and",
      rules: [
        { lhv: "state", op: "is included in", rhv: "CA, TX,FL" },
        { op: "or", rules: [{ lhv: "email", op: "is not blank" }, { lhv: "lead.phone_1", op: "is not blank" }] },
        { lhv: "credit_score", op: "is between", rhv: [600, 750] },
      ],
    };
    expect(describeRuleSet(set, fieldNames)).toBe(
      "State is one of CA, TX, FL AND (Email is not blank OR Phone 1 is not blank) AND credit_score is between 600 and 750",
    );
  });

  it("rule_set after a rule, single-rule sets, empty sets", () => {
    const rule = {
      lhv: "email",
      op: "format is valid",
      rule_set: { op: "and", rules: [{ lhv: "lead.email.is_free", op: "is false" }] },
    };
    expect(describeRuleSet(rule, fieldNames)).toBe("Email format is valid AND lead.email.is_free is false");
    expect(describeRuleSet({ op: "or", rules: [rule, { lhv: "state", op: "is equal to", rhv: "TX" }] }, fieldNames)).toBe(
      "(Email format is valid AND lead.email.is_free is false) OR State is equal to TX",
    );
    expect(describeRuleSet({ op: "and", rules: [{ op: "or", rules: [{ lhv: "state", op: "is blank" }] }] })).toBe("state is blank");
    expect(describeRuleSet(null)).toBe("Always passes");
    expect(describeRuleSet({ op: "and", rules: [] })).toBe("Always passes");
  });

  it("copes with incomplete rules being edited", () => {
    expect(describeRuleSet({ op: "and", rules: [{ lhv: "", op: "" }, { lhv: "state" }] })).toBe(
      "(no field) (no operator) AND state (no operator)",
    );
  });
});

describe("last match wins (pricing, spec 04 §3)", () => {
  const tx = { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "TX" }] };
  const ca = { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "CA" }] };
  const prices = [
    { id: "p00001", amount: 10, rule_set: null },
    { id: "p00002", amount: 20, rule_set: ca },
    { id: "p00003", amount: 15, rule_set: tx },
  ];
  const lead = (state: string) => ({ lead: { state: { normal: state, raw: state, valid: true } } });

  it("follows the spec 04 §3.4 examples", () => {
    const price = compileLastMatch(prices);
    expect(price(lead("TX"))?.amount).toBe(15);
    expect(price(lead("CA"))?.amount).toBe(20);
    expect(price(lead("NV"))?.amount).toBe(10);
    const pitfall = compileLastMatch([prices[1], prices[2], prices[0]]);
    expect(pitfall(lead("TX"))?.amount).toBe(10);
    expect(lastMatch(prices, lead("TX"))?.amount).toBe(15);
  });

  it("yields nothing when no entry matches, and entries with empty rule sets always match", () => {
    expect(compileLastMatch([prices[1], prices[2]])(lead("NV"))).toBeUndefined();
    expect(compileLastMatch([])(lead("NV"))).toBeUndefined();
    expect(compileLastMatch([{ amount: 1, rule_set: { op: "and", rules: [] } }])(lead("NV"))?.amount).toBe(1);
    expect(compileLastMatch([{ amount: 2 }])(lead("NV"))?.amount).toBe(2);
  });

  it("reports issues with the entry index in the path", () => {
    expect(() =>
      compileLastMatch([{ amount: 1, rule_set: { op: "and", rules: [{ lhv: "x", op: "nope" }] } }], { pathPrefix: "pricing.prices" }),
    ).toThrow(/pricing\.prices\.0\.rule_set\.rules\.0\.op/);
  });
});
