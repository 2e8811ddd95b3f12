// Operator semantics of spec 02 §4–§5, one describe per operator family.
import { describe, expect, it } from "vitest";
import { compile, OPERATORS, BINARY_OPERATORS, UNARY_OPERATORS, isBinaryOperator } from "@/lib/rules";

const ABSENT = Symbol("absent");

/** Does `lead.x <op> rhv` pass, with `lead.x` set to `value` (or absent)? */
function passes(value: unknown, op: string, rhv?: unknown, extra?: Record<string, unknown>): boolean {
  const lead: Record<string, unknown> = {};
  if (value !== ABSENT) lead.x = value;
  const rule = rhv === undefined ? { lhv: "lead.x", op } : { lhv: "lead.x", op, rhv };
  return compile(rule, { strict: false, ...extra })({ lead }) === null;
}

const typed = (normal: unknown, more: Record<string, unknown> = {}) => ({
  normal,
  raw: typeof normal === "string" ? normal : String(normal),
  valid: true,
  ...more,
});
const range = (normal: string, min: number | null, max: number | null) => {
  const avg = min !== null && max !== null ? Math.round(((min + max) / 2) * 100) / 100 : null;
  return { normal, raw: normal, valid: true, min, max, avg, mid: avg === null ? null : Math.trunc(avg) };
};
const date = (ymd: string) => ({ normal: ymd, raw: ymd, valid: true });
const time = (iso: string) => ({ normal: iso, raw: iso, valid: true });
const state = typed("TX", { name: "Texas", raw: "texas" });
const bool = (b: boolean) => ({ normal: b, raw: String(b), valid: true });

describe("OPERATORS table", () => {
  it("lists the 14 binary and 10 unary operators of spec 02 §1 with their arity", () => {
    expect(BINARY_OPERATORS).toHaveLength(14);
    expect(UNARY_OPERATORS).toHaveLength(10);
    expect(OPERATORS).toHaveLength(24);
    for (const o of OPERATORS) expect(o.arity).toBe(isBinaryOperator(o.op) ? "binary" : "unary");
    expect(OPERATORS.find((o) => o.op === "includes")?.mustPhrase).toBe("must include");
    expect(OPERATORS.find((o) => o.op === "format is invalid")?.mustPhrase).toBe("must be invalid");
    expect(OPERATORS.find((o) => o.op === "is not between")?.mustPhrase).toBe("must not be between");
  });
});

