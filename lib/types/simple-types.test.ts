import { describe, expect, it } from "vitest";
import { parseBoolean, toBoolean } from "./boolean";
import { parseGender } from "./gender";
import { parseNumber, toNumber } from "./number";
import { parseSsn } from "./ssn";
import { parseState } from "./state";
import { parseStreet } from "./street";
import { parseCredential, parseString, parseText } from "./text";

describe("boolean", () => {
  for (const v of ["true", "t", "yes", "y", "1", "TRUE", "Yes", "  TRUE ", "t.", "Y!", true, 1]) {
    it(`${JSON.stringify(v)} -> true`, () => expect(parseBoolean(v)).toEqual({ normal: true, raw: v, valid: true }));
  }
  for (const v of ["false", "f", "no", "n", "0", "FALSE", " No ", "N/", false, 0]) {
    it(`${JSON.stringify(v)} -> false`, () => expect(parseBoolean(v)).toEqual({ normal: false, raw: v, valid: true }));
  }
  for (const v of ["50", "asdf", "", "truee", 2, -1, NaN, {}, []]) {
    it(`${JSON.stringify(v)} -> invalid false`, () => expect(parseBoolean(v)).toEqual({ normal: false, raw: v, valid: false }));
  }
  it("toBoolean gives undefined for anything else", () => {
    expect(toBoolean("maybe")).toBeUndefined();
    expect(toBoolean("x".repeat(100_000))).toBeUndefined();
  });
});

describe("number", () => {
  const cases: Array<[unknown, number]> = [
    ["$1,100 per month", 1100],
    ["9,998.99", 9998.99],
    ["$100.99", 100.99],
    ["0915", 915],
    ["-42", -42],
    ["  7 ", 7],
    [12.5, 12.5],
    [0, 0],
    [-3, -3],
  ];
  for (const [input, n] of cases) {
    it(`${JSON.stringify(input)} -> ${n}`, () => expect(parseNumber(input)).toEqual({ normal: n, raw: input, valid: true }));
  }
  for (const v of ["abc", "-", ".", "", true, false, [1], {}, Infinity, NaN]) {
    it(`${String(v)} -> invalid NaN`, () => {
      const p = parseNumber(v);
      expect(p.valid).toBe(false);
      expect(p.normal).toBeNaN();
      expect(p.raw).toBe(v);
      // stored as null
      expect(JSON.parse(JSON.stringify(p)).normal).toBeNull();
    });
  }
  it("toNumber is the lenient reading used by rules", () => {
    expect(toNumber("$1,000")).toBe(1000);
    expect(toNumber("n/a")).toBeNaN();
  });
});

describe("string and text types", () => {
  it("string is a plain trimmed string", () => {
    expect(parseString("  hello  ")).toBe("hello");
    expect(parseString(42)).toBe("42");
    expect(parseString(true)).toBe("true");
    expect(parseString({ a: 1 })).toBe('{"a":1}');
  });
  it("string never throws on cyclic objects", () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(typeof parseString(o)).toBe("string");
  });
  it("first_name, last_name, city keep the trimmed text and are valid for strings", () => {
    expect(parseText("  Ann ")).toEqual({ normal: "Ann", raw: "  Ann ", valid: true });
    expect(parseText("o'BRIEN")).toEqual({ normal: "o'BRIEN", raw: "o'BRIEN", valid: true });
    expect(parseText(12)).toEqual({ normal: "12", raw: 12, valid: false });
  });
  it("credential is always valid", () => {
    expect(parseCredential(" s3cret ")).toEqual({ normal: "s3cret", raw: " s3cret ", valid: true });
    expect(parseCredential(1234).valid).toBe(true);
  });
});

