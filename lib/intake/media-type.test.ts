import { describe, expect, it } from "vitest";
import { bestMatch, bodyMediaType, charsetOf, negotiateResponseType } from "@/lib/intake/media-type";

describe("Accept negotiation (spec 07 §1.5.2 table)", () => {
  const table: [string | null, string | null][] = [
    [null, "application/json"],
    ["", "application/json"],
    ["*/*", "application/json"],
    [" */* ", "application/json"],
    ["application/json", "application/json"],
    ["application/json, text/plain, */*", "application/json"],
    ["text/xml", "text/xml"],
    ["application/xml", "application/xml"],
    ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml"],
    ["application/json, application/xml", "application/xml"],
    ["*/*;q=0.8", "text/xml"],
    ["application/*", "application/xml"],
    ["text/plain", null],
    ["text/html", null],
    ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded"],
  ];
  it.each(table)("Accept %j → %j", (accept, expected) => {
    expect(negotiateResponseType(accept)).toBe(expected);
  });

  it("ties go to the alphabetically last type", () => {
    expect(negotiateResponseType("application/json, application/x-www-form-urlencoded")).toBe(
      "application/x-www-form-urlencoded",
    );
    expect(negotiateResponseType("text/xml, application/xml")).toBe("text/xml");
  });

  it("fitness beats q, q beats the alphabet", () => {
    // application/json matches literally (110) with q 0.1; */* gives the others fitness 0.
    expect(negotiateResponseType("application/json;q=0.1, */*")).toBe("application/json");
    expect(negotiateResponseType("application/json;q=0.9, application/xml;q=0.5")).toBe("application/json");
    expect(negotiateResponseType("text/*;q=0.5, application/*;q=0.4")).toBe("text/xml");
  });

  it("q=0 refuses; invalid q counts as 1", () => {
    expect(negotiateResponseType("application/json;q=0")).toBeNull();
    expect(negotiateResponseType("*/*;q=0")).toBeNull();
    expect(negotiateResponseType("application/json;q=abc")).toBe("application/json");
    expect(negotiateResponseType("application/json;q=7")).toBe("application/json");
    // Fitness is compared before q, so the literal match with q=0 wins and refuses (mimeparse).
    expect(negotiateResponseType("application/json;q=0, */*")).toBeNull();
  });

  it("is case-insensitive (decision) and tolerant of junk", () => {
    expect(negotiateResponseType("Application/JSON")).toBe("application/json");
    expect(negotiateResponseType("garbage")).toBeNull();
    expect(negotiateResponseType(",,,")).toBeNull();
    expect(negotiateResponseType("*")).toBe("text/xml");
  });

  it("answers repeated headers from its memo identically", () => {
    for (let i = 0; i < 3; i++) expect(negotiateResponseType("application/json, application/xml")).toBe("application/xml");
    expect(bestMatch("application/json, application/xml")).toBe("application/xml");
  });
});

describe("Content-Type matching (spec 07 §1.3.1)", () => {
  it.each([
    ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded"],
    ["application/x-www-form-urlencoded; charset=UTF-8", "application/x-www-form-urlencoded"],
    ["application/json", "application/json"],
    ["application/json;charset=utf-8", "application/json"],
    ["APPLICATION/JSON", "application/json"],
    ["application/xml", "application/xml"],
    ["text/xml; charset=iso-8859-1", "text/xml"],
    ["*/*", "application/json"],
    ["text/plain", null],
    ["multipart/form-data; boundary=abc", null],
    ["application/vnd.foo+json", null],
    ["Monkies", null],
  ])("%j → %j", (contentType, expected) => {
    expect(bodyMediaType(contentType)).toBe(expected);
  });
});

describe("charsetOf", () => {
  it.each([
    ["application/json; charset=utf-8", "utf-8"],
    ["text/xml;charset=\"ISO-8859-1\"", "iso-8859-1"],
    ["application/x-www-form-urlencoded; Charset=Windows-1252; foo=bar", "windows-1252"],
    ["application/json", null],
    [null, null],
  ])("%j → %j", (header, expected) => {
    expect(charsetOf(header)).toBe(expected);
  });
});