describe("is equal to / is not equal to", () => {
  it("1. blanks: both blank → equal; exactly one blank → not equal", () => {
    expect(passes(ABSENT, "is equal to", "")).toBe(true);
    expect(passes("  ", "is equal to", "")).toBe(true);
    expect(passes(null, "is equal to", [])).toBe(true);
    expect(passes(typed("", { raw: "  " }), "is equal to", "")).toBe(true);
    expect(passes(ABSENT, "is equal to", "TX")).toBe(false);
    expect(passes("TX", "is equal to", "")).toBe(false);
    expect(passes(ABSENT, "is not equal to", "TX")).toBe(true);
    expect(passes(ABSENT, "is not equal to", "")).toBe(false);
  });

  it("numbers and booleans are never blank", () => {
    expect(passes(0, "is equal to", "")).toBe(false);
    expect(passes(false, "is equal to", "")).toBe(false);
  });

  it("is case-insensitive and trims", () => {
    expect(passes("TEST", "is equal to", "test")).toBe(true);
    expect(passes(" Test ", "is equal to", "tEsT")).toBe(true);
    expect(passes(state, "is equal to", "tx")).toBe(true);
    expect(passes(state, "is equal to", "Texas")).toBe(false); // normal is the code
  });

  it("2. arrays: same length, sorted by text, pairwise equal", () => {
    expect(passes(["Solar", "Roofing"], "is equal to", ["roofing", "solar"])).toBe(true);
    expect(passes(["Solar", "Roofing"], "is equal to", ["roofing"])).toBe(false);
    expect(passes(["Solar", "Roofing"], "is equal to", ["roofing", "hvac"])).toBe(false);
    expect(passes([1, 2], "is equal to", ["2", "1"])).toBe(true);
  });

  it("3. array vs scalar: any element", () => {
    expect(passes(["Solar", "Roofing"], "is equal to", "roofing")).toBe(true);
    expect(passes(["Solar", "Roofing"], "is equal to", "hvac")).toBe(false);
    expect(passes("CA", "is equal to", ["TX", "ca"])).toBe(true);
    expect(passes("NV", "is equal to", ["TX", "ca"])).toBe(false);
    expect(passes(["Solar"], "is not equal to", "solar")).toBe(false);
  });

  it("4. range-typed lhv: min and max must match; a number equals only a single-number range", () => {
    const cs = range("700-749", 700, 749);
    expect(passes(cs, "is equal to", "700 - 749")).toBe(true);
    expect(passes(cs, "is equal to", "700 to 749")).toBe(true);
    expect(passes(cs, "is equal to", [700, 749])).toBe(false); // array rhv: any element (step 3)
    expect(passes(cs, "is equal to", "700-750")).toBe(false);
    expect(passes(cs, "is equal to", 724.5)).toBe(false);
    expect(passes(range("10", 10, 10), "is equal to", 10)).toBe(true);
    expect(passes(range("10", 10, 10), "is equal to", "10")).toBe(true);
    expect(passes(range("10+", 10, null), "is equal to", "10+")).toBe(true);
    expect(passes(range("10+", 10, null), "is equal to", "10")).toBe(false);
    expect(passes(cs, "is equal to", "junk")).toBe(false);
  });

  it("5. date/dob/time-typed lhv: rhv parsed with the same type, normals compared", () => {
    expect(passes(date("2024-01-15"), "is equal to", "1/15/2024")).toBe(true);
    expect(passes(date("2024-01-15"), "is equal to", "2024-01-15")).toBe(true);
    expect(passes(date("2024-01-15"), "is equal to", "2024-01-16")).toBe(false);
    expect(passes(date("2024-01-15"), "is equal to", "garbage")).toBe(false);
    expect(passes(time("2024-01-15T15:00:00.000Z"), "is equal to", "2024-01-15T15:00:00Z")).toBe(true);
    expect(passes(time("2024-01-15T15:00:00.000Z"), "is equal to", "2024-01-15T09:00:00-06:00")).toBe(true);
    const dob = { normal: "1984-06-02", raw: "6/2/84", valid: true, year: 1984, age: 40.3 };
    expect(passes(dob, "is equal to", "06/02/1984")).toBe(true);
  });

  it("6. a number on either side and a finite number on the other → numeric equality", () => {
    expect(passes(typed(50000), "is equal to", "50000")).toBe(true);
    expect(passes(typed(50000), "is equal to", "$50,000")).toBe(true);
    expect(passes(123, "is equal to", "123")).toBe(true);
    expect(passes("123.0", "is equal to", 123)).toBe(true);
    expect(passes(typed(1.5), "is equal to", "1.50")).toBe(true);
    expect(passes(typed(50000), "is equal to", "TX")).toBe(false);
  });

  it("two plain strings compare as text, never numerically (protects postal codes)", () => {
    expect(passes("01234", "is equal to", "1234")).toBe(false);
    expect(passes("01234", "is equal to", "01234")).toBe(true);
    expect(passes(typed("01234", { zip: "01234", four: null }), "is equal to", "1234")).toBe(false);
  });

  it("7. booleans: symmetric conversion", () => {
    expect(passes(bool(true), "is equal to", "yes")).toBe(true);
    expect(passes(bool(true), "is equal to", "Y")).toBe(true);
    expect(passes(bool(false), "is equal to", "no")).toBe(true);
    expect(passes(bool(false), "is equal to", "yes")).toBe(false);
    expect(passes("yes", "is equal to", true)).toBe(true);
    expect(passes("1", "is equal to", true)).toBe(true);
    expect(passes(true, "is equal to", "true")).toBe(true);
    expect(passes("maybe", "is equal to", true)).toBe(false);
    expect(passes({ normal: false, raw: "asdf", valid: false }, "is equal to", false)).toBe(false);
  });

  it("a comma in an is-equal-to rhv is literal", () => {
    expect(passes("TX", "is equal to", "TX,CA")).toBe(false);
    expect(passes("TX,CA", "is equal to", "tx,ca")).toBe(true);
  });

  it("is not equal to is the exact negation", () => {
    const cases: Array<[unknown, unknown]> = [
      ["TX", "tx"],
      [ABSENT, "TX"],
      [typed(5), "5"],
      [["a", "b"], ["b", "a"]],
      [range("1-2", 1, 2), "1-2"],
      [bool(true), "no"],
    ];
    for (const [l, r] of cases) expect(passes(l, "is not equal to", r)).toBe(!passes(l, "is equal to", r));
  });
});

