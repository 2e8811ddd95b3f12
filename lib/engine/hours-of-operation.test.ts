import { describe, expect, it } from "vitest";
import { compileSchedule, isWithinHours, OUTSIDE_HOURS_REASON } from "./hours-of-operation";
import { harness, source } from "./testing";

const schedule = {
  enabled: true,
  time_zone: "America/Chicago",
  days: {
    monday: [
      { start: "08:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ],
    tuesday: [{ start: "00:00", end: "24:00" }],
    saturday: [],
  },
};

// 04 §0.
describe("04 §0 hours of operation", () => {
  const s = compileSchedule(schedule)!;
  const at = (iso: string) => isWithinHours(s, Date.parse(iso), "UTC");

  it("Monday 12:30 Chicago (lunch break) is outside", () => {
    expect(at("2024-01-15T18:30:00Z")).toBe(false);
  });

  it("start inclusive, end exclusive; several periods per day", () => {
    expect(at("2024-01-15T14:00:00Z")).toBe(true); // 08:00 CST
    expect(at("2024-01-15T13:59:59Z")).toBe(false); // 07:59
    expect(at("2024-01-15T19:00:00Z")).toBe(true); // 13:00
    expect(at("2024-01-15T23:00:00Z")).toBe(false); // 17:00
  });

  it("24:00 covers the whole day; missing or empty days are closed", () => {
    expect(at("2024-01-17T05:59:00Z")).toBe(true); // Tue 23:59 Chicago
    expect(at("2024-01-20T18:00:00Z")).toBe(false); // Saturday
    expect(at("2024-01-21T18:00:00Z")).toBe(false); // Sunday (missing)
  });

  it("the zone defaults to the account's", () => {
    const noZone = compileSchedule({ ...schedule, time_zone: null })!;
    expect(isWithinHours(noZone, Date.parse("2024-01-15T18:30:00Z"), "America/Chicago")).toBe(false);
    expect(isWithinHours(noZone, Date.parse("2024-01-15T18:30:00Z"), "UTC")).toBe(false); // 18:30 UTC Monday
    expect(isWithinHours(noZone, Date.parse("2024-01-15T16:30:00Z"), "UTC")).toBe(true);
  });

  it("a lead outside the hours fails with the exact kb reason, before acceptance", async () => {
    const h = harness({ fields: ["email"], schedule, sources: [source()] }, { now: "2024-01-15T18:30:00.000Z" });
    const out = await h.run({ email: "a@b.co" });
    expect(out).toMatchObject({ outcome: "failure", reason: OUTSIDE_HOURS_REASON, decidedBy: { stage: "hours" } });
    expect(OUTSIDE_HOURS_REASON).toBe("Submission Timestamp must be within hours of operation");
  });

  it("a disabled schedule never rejects", () => {
    expect(compileSchedule({ ...schedule, enabled: false })).toBeNull();
  });
});
