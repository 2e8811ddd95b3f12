import { describe, expect, it } from "vitest";
import { bucketsOf, resolveReportRange } from "./time";

const iso = (ms: number) => new Date(ms).toISOString();
const starts = (start: string, end: string, interval: "hour" | "day" | "week" | "month" | "year", tz: string) =>
  bucketsOf(resolveReportRange(start, end, tz), interval, tz).map((b) => [b.label, iso(b.start)]);

describe("report ranges and buckets (08 §2)", () => {
  it("reads dates in the zone, end inclusive to the millisecond, on 23 h and 25 h days too", () => {
    const r = resolveReportRange("2024-03-10", "2024-03-10", "America/Chicago");
    expect([iso(r.start.getTime()), iso(r.end.getTime())]).toEqual(["2024-03-10T06:00:00.000Z", "2024-03-11T04:59:59.999Z"]);
    const fall = resolveReportRange("2024-11-03", "2024-11-03", "America/Chicago");
    expect(iso(fall.end.getTime())).toBe("2024-11-04T05:59:59.999Z");
  });

  it("defaults to today in the zone", () => {
    const now = Date.parse("2024-01-16T03:00:00Z"); // the 15th, 21:00 in Chicago
    const r = resolveReportRange(undefined, undefined, "America/Chicago", now);
    expect([iso(r.start.getTime()), iso(r.end.getTime())]).toEqual(["2024-01-15T06:00:00.000Z", "2024-01-16T05:59:59.999Z"]);
  });

  it("refuses end before start and spans over 400 days (422)", () => {
    expect(() => resolveReportRange("2024-01-16", "2024-01-15", "UTC")).toThrow(/before start/);
    expect(() => resolveReportRange("2024-01-01", "2025-02-04", "UTC")).toThrow(/400 days/);
    expect(() => resolveReportRange("2024-01-01", "2025-02-03", "America/Chicago")).not.toThrow();
  });

  it("the table of 08 §2", () => {
    expect(starts("2024-01-15", "2024-01-16", "day", "America/Chicago")).toEqual([
      ["2024-01-15", "2024-01-15T06:00:00.000Z"],
      ["2024-01-16", "2024-01-16T06:00:00.000Z"],
    ]);
    expect(starts("2024-03-10", "2024-03-11", "day", "America/Chicago")[1]).toEqual(["2024-03-11", "2024-03-11T05:00:00.000Z"]);
    expect(starts("2024-11-03", "2024-11-04", "day", "America/Chicago")).toEqual([
      ["2024-11-03", "2024-11-03T05:00:00.000Z"],
      ["2024-11-04", "2024-11-04T06:00:00.000Z"],
    ]);
    expect(starts("2024-01-17", "2024-01-22", "week", "America/Chicago")).toEqual([
      ["2024-01-15", "2024-01-15T06:00:00.000Z"],
      ["2024-01-22", "2024-01-22T06:00:00.000Z"],
    ]);
    expect(starts("2024-02-01", "2024-03-01", "month", "America/Chicago")).toEqual([
      ["2024-02", "2024-02-01T06:00:00.000Z"],
      ["2024-03", "2024-03-01T06:00:00.000Z"],
    ]);
    expect(starts("2024-01-16", "2024-01-17", "day", "UTC")).toEqual([
      ["2024-01-16", "2024-01-16T00:00:00.000Z"],
      ["2024-01-17", "2024-01-17T00:00:00.000Z"],
    ]);
  });

  it("hours are real hours: DST repeats a label, half-hour zones start at local :00", () => {
    expect(starts("2024-11-03T05:00:00Z", "2024-11-03T07:59:59.999Z", "hour", "America/Chicago")).toEqual([
      ["2024-11-03T00:00", "2024-11-03T05:00:00.000Z"],
      ["2024-11-03T01:00", "2024-11-03T06:00:00.000Z"],
      ["2024-11-03T01:00", "2024-11-03T07:00:00.000Z"],
    ]);
    expect(starts("2024-03-10T07:00:00Z", "2024-03-10T08:59:59.999Z", "hour", "America/Chicago")).toEqual([
      ["2024-03-10T01:00", "2024-03-10T07:00:00.000Z"],
      ["2024-03-10T03:00", "2024-03-10T08:00:00.000Z"],
    ]);
    expect(starts("2024-01-15T00:10:00Z", "2024-01-15T01:59:59.999Z", "hour", "Asia/Kolkata")).toEqual([
      ["2024-01-15T05:00", "2024-01-14T23:30:00.000Z"],
      ["2024-01-15T06:00", "2024-01-15T00:30:00.000Z"],
      ["2024-01-15T07:00", "2024-01-15T01:30:00.000Z"],
    ]);
    expect(starts("2024-01-01", "2024-01-01", "hour", "UTC")).toHaveLength(24);
  });
});