describe("is less than / is greater than (or equal)", () => {
  it("compares num() of both sides", () => {
    expect(passes(typed(50000), "is greater than", "40000")).toBe(true);
    expect(passes(typed(50000), "is greater than", 50000)).toBe(false);
    expect(passes(typed(50000), "is greater than or equal to", 50000)).toBe(true);
    expect(passes(typed(50000), "is less than", "$60,000")).toBe(true);
    expect(passes(typed(50000), "is less than or equal to", "50000")).toBe(true);
    expect(passes("0915", "is greater than", 900)).toBe(true);
    expect(passes("$1,000", "is less than", "1001")).toBe(true);
  });

  it("ranges use avg, or min when open-ended", () => {
    expect(passes(range("700-749", 700, 749), "is greater than", 724)).toBe(true);
    expect(passes(range("700-749", 700, 749), "is greater than", 725)).toBe(false);
    expect(passes(range("10+", 10, null), "is greater than or equal to", 10)).toBe(true);
    expect(passes(range("10+", 10, null), "is greater than", 10)).toBe(false);
  });

  it("postal codes compare by zip", () => {
    const zip = { normal: "90210-1234", raw: "90210-1234", valid: true, zip: "90210", four: "1234", country_code: "US" };
    expect(passes(zip, "is greater than", 90000)).toBe(true);
    expect(passes(zip, "is less than", "90000")).toBe(false);
  });

  it("dates: rhv parsed with the lhv's date type", () => {
    expect(passes(date("2024-01-15"), "is greater than", "2024-01-01")).toBe(true);
    expect(passes(date("2024-01-15"), "is less than", "1/20/2024")).toBe(true);
    expect(passes(date("2024-01-15"), "is less than", "1/10/2024")).toBe(false);
    expect(passes(time("2024-01-15T15:00:00.000Z"), "is greater than", "2024-01-15T14:59:59Z")).toBe(true);
    expect(passes(time("2024-01-15T15:00:00.000Z"), "is greater than", "2024-01-16")).toBe(false);
  });

  it("a plain ISO timestamp string (submission.timestamp) compares as a time", () => {
    const vars = { submission: { timestamp: "2024-01-15T15:00:00.000Z" } };
    const gt = compile({ lhv: "submission.timestamp", op: "is greater than", rhv: "2024-01-01" });
    expect(gt(vars)).toBeNull();
    const lt = compile({ lhv: "timestamp", op: "is less than", rhv: "2024-01-01" });
    expect(lt(vars)).toBe("Submission Timestamp must be less than 2024-01-01");
  });

  it("NaN on either side (blank, text) → false for every comparison", () => {
    for (const op of ["is less than", "is less than or equal to", "is greater than", "is greater than or equal to"]) {
      expect(passes(ABSENT, op, 5)).toBe(false);
      expect(passes("abc", op, 5)).toBe(false);
      expect(passes(typed(5), op, "abc")).toBe(false);
      expect(passes(true, op, 0)).toBe(false);
      expect(passes(["1"], op, 0)).toBe(false);
    }
  });
});

