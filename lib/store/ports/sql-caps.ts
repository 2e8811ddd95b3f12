import { resolveCapPeriod, ROLLING_PERIOD, type StoredCapPeriod } from "@/lib/engine/cap-period";
import type { CapCounters, CapHold, CapRequest, CapReservation, CapReserveResult } from "@/lib/engine/ports";
import type { Querier, SqlDb } from "@/lib/store/sql/connection";
import { dbTime } from "@/lib/store/sql/values";

type CounterRow = { period: string; startedAt: unknown; expiresAt: unknown; fingerprint: string; count: number; reserved: number };


class CapFull extends Error {
  constructor(readonly index: number, readonly capKey: string, readonly period: string) {
    super("cap full");
  }
}

/**
 * Volume-cap counters in the database (spec 04 §4). Check and reservation are one conditional
 * UPDATE per counter (`count + reserved < maximum`), so concurrent leads can never over-fill a cap;
 * all requested counters are reserved in one transaction, all or nothing.
 */
export function sqlCapCounters(sql: SqlDb): CapCounters {
  const lock = sql.provider === "postgresql" ? " FOR UPDATE" : "";

  async function newest(q: Querier, capKey: string): Promise<CounterRow | undefined> {
    const rows = await q.all<CounterRow>(
      `SELECT "period", "startedAt", "expiresAt", "fingerprint", "count", "reserved" FROM "CapCounter" WHERE "capKey" = ? ORDER BY "startedAt" DESC LIMIT 1${lock}`,
      [capKey],
    );
    return rows[0];
  }

  /** The counter row this request counts in now, created (or reset) when the period rolled over. */
  async function currentPeriod(q: Querier, req: CapRequest, now: number) {
    const row = await newest(q, req.capKey);
    const stored: StoredCapPeriod | null = row
      ? { period: row.period, startedAt: dbTime(row.startedAt)!, expiresAt: dbTime(row.expiresAt), fingerprint: row.fingerprint }
      : null;
    const resolved = resolveCapPeriod(stored, req.period, now);
    if (resolved.isNew && resolved.period === ROLLING_PERIOD && row?.period === ROLLING_PERIOD) {
      await q.run(`UPDATE "CapCounter" SET "startedAt" = ?, "fingerprint" = ?, "count" = 0 WHERE "capKey" = ? AND "period" = ?`, [
        sql.time(new Date(resolved.startedAt)),
        resolved.fingerprint,
        req.capKey,
        ROLLING_PERIOD,
      ]);
    } else if (resolved.isNew) {
      // A new period, or a reset of the running one because what the cap counts changed (04 §4.4):
      // the count restarts; reservations of leads in flight stay theirs.
      await q.run(
        `INSERT INTO "CapCounter" ("capKey", "period", "count", "reserved", "failedCount", "startedAt", "expiresAt", "fingerprint") VALUES (?, ?, 0, 0, 0, ?, ?, ?)
         ON CONFLICT ("capKey", "period") DO UPDATE SET "count" = 0, "failedCount" = 0, "startedAt" = excluded."startedAt", "expiresAt" = excluded."expiresAt", "fingerprint" = excluded."fingerprint"
         WHERE "CapCounter"."fingerprint" <> excluded."fingerprint"`,
        [req.capKey, resolved.period, sql.time(new Date(resolved.startedAt)), resolved.expiresAt === null ? null : sql.time(new Date(resolved.expiresAt)), resolved.fingerprint],
      );
    } else if (resolved.expiresAt !== null && row && dbTime(row.expiresAt) !== resolved.expiresAt) {
      // A lengthened duration stretches the running period instead of resetting it (04 §4.4).
      await q.run(`UPDATE "CapCounter" SET "expiresAt" = ?, "fingerprint" = ? WHERE "capKey" = ? AND "period" = ?`, [
        sql.time(new Date(resolved.expiresAt)),
        resolved.fingerprint,
        req.capKey,
        resolved.period,
      ]);
    }
    return resolved;
  }

  async function isFull(q: Querier, req: CapRequest, period: string, windowStart: number, reserve: boolean): Promise<boolean> {
    if (period !== ROLLING_PERIOD) {
      if (!reserve) {
        const [row] = await q.all<{ used: number }>(`SELECT "count" + "reserved" AS "used" FROM "CapCounter" WHERE "capKey" = ? AND "period" = ?`, [req.capKey, period]);
        return Number(row?.used ?? 0) >= req.maximum;
      }
      const changed = await q.run(
        `UPDATE "CapCounter" SET "reserved" = "reserved" + 1 WHERE "capKey" = ? AND "period" = ? AND "count" + "reserved" < ?`,
        [req.capKey, period, req.maximum],
      );
      return changed === 0;
    }
    const [row] = await q.all<{ reserved: number }>(`SELECT "reserved" FROM "CapCounter" WHERE "capKey" = ? AND "period" = ?${lock}`, [req.capKey, period]);
    const [hits] = await q.all<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "CapHit" WHERE "capKey" = ? AND "at" >= ?`, [
      req.capKey,
      sql.time(new Date(windowStart)),
    ]);
    if (Number(hits?.n ?? 0) + Number(row?.reserved ?? 0) >= req.maximum) return true;
    if (reserve) await q.run(`UPDATE "CapCounter" SET "reserved" = "reserved" + 1 WHERE "capKey" = ? AND "period" = ?`, [req.capKey, period]);
    return false;
  }

  return {
    async reserve(requests: readonly CapRequest[], hold: CapHold): Promise<CapReserveResult> {
      if (!requests.length) return { ok: true, reservations: [] };
      try {
        const reservations = await sql.tx(async (q) => {
          const taken: CapReservation[] = [];
          for (let i = 0; i < requests.length; i++) {
            const req = requests[i]!;
            const resolved = await currentPeriod(q, req, hold.now);
            if (await isFull(q, req, resolved.period, resolved.startedAt, true)) throw new CapFull(i, req.capKey, resolved.period);
            await q.run(`INSERT INTO "CapReservation" ("leadId", "capKey", "period", "leaseUntil") VALUES (?, ?, ?, ?)`, [
              hold.leadId,
              req.capKey,
              resolved.period,
              sql.time(new Date(hold.leaseUntil)),
            ]);
            taken.push({ capKey: req.capKey, capId: req.capId, period: resolved.period });
          }
          return taken;
        });
        return { ok: true, reservations };
      } catch (err) {
        if (!(err instanceof CapFull)) throw err;
        // The refusal is counted outside the rolled-back transaction (04 §4.3 failed_count).
        await sql.tx(async (q) => {
          const resolved = await currentPeriod(q, requests[err.index]!, hold.now);
          await q.run(`UPDATE "CapCounter" SET "failedCount" = "failedCount" + 1 WHERE "capKey" = ? AND "period" = ?`, [err.capKey, resolved.period]);
        });
        return { ok: false, fullIndex: err.index };
      }
    },

    async check(requests: readonly CapRequest[], now: number) {
      for (let i = 0; i < requests.length; i++) {
        const req = requests[i]!;
        const row = await newest(sql, req.capKey);
        const stored = row ? { period: row.period, startedAt: dbTime(row.startedAt)!, expiresAt: dbTime(row.expiresAt), fingerprint: row.fingerprint } : null;
        const resolved = resolveCapPeriod(stored, req.period, now);
        if (resolved.isNew && resolved.period !== ROLLING_PERIOD) {
          if (req.maximum <= 0) return { fullIndex: i };
          continue;
        }
        if (await isFull(sql, req, resolved.period, resolved.startedAt, false)) return { fullIndex: i };
      }
      return { fullIndex: null };
    },
  };
}

/** Completion (06 §1.2): reservations of a successful lead become counts; all others are released. */
export async function settleCaps(q: Querier, sql: SqlDb, leadId: string, commit: readonly CapReservation[], release: readonly CapReservation[], now: Date) {
  for (const r of commit) {
    await q.run(`UPDATE "CapCounter" SET "count" = "count" + 1, "reserved" = CASE WHEN "reserved" > 0 THEN "reserved" - 1 ELSE 0 END WHERE "capKey" = ? AND "period" = ?`, [r.capKey, r.period]);
    if (r.period === ROLLING_PERIOD) {
      await q.run(`INSERT INTO "CapHit" ("capKey", "at", "leadId") VALUES (?, ?, ?) ON CONFLICT ("capKey", "leadId") DO NOTHING`, [r.capKey, sql.time(now), leadId]);
    }
  }
  for (const r of release) {
    await q.run(`UPDATE "CapCounter" SET "reserved" = CASE WHEN "reserved" > 0 THEN "reserved" - 1 ELSE 0 END WHERE "capKey" = ? AND "period" = ?`, [r.capKey, r.period]);
  }
  if (commit.length || release.length) await q.run(`DELETE FROM "CapReservation" WHERE "leadId" = ?`, [leadId]);
}