describe("state", () => {
  const cases: Array<[string, string, string]> = [
    ["texas", "TX", "Texas"],
    ["TX", "TX", "Texas"],
    ["tx", "TX", "Texas"],
    ["TEXAS", "TX", "Texas"],
    [" New  York ", "NY", "New York"],
    ["on", "ON", "Ontario"],
    ["Ontario", "ON", "Ontario"],
    ["Quebec", "QC", "Quebec"],
    ["district of columbia", "DC", "District of Columbia"],
    ["Washington, D.C.", "DC", "District of Columbia"],
    ["pr", "PR", "Puerto Rico"],
    ["Guam", "GU", "Guam"],
    ["vi", "VI", "U.S. Virgin Islands"],
    ["as", "AS", "American Samoa"],
    ["mp", "MP", "Northern Mariana Islands"],
    ["fm", "FM", "Federated States of Micronesia"],
    ["mh", "MH", "Marshall Islands"],
    ["pw", "PW", "Palau"],
    ["yt", "YT", "Yukon"],
    ["Newfoundland and Labrador", "NL", "Newfoundland and Labrador"],
  ];
  for (const [input, code, name] of cases) {
    it(`${input} -> ${code}`, () => expect(parseState(input)).toEqual({ normal: code, raw: input, valid: true, name }));
  }
  for (const input of ["Île-de-France", "DX", "Dexus"]) {
    it(`unknown ${input} stays as is and valid`, () => {
      expect(parseState(input)).toEqual({ normal: input, raw: input, valid: true, name: input });
    });
  }
  it("unknown values are trimmed", () => {
    expect(parseState("  Bavaria ")).toEqual({ normal: "Bavaria", raw: "  Bavaria ", valid: true, name: "Bavaria" });
  });
  it("ships all 50 states, DC, 8 territories and 13 Canadian provinces/territories", async () => {
    const { STATES } = await import("./state");
    expect(Object.keys(STATES)).toHaveLength(50 + 1 + 8 + 13);
  });
});

describe("street", () => {
  it("splits the first token off as the number", () => {
    expect(parseStreet("4203 Guadalupe St")).toEqual({
      normal: "4203 Guadalupe St", raw: "4203 Guadalupe St", valid: true, number: "4203", name: "Guadalupe St",
    });
    expect(parseStreet("  12B   Main  Street ")).toMatchObject({ normal: "12B   Main  Street", number: "12B", name: "Main  Street" });
  });
  it("a single token is invalid", () => {
    expect(parseStreet("Asdf")).toEqual({ normal: "Asdf", raw: "Asdf", valid: false });
  });
});

describe("gender", () => {
  const cases: Array<[string, string, string]> = [
    ["m", "male", "M"], ["M", "male", "M"], ["male", "male", "M"], [" Male ", "male", "M"],
    ["f", "female", "F"], ["FEMALE", "female", "F"], ["o", "other", "O"], ["Other", "other", "O"],
  ];
  for (const [input, normal, abbr] of cases) {
    it(`${input} -> ${normal}`, () => expect(parseGender(input)).toEqual({ normal, raw: input, valid: true, abbr }));
  }
  it("others are invalid with a null abbr", () => {
    expect(parseGender("x")).toEqual({ normal: "x", raw: "x", valid: false, abbr: null });
    expect(parseGender("males")).toMatchObject({ valid: false, abbr: null });
  });
});

describe("ssn", () => {
  it("keeps 9 digits and splits them", () => {
    expect(parseSsn("123-45-6789")).toEqual({
      normal: "123456789", raw: "123-45-6789", valid: true, first_three: "123", middle_two: "45", last_four: "6789",
    });
    expect(parseSsn(" 123 45 6789 ").normal).toBe("123456789");
    expect(parseSsn(123456789).valid).toBe(true);
  });
  it("other lengths are invalid", () => {
    expect(parseSsn("12345678")).toEqual({ normal: "12345678", raw: "12345678", valid: false });
    expect(parseSsn("1234567890").valid).toBe(false);
    expect(parseSsn("***-**-6789").valid).toBe(false);
  });
});