describe("is between / is not between", () => {
  it("inclusive bounds; not between is outside, exclusive", () => {
    expect(passes(typed(600), "is between", "600-750")).toBe(true);
    expect(passes(typed(750), "is between", "600 to 750")).toBe(true);
    expect(passes(typed(751), "is between", "600-750")).toBe(false);
    expect(passes(typed(600), "is not between", "600-750")).toBe(false);
    expect(passes(typed(599.99), "is not between", "600-750")).toBe(true);
    expect(passes(typed(751), "is not between", "600-750")).toBe(true);
  });

  it("array [min, max], open-ended and reversed bounds", () => {
    expect(passes(5, "is between", [1, 10])).toBe(true);
    expect(passes(5, "is between", ["10", "1"])).toBe(true);
    expect(passes(500, "is between", "10+")).toBe(true);
    expect(passes(5, "is between", "10+")).toBe(false);
    expect(passes(5000, "is not between", "10+")).toBe(false);
    expect(passes("$1,200", "is between", "$1,000 to $2,000")).toBe(true);
  });

  it("ranges use avg; day-parting strings like 0830-1645", () => {
    expect(passes(range("700-749", 700, 749), "is between", "720-730")).toBe(true);
    expect(passes("0900", "is between", "0830-1645")).toBe(true);
    expect(passes("0800", "is between", "0830-1645")).toBe(false);
    expect(passes("1645", "is between", "0830-1645")).toBe(true);
  });

  it("dates against ISO-date bounds", () => {
    expect(passes(date("2024-01-15"), "is between", "2024-01-01 to 2024-01-31")).toBe(true);
    expect(passes(date("2024-02-15"), "is between", ["2024-01-01", "2024-01-31"])).toBe(false);
    expect(passes(date("2024-02-15"), "is not between", ["2024-01-01", "2024-01-31"])).toBe(true);
  });

  it("blank lhv or unparseable range → both operators false", () => {
    for (const op of ["is between", "is not between"]) {
      expect(passes(ABSENT, op, "18-65")).toBe(false);
      expect(passes("abc", op, "18-65")).toBe(false);
      expect(passes(30, op, "eighteen to sixty")).toBe(false);
      expect(passes(30, op, [1, 2, 3])).toBe(false);
    }
  });
});

describe("is included in / is not included in", () => {
  it("string lists split on commas, trimmed, case-insensitive", () => {
    expect(passes(state, "is included in", "TX,CA,NY")).toBe(true);
    expect(passes(state, "is included in", " ca , tx ")).toBe(true);
    expect(passes(state, "is included in", "CA,NY")).toBe(false);
    expect(passes("tx", "is included in", ["TX", "CA"])).toBe(true);
  });

  it("double-quoted items may contain commas", () => {
    expect(passes("Austin, TX", "is included in", '"Austin, TX",Dallas')).toBe(true);
    expect(passes("Dallas", "is included in", '"Austin, TX", Dallas')).toBe(true);
    expect(passes("Austin", "is included in", '"Austin, TX",Dallas')).toBe(false);
  });

  it("uses equality semantics: numeric-aware, ranges, booleans", () => {
    expect(passes(typed(3), "is included in", "1,2,3")).toBe(true);
    expect(passes(3, "is included in", ["1", "3"])).toBe(true);
    expect(passes("03", "is included in", "1,3")).toBe(false); // plain strings stay text
    expect(passes(range("700-749", 700, 749), "is included in", ["600-699", "700-749"])).toBe(true);
    expect(passes(bool(true), "is included in", "yes,maybe")).toBe(true);
  });

  it("array lhv: any element included", () => {
    expect(passes(["Solar", "Roofing"], "is included in", "hvac,roofing")).toBe(true);
    expect(passes(["Solar", "Roofing"], "is included in", "hvac")).toBe(false);
  });

  it("blank lhv: not included (so 'not included in' passes)", () => {
    expect(passes(ABSENT, "is included in", "TX,CA")).toBe(false);
    expect(passes(ABSENT, "is not included in", "TX,CA")).toBe(true);
    expect(passes([], "is included in", "TX")).toBe(false);
  });

  it("is not included in is the exact negation", () => {
    for (const [l, r] of [
      [state, "TX,CA"],
      ["NV", ["TX"]],
      [["a", "b"], "b"],
      [ABSENT, "x"],
    ] as Array<[unknown, unknown]>) {
      expect(passes(l, "is not included in", r)).toBe(!passes(l, "is included in", r));
    }
  });
});

