import { db } from "@/lib/store/prisma";

const DEFAULT_TIME_ZONE = "America/Chicago";

/** The account time zone (spec 00 §1), used for date-only report and search bounds and cap defaults. */
export async function accountTimeZone(): Promise<string> {
  const account = await db().account.findFirst({ select: { timeZone: true } });
  return account?.timeZone ?? DEFAULT_TIME_ZONE;
}
