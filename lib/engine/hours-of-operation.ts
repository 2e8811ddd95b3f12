// Hours of operation (04 §0): a weekly schedule in a time zone; outside it the lead fails with
// the kb's exact reason, just before the first business-logic gate.

import { TZDate } from "@date-fns/tz";
import type { Schedule } from "@/lib/schemas/flow";

export const OUTSIDE_HOURS_REASON = "Submission Timestamp must be within hours of operation";

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

export interface CompiledSchedule {
  timeZone: string | null;
  /** Per weekday (0 = Sunday), periods as [startMinute, endMinute). */
  days: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
}

/** Null when there is no schedule or it is disabled: every time is inside. */
export function compileSchedule(schedule: Schedule | null | undefined): CompiledSchedule | null {
  if (!schedule || schedule.enabled === false) return null;
  const days = WEEKDAYS.map((day) =>
    (schedule.days?.[day] ?? []).map((p) => [minutesOf(p.start), minutesOf(p.end)] as const),
  );
  return { timeZone: schedule.time_zone ?? null, days };
}

/** True when `timestamp` falls in a period of its local weekday (start ≤ t < end); missing day = closed. */
export function isWithinHours(schedule: CompiledSchedule, timestamp: number, accountTimeZone: string): boolean {
  const local = new TZDate(timestamp, schedule.timeZone ?? accountTimeZone);
  const minute = local.getHours() * 60 + local.getMinutes();
  for (const [start, end] of schedule.days[local.getDay()]) {
    if (start <= minute && minute < end) return true;
  }
  return false;
}