describe("includes / does not include", () => {
  it("scalar lhv: case-insensitive substring; a string rhv is not split", () => {
    expect(passes(typed("ann@gmail.com"), "includes", "@GMAIL")).toBe(true);
    expect(passes(typed("5127891111"), "includes", "789")).toBe(true);
    expect(passes(5127891111, "includes", 789)).toBe(true);
    expect(passes("Austin, TX", "includes", "austin, tx")).toBe(true);
    expect(passes("Austin", "includes", "austin,dallas")).toBe(false);
  });

  it("array rhv: any item", () => {
    expect(passes("ann@yahoo.com", "includes", ["gmail", "yahoo"])).toBe(true);
    expect(passes("ann@aol.com", "includes", ["gmail", "yahoo"])).toBe(false);
  });

  it("array lhv: element equality, not substring", () => {
    expect(passes(["Solar", "Roofing"], "includes", "solar")).toBe(true);
    expect(passes(["Solar", "Roofing"], "includes", "sol")).toBe(false);
    expect(passes(["Solar", "Roofing"], "includes", ["hvac", "ROOFING"])).toBe(true);
    expect(passes([1, 2], "includes", "2")).toBe(true);
  });

  it("blank lhv or blank rhv → includes false, does not include true", () => {
    expect(passes(ABSENT, "includes", "x")).toBe(false);
    expect(passes(ABSENT, "does not include", "x")).toBe(true);
    expect(passes("abc", "includes", "")).toBe(false);
    expect(passes("abc", "does not include", "")).toBe(true);
    expect(passes("abc", "includes", ["", " "])).toBe(false);
  });
});

describe("matches pattern / does not match pattern", () => {
  it("globs: anchored, * and ?, case-insensitive, everything else literal", () => {
    expect(passes(typed("5127891111"), "matches pattern", "512*")).toBe(true);
    expect(passes(typed("5137891111"), "matches pattern", "512*")).toBe(false);
    expect(passes("ann@gmail.com", "matches pattern", "*@GMAIL.COM")).toBe(true);
    expect(passes("ann@gmail.com", "matches pattern", "*gmail*")).toBe(true);
    expect(passes("ann@gmail.com", "matches pattern", "a*@*.com")).toBe(true);
    expect(passes("abc", "matches pattern", "a?c")).toBe(true);
    expect(passes("abbc", "matches pattern", "a?c")).toBe(false);
    expect(passes("a.c", "matches pattern", "a.c")).toBe(true);
    expect(passes("abc", "matches pattern", "a.c")).toBe(false); // . is literal in a glob
    expect(passes("a+b(c)", "matches pattern", "a+b(*)")).toBe(true);
    expect(passes("x512", "matches pattern", "512*")).toBe(false); // anchored
    expect(passes("TX", "matches pattern", "tx")).toBe(true);
  });

  it("regex /body/flags, i always added; g/y flags do not make it stateful", () => {
    expect(passes(typed("5127891111"), "matches pattern", "/^5\\d\\d789/")).toBe(true);
    expect(passes("ABC", "matches pattern", "/^abc$/")).toBe(true);
    expect(passes("xabcx", "matches pattern", "/abc/")).toBe(true); // regexes are not anchored
    const rule = compile({ lhv: "lead.x", op: "matches pattern", rhv: "/abc/g" });
    for (let i = 0; i < 3; i++) expect(rule({ lead: { x: "abc" } })).toBeNull();
  });

  it("array lhv: any element; array rhv: any pattern", () => {
    expect(passes(["x", "5125551234"], "matches pattern", "512*")).toBe(true);
    expect(passes("5125551234", "matches pattern", ["737*", "512*"])).toBe(true);
  });

  it("blank lhv → matches false, does not match true", () => {
    expect(passes(ABSENT, "matches pattern", "*")).toBe(false);
    expect(passes(ABSENT, "does not match pattern", "512*")).toBe(true);
  });

  it("an invalid regex makes both operators false (non-strict)", () => {
    expect(passes("abc", "matches pattern", "/(/")).toBe(false);
    expect(passes("abc", "does not match pattern", "/(/")).toBe(false);
    expect(passes("abc", "does not match pattern", "/a/q")).toBe(false);
  });

  it("does not match pattern negates a valid pattern", () => {
    expect(passes("5127891111", "does not match pattern", "512*")).toBe(false);
    expect(passes("7377891111", "does not match pattern", "512*")).toBe(true);
  });
});

