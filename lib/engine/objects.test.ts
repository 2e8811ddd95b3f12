import { describe, expect, it } from "vitest";
import { extend, isoTime, withKey } from "./objects";

describe("hot-path helpers", () => {
  it("isoTime equals toISOString", () => {
    for (const t of [0, 1, 999, 1705330800000, 1705330800123, 1709971199999, 1709971200000, 4102444800007, Date.now()]) {
      expect(isoTime(t)).toBe(new Date(t).toISOString());
    }
    for (let i = 0; i < 2000; i++) {
      const t = Math.floor(Math.random() * 4102444800000);
      expect(isoTime(t)).toBe(new Date(t).toISOString());
    }
    expect(isoTime(-1)).toBe(new Date(-1).toISOString());
  });

  it("extend and withKey copy without touching the base", () => {
    const base = { a: 1 };
    expect(extend(base, { b: 2 })).toEqual({ a: 1, b: 2 });
    expect(withKey(base, "c", 3)).toEqual({ a: 1, c: 3 });
    expect(base).toEqual({ a: 1 });
  });
});
