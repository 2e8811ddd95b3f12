import { TZDate } from "@date-fns/tz";
import { ApiError } from "@/lib/server/errors";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function boundary(value: string, timeZone: string, endOfDay: boolean): Date {
  const m = DATE_ONLY.exec(value);
  if (!m) return new Date(value);
  // A bare date is read in the account time zone: start 00:00:00.000, end 23:59:59.999.
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  return endOfDay ? new Date(new TZDate(y, mo, d, 23, 59, 59, 999, timeZone).getTime()) : new Date(new TZDate(y, mo, d, 0, 0, 0, 0, timeZone).getTime());
}

/** `start`/`end` of a lead search or report (inclusive both ends); default: the last 7 days. */
export function resolveTimeRange(start: string | undefined, end: string | undefined, timeZone: string) {
  const to = end ? boundary(end, timeZone, true) : new Date();
  const from = start ? boundary(start, timeZone, false) : new Date(to.getTime() - 7 * 86_400_000);
  if (from.getTime() > to.getTime()) throw new ApiError("bad_request", "start must not be after end");
  return { start: from, end: to };
}
