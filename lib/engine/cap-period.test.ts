import { describe, expect, it } from "vitest";
import { calendarPeriodAt, fingerprintOf, resolveCapPeriod, rollingWindowStart, type CapPeriodRequest, type DurationUnit } from "./cap-period";

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const CHI = "America/Chicago";

function request(now: number, duration: number, units: DurationUnit, rulesHash = "r", window: "calendar" | "rolling" = "calendar", tz = CHI): CapPeriodRequest {
  const c = calendarPeriodAt(now, duration, units, tz);
  return {
    window,
    duration,
    units,
    timeZone: tz,
    fingerprint: fingerprintOf(window, tz, rulesHash, duration, units),
    candidate: { startedAt: c.startedAt, expiresAt: c.expiresAt },
    windowStart: rollingWindowStart(now, duration, units, tz),
  };
}

// 04 §4.4 periods in the cap's time zone.
describe("04 §4.4 calendar periods", () => {
  const at = (s: string, n: number, u: DurationUnit) => {
    const p = calendarPeriodAt(Date.parse(s), n, u, CHI);
    return [iso(p.startedAt), iso(p.expiresAt)];
  };

  it("day: local midnight to 23:59:59.999", () => {
    expect(at("2024-01-15T18:00:00Z", 1, "day")).toEqual(["2024-01-15T06:00:00.000Z", "2024-01-16T05:59:59.999Z"]);
  });

  it("day across DST: 23 h and 25 h days", () => {
    expect(at("2024-03-10T12:00:00Z", 1, "day")).toEqual(["2024-03-10T06:00:00.000Z", "2024-03-11T04:59:59.999Z"]);
    expect(at("2024-11-03T12:00:00Z", 1, "day")).toEqual(["2024-11-03T05:00:00.000Z", "2024-11-04T05:59:59.999Z"]);
  });

  it("week: Monday to Sunday night; 2 weeks end on Sunday of the 2nd week", () => {
    expect(at("2024-01-17T18:00:00Z", 1, "week")).toEqual(["2024-01-15T06:00:00.000Z", "2024-01-22T05:59:59.999Z"]);
    expect(at("2024-01-17T18:00:00Z", 2, "week")[1]).toBe("2024-01-29T05:59:59.999Z");
  });

  it("month: 1st to last day; 2 days end at the end of the 2nd day", () => {
    expect(at("2024-02-10T18:00:00Z", 1, "month")).toEqual(["2024-02-01T06:00:00.000Z", "2024-03-01T05:59:59.999Z"]);
    expect(at("2024-01-15T18:00:00Z", 2, "day")[1]).toBe("2024-01-17T05:59:59.999Z");
  });

  it("minute and hour", () => {
    expect(at("2024-01-15T18:07:31Z", 1, "minute")).toEqual(["2024-01-15T18:07:00.000Z", "2024-01-15T18:07:59.999Z"]);
    expect(at("2024-01-15T18:07:31Z", 1, "hour")).toEqual(["2024-01-15T18:00:00.000Z", "2024-01-15T18:59:59.999Z"]);
  });
});

describe("resolveCapPeriod: anchoring and configuration changes (04 §4.4)", () => {
  const t0 = Date.parse("2024-01-15T18:00:00Z");

  it("a new counter starts in the current unit; it goes on until it expires; the first lead after starts a new one", () => {
    const first = resolveCapPeriod(null, request(t0, 2, "day"), t0);
    expect(first.isNew).toBe(true);
    expect(iso(first.expiresAt)).toBe("2024-01-17T05:59:59.999Z");
    const t1 = Date.parse("2024-01-16T20:00:00Z");
    expect(resolveCapPeriod(first, request(t1, 2, "day"), t1)).toMatchObject({ period: first.period, isNew: false });
    // Anchored on the restart, not on a fixed grid: Jan 18 starts a period ending Jan 19.
    const t2 = Date.parse("2024-01-18T20:00:00Z");
    const next = resolveCapPeriod(first, request(t2, 2, "day"), t2);
    expect(next).toMatchObject({ isNew: true, period: "2024-01-18T06:00:00.000Z" });
    expect(iso(next.expiresAt)).toBe("2024-01-20T05:59:59.999Z");
  });

  it("changing rules resets; changing only the maximum does not (the fingerprint ignores it)", () => {
    const first = resolveCapPeriod(null, request(t0, 1, "day", "a"), t0);
    expect(resolveCapPeriod(first, request(t0 + 1000, 1, "day", "a"), t0 + 1000).isNew).toBe(false);
    expect(resolveCapPeriod(first, request(t0 + 1000, 1, "day", "b"), t0 + 1000).isNew).toBe(true);
  });

  it("shortening resets; lengthening stretches the running period", () => {
    const week = resolveCapPeriod(null, request(t0, 1, "week"), t0);
    expect(resolveCapPeriod(week, request(t0, 1, "day"), t0).isNew).toBe(true);
    const day = resolveCapPeriod(null, request(t0, 1, "day"), t0);
    const longer = resolveCapPeriod(day, request(t0, 3, "day"), t0);
    expect(longer).toMatchObject({ isNew: false, period: day.period });
    expect(iso(longer.expiresAt)).toBe("2024-01-18T05:59:59.999Z");
  });

  it("rolling windows count the last N units; a rules change restarts them", () => {
    const r = resolveCapPeriod(null, request(t0, 1, "hour", "a", "rolling"), t0);
    expect(r).toMatchObject({ period: "rolling", expiresAt: null });
    const later = t0 + 2 * 3_600_000;
    const again = resolveCapPeriod({ ...r, startedAt: t0 - 10 * 3_600_000 }, request(later, 1, "hour", "a", "rolling"), later);
    expect(again).toMatchObject({ isNew: false, startedAt: later - 3_600_000 });
    expect(resolveCapPeriod(r, request(later, 1, "hour", "b", "rolling"), later)).toMatchObject({ isNew: true, startedAt: later });
  });
});