describe("is blank / is not blank", () => {
  it("follows blank(v)", () => {
    const blanks = [ABSENT, null, "", "   ", [], ["", null], typed("", { raw: " " }), { normal: "x", raw: "" }];
    const nonBlanks = [0, false, "a", ["a"], typed("TX"), { normal: 5, valid: true }, {}];
    for (const v of blanks) {
      expect(passes(v, "is blank")).toBe(true);
      expect(passes(v, "is not blank")).toBe(false);
    }
    for (const v of nonBlanks) {
      expect(passes(v, "is blank")).toBe(false);
      expect(passes(v, "is not blank")).toBe(true);
    }
  });
});

describe("is true / is not true / is false / is not false", () => {
  it("uses bool(v)", () => {
    for (const v of [true, bool(true), "yes", "Y", " TRUE ", "t", 1, "1"]) {
      expect(passes(v, "is true")).toBe(true);
      expect(passes(v, "is not true")).toBe(false);
      expect(passes(v, "is false")).toBe(false);
      expect(passes(v, "is not false")).toBe(true);
    }
    for (const v of [false, bool(false), "no", "N", "false", "f", 0, "0"]) {
      expect(passes(v, "is false")).toBe(true);
      expect(passes(v, "is not false")).toBe(false);
      expect(passes(v, "is true")).toBe(false);
    }
  });

  it("blank and non-boolean values are neither true nor false", () => {
    for (const v of [ABSENT, "", "maybe", 50, { normal: false, raw: "asdf", valid: false }, typed("yes")]) {
      expect(passes(v, "is true")).toBe(false);
      expect(passes(v, "is false")).toBe(false);
      expect(passes(v, "is not true")).toBe(true);
      expect(passes(v, "is not false")).toBe(true);
    }
  });
});

describe("format is valid / format is invalid", () => {
  it("valid when not blank and valid is true or absent; invalid only when valid is false", () => {
    expect(passes(typed("ann@x.com"), "format is valid")).toBe(true);
    expect(passes("plain", "format is valid")).toBe(true);
    expect(passes({ normal: "x", raw: "x", valid: false }, "format is valid")).toBe(false);
    expect(passes({ normal: "x", raw: "x", valid: false }, "format is invalid")).toBe(true);
    expect(passes(typed("ann@x.com"), "format is invalid")).toBe(false);
    expect(passes("plain", "format is invalid")).toBe(false);
  });

  it("blank is neither valid nor invalid", () => {
    expect(passes(ABSENT, "format is valid")).toBe(false);
    expect(passes(ABSENT, "format is invalid")).toBe(false);
    expect(passes({ normal: "", raw: "", valid: false }, "format is invalid")).toBe(false);
  });

  it("arrays: valid when every element is, invalid when any is", () => {
    const bad = { normal: "x", raw: "x", valid: false };
    expect(passes([typed("a"), typed("b")], "format is valid")).toBe(true);
    expect(passes([typed("a"), bad], "format is valid")).toBe(false);
    expect(passes([typed("a"), bad], "format is invalid")).toBe(true);
  });
});

describe("is obscene / is not obscene", () => {
  it("whole words from the shipped list, case-insensitive", () => {
    expect(passes("Holy SHIT", "is obscene")).toBe(true);
    expect(passes(typed("fuck off"), "is obscene")).toBe(true);
    expect(passes("Kill yourself now", "is obscene")).toBe(true); // phrase
    expect(passes("shit-head", "is obscene")).toBe(true);
    expect(passes("Cassandra Dickens", "is obscene")).toBe(false); // not whole words
    expect(passes("Scunthorpe", "is obscene")).toBe(false);
    expect(passes("Ann", "is not obscene")).toBe(true);
    expect(passes(["Ann", "bitch"], "is obscene")).toBe(true);
  });

  it("blank is not obscene", () => {
    expect(passes(ABSENT, "is obscene")).toBe(false);
    expect(passes(ABSENT, "is not obscene")).toBe(true);
  });

  it("account additions extend the default list", () => {
    const obsceneWords = ["frak", "smeg head"];
    expect(passes("Frak you", "is obscene", undefined, { obsceneWords })).toBe(true);
    expect(passes("you smeg  head", "is obscene", undefined, { obsceneWords })).toBe(true);
    expect(passes("Frak you", "is obscene")).toBe(false);
    expect(passes("shit", "is obscene", undefined, { obsceneWords })).toBe(true);
  });
});
