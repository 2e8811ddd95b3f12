import { describe, expect, it } from "vitest";
import { divRound, medianOf, money, moneyPer, rate, toMicros } from "./money";

describe("report arithmetic (08 §3.2, §3.3)", () => {
  it("reads stored Float dollars as exact micros", () => {
    expect(toMicros(0.145)).toBe(145_000);
    expect(toMicros(0.1) + toMicros(0.2)).toBe(toMicros(0.3));
    expect(toMicros(1_000_000)).toBe(1e12);
  });

  it("rounds half away from zero, once, on output", () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(money(125_000)).toBe(0.13);
    expect(money(-125_000)).toBe(-0.13);
    expect(money(124_999)).toBe(0.12);
    // Three sub-cent prices add up before rounding: 3 × 0.005 = 0.015 → 0.02.
    expect(money(3 * toMicros(0.005))).toBe(0.02);
  });

  it("divides money and rates, null when the denominator is not positive", () => {
    expect(moneyPer(48_000_000, 4)).toBe(12);
    expect(moneyPer(10_000_000, 3)).toBe(3.33);
    expect(moneyPer(10_000_000, 0)).toBeNull();
    expect(moneyPer(10_000_000, -1)).toBeNull();
    expect(rate(4, 9)).toBe(0.4444);
    expect(rate(1, 9)).toBe(0.1111);
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(1, 0)).toBeNull();
  });

  it("medians: middle value or mean of the two middle values", () => {
    const dist = (pairs: [number, number][]) => new Map(pairs.map(([p, n]) => [toMicros(p), n]));
    expect(medianOf(dist([[8, 1], [10, 1], [15, 2]]))).toBe(12.5);
    expect(medianOf(dist([[8, 1], [10, 1], [15, 1]]))).toBe(10);
    expect(medianOf(dist([[15, 2]]))).toBe(15);
    expect(medianOf(new Map())).toBeNull();
    expect(medianOf(dist([[0.01, 1], [0.02, 1]]))).toBe(0.02);
  });
});
