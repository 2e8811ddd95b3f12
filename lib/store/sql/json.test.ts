import { describe, expect, it } from "vitest";
import { toJson } from "./json";

describe("toJson", () => {
  it("stores U+0000 as U+FFFD and leaves everything else alone", () => {
    expect(JSON.parse(toJson({ a: "x\u0000y", b: ["\u0000"] }))).toEqual({ a: "x\uFFFDy", b: ["\uFFFD"] });
    // A literal backslash followed by "u0000" is text, not a NUL.
    expect(JSON.parse(toJson({ a: "\\u0000", b: "\\\u0000" }))).toEqual({ a: "\\u0000", b: "\\\uFFFD" });
    expect(toJson({ a: 1 })).toBe('{"a":1}');
  });
});
