import { describe, expect, it } from "vitest";
import { normalizeSuppressionValue } from "./suppression-values";

describe("normalizeSuppressionValue", () => {
  it("trims and lower-cases, keeping punctuation and inner spaces", () => {
    expect(normalizeSuppressionValue("  John O'Hara ")).toBe("john o'hara");
    expect(normalizeSuppressionValue("Ann@Example.COM")).toBe("ann@example.com");
    expect(normalizeSuppressionValue("(212) 555-1212")).toBe("(212) 555-1212");
  });
  it("refuses blank values", () => {
    expect(normalizeSuppressionValue("   ")).toBeNull();
    expect(normalizeSuppressionValue("x".repeat(1001))).toBeNull();
  });
  it("phone: digits only, leading 1 of 11 digits dropped", () => {
    expect(normalizeSuppressionValue("(212) 555-1212", "phone")).toBe("2125551212");
    expect(normalizeSuppressionValue("+1 212 555 1212", "phone")).toBe("2125551212");
    expect(normalizeSuppressionValue("22125551212", "phone")).toBe("22125551212");
    expect(normalizeSuppressionValue("n/a", "phone")).toBeNull();
    expect(normalizeSuppressionValue("12345", "phone")).toBeNull();
  });
  it("email: inner whitespace removed, needs an @", () => {
    expect(normalizeSuppressionValue(" Ann @ Example.com ", "email")).toBe("ann@example.com");
    expect(normalizeSuppressionValue("not-an-email", "email")).toBeNull();
  });
});
