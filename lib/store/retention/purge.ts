import type { SqlDb } from "@/lib/store/sql/connection";

const DAY_MS = 86_400_000;
/** Leads per transaction: short transactions keep intake writes flowing while a backlog is purged. */
const BATCH = 500;

export type PurgeResult = { leads: number; cutoff: Date };

/**
 * Deletes the leads older than the account's retention with everything recorded about them:
 * events (incl. later feedback events), delivery records, the submitted data (06 §4). A lead and
 * its events expire together, at `submission.timestamp + retention_days`, so the cutoff is taken on
 * the lead's receipt time; a shortened setting therefore deletes older leads at the next purge.
 * Cap counters, duplicate history and suppression-list items are not lead data and stay.
 */
export async function purgeExpiredLeads(sql: SqlDb, now = new Date()): Promise<PurgeResult> {
  const [account] = await sql.all<{ retentionDays: number }>(`SELECT "retentionDays" FROM "Account" LIMIT 1`);
  const days = Number(account?.retentionDays ?? 90);
  const cutoff = new Date(now.getTime() - (Number.isFinite(days) && days > 0 ? days : 90) * DAY_MS);
  let leads = 0;
  for (;;) {
    const deleted = await sql.tx(async (q) => {
      const rows = await q.all<{ id: string }>(`SELECT "id" FROM "Lead" WHERE "receivedAt" < ? ORDER BY "receivedAt" LIMIT ${BATCH}`, [sql.time(cutoff)]);
      if (!rows.length) return 0;
      const ids = rows.map((r) => r.id);
      const list = ids.map(() => "?").join(", ");
      // Events go with the lead (ON DELETE CASCADE); deliveries carry no foreign key.
      await q.run(`DELETE FROM "Delivery" WHERE "leadId" IN (${list})`, ids);
      await q.run(`DELETE FROM "Lead" WHERE "id" IN (${list})`, ids);
      return ids.length;
    });
    leads += deleted;
    if (deleted < BATCH) return { leads, cutoff };
  }
}

const HOUR_MS = 3_600_000;

/** The hourly purge of an instance (06 §4); instances may overlap, deleting twice deletes nothing. */
export function startRetentionPurge(sql: SqlDb, log: { info(o: object, m: string): void; error(o: object, m: string): void }) {
  const run = async () => {
    try {
      const { leads, cutoff } = await purgeExpiredLeads(sql);
      if (leads) log.info({ leads, cutoff }, "purged expired leads");
    } catch (err) {
      log.error({ err }, "retention purge failed");
    }
  };
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, HOUR_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
