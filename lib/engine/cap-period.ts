// Cap periods (04 §4.4), computed in the cap's IANA time zone so resets follow the business
// calendar, DST included. Pure; the stores call `resolveCapPeriod` inside their transaction so
// the period rules live in one place.

import { TZDate } from "@date-fns/tz";
import {
  addDays,
  addHours,
  addMinutes,
  addMonths,
  addWeeks,
  startOfDay,
  startOfHour,
  startOfMinute,
  startOfMonth,
  startOfWeek,
  subDays,
  subMonths,
  subWeeks,
} from "date-fns";

export type DurationUnit = "minute" | "hour" | "day" | "week" | "month";
export type CapWindow = "calendar" | "rolling";

/** What a counter store needs to place a lead in a period; built per lead by volume-caps.ts. */
export interface CapPeriodRequest {
  window: CapWindow;
  duration: number;
  units: DurationUnit;
  timeZone: string;
  /** `fingerprintOf(...)`: configuration that decides whether an existing counter survives an edit. */
  fingerprint: string;
  /** Calendar: the period a counter (re)started now gets (start of the current unit, N units long). */
  candidate: { startedAt: number; expiresAt: number };
  /** Rolling: successes at or after this instant count. */
  windowStart: number;
}

/** The counter row a store already has for the cap (its newest period), as far as periods go. */
export interface StoredCapPeriod {
  period: string;
  startedAt: number;
  expiresAt: number | null;
  fingerprint: string;
}

export interface ResolvedCapPeriod {
  /** Counter key: the period start as ISO text (UTC), or `rolling`. */
  period: string;
  startedAt: number;
  expiresAt: number | null;
  fingerprint: string;
  /** True when this is a new counter (new period or reset by a configuration change): count 0. */
  isNew: boolean;
}

export const ROLLING_PERIOD = "rolling";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Approximate lengths, only to tell "shortened" from "lengthened" (04 §4.4). */
const UNIT_MS: Record<DurationUnit, number> = { minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY, month: 30 * DAY };

function startOfUnit(d: TZDate, units: DurationUnit): TZDate {
  switch (units) {
    case "minute":
      return startOfMinute(d);
    case "hour":
      return startOfHour(d);
    case "day":
      return startOfDay(d);
    case "week":
      return startOfWeek(d, { weekStartsOn: 1 });
    case "month":
      return startOfMonth(d);
  }
}

function addUnits(d: TZDate, n: number, units: DurationUnit): TZDate {
  switch (units) {
    case "minute":
      return addMinutes(d, n);
    case "hour":
      return addHours(d, n);
    case "day":
      return addDays(d, n);
    case "week":
      return addWeeks(d, n);
    case "month":
      return addMonths(d, n);
  }
}

/** End (inclusive, `…:59.999`) of a period of `duration` units starting at `startedAt`. */
export function periodEnd(startedAt: number, duration: number, units: DurationUnit, timeZone: string): number {
  return addUnits(new TZDate(startedAt, timeZone), duration, units).getTime() - 1;
}

/**
 * The calendar period a counter started at `now` gets: from the start of the unit containing
 * `now` (Monday for weeks, the 1st for months) to the end of the N-th unit, plus the bounds of
 * that first unit (for caching: the candidate is the same for every `now` inside it).
 */
export function calendarPeriodAt(
  now: number,
  duration: number,
  units: DurationUnit,
  timeZone: string,
): { startedAt: number; expiresAt: number; unitEnd: number } {
  const start = startOfUnit(new TZDate(now, timeZone), units);
  return {
    startedAt: start.getTime(),
    expiresAt: addUnits(start, duration, units).getTime() - 1,
    unitEnd: addUnits(start, 1, units).getTime(),
  };
}

/** Rolling window (04 §4.4): the last N units before `now`, calendar units counted in the zone. */
export function rollingWindowStart(now: number, duration: number, units: DurationUnit, timeZone: string): number {
  switch (units) {
    case "minute":
      return now - duration * MINUTE;
    case "hour":
      return now - duration * HOUR;
    case "day":
      return subDays(new TZDate(now, timeZone), duration).getTime();
    case "week":
      return subWeeks(new TZDate(now, timeZone), duration).getTime();
    case "month":
      return subMonths(new TZDate(now, timeZone), duration).getTime();
  }
}

/**
 * Fingerprint stored on a counter (04 §4.4): `window|zone|rules|duration|units`. Rules, window or
 * zone changes reset the counter; the duration part is compared by length.
 */
export function fingerprintOf(window: CapWindow, timeZone: string, rulesHash: string, duration: number, units: DurationUnit): string {
  return `${window}|${timeZone}|${rulesHash}|${duration}|${units}`;
}

function parseFingerprint(fp: string): { head: string; length: number; duration: number; units: DurationUnit } | null {
  const parts = fp.split("|");
  if (parts.length !== 5) return null;
  const duration = Number(parts[3]);
  const units = parts[4] as DurationUnit;
  if (!Number.isFinite(duration) || !(units in UNIT_MS)) return null;
  return { head: parts.slice(0, 3).join("|"), length: duration * UNIT_MS[units], duration, units };
}

/**
 * Which counter a lead counts against now (04 §4.4), given the newest stored counter of the cap:
 * - none, or rules/window/zone changed, or the duration was shortened → a new counter;
 * - the duration was lengthened → the current period is stretched to the new length;
 * - the (possibly stretched) period has expired → a new period starting in the current unit;
 * - otherwise the stored period goes on (changing only `maximum` never resets).
 */
export function resolveCapPeriod(stored: StoredCapPeriod | null, request: CapPeriodRequest, now: number): ResolvedCapPeriod {
  const fingerprint = request.fingerprint;
  if (request.window === "rolling") {
    // Hits carry their time, so a rolling counter only restarts when what it counts changes.
    const old = stored && stored.period === ROLLING_PERIOD ? parseFingerprint(stored.fingerprint) : null;
    const next = parseFingerprint(fingerprint);
    const keep = stored !== null && stored.period === ROLLING_PERIOD && old !== null && next !== null && old.head === next.head;
    const resetAt = keep ? stored.startedAt : now;
    return {
      period: ROLLING_PERIOD,
      startedAt: Math.max(request.windowStart, resetAt),
      expiresAt: null,
      fingerprint,
      isNew: !keep,
    };
  }

  const fresh = (): ResolvedCapPeriod => ({
    period: new Date(request.candidate.startedAt).toISOString(),
    startedAt: request.candidate.startedAt,
    expiresAt: request.candidate.expiresAt,
    fingerprint,
    isNew: true,
  });
  if (!stored || stored.period === ROLLING_PERIOD || stored.expiresAt === null) return fresh();
  // Same configuration (the common case): only expiry matters.
  if (stored.fingerprint === fingerprint) {
    if (now > stored.expiresAt) return fresh();
    return { period: stored.period, startedAt: stored.startedAt, expiresAt: stored.expiresAt, fingerprint, isNew: false };
  }
  const old = parseFingerprint(stored.fingerprint);
  const next = parseFingerprint(fingerprint);
  if (!old || !next || old.head !== next.head || next.length < old.length) return fresh();

  let expiresAt = stored.expiresAt;
  if (next.length > old.length) {
    expiresAt = periodEnd(stored.startedAt, next.duration, next.units, request.timeZone);
  }
  if (now > expiresAt) return fresh();
  return { period: stored.period, startedAt: stored.startedAt, expiresAt, fingerprint, isNew: false };
}
