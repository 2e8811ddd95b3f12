import type { DuplicateClaimRequest, DuplicateClaimResult, DuplicateIndex } from "@/lib/engine/ports";
import type { Querier, SqlDb } from "@/lib/store/sql/connection";
import { dbTime } from "@/lib/store/sql/values";

type KeyRow = { lastSeenAt: unknown; leadId: string | null; inflightLeadId: string | null; inflightUntil: unknown };

class Seen extends Error {
  constructor(readonly result: DuplicateClaimResult) {
    super("duplicate");
  }
}

function seenBy(row: KeyRow | undefined, key: string, req: DuplicateClaimRequest, ignoreOwn: boolean): DuplicateClaimResult | null {
  if (!row) return null;
  const lastSeen = dbTime(row.lastSeenAt);
  if (lastSeen !== null && (req.since === null || lastSeen >= req.since) && !(ignoreOwn && row.leadId === req.leadId)) {
    return { duplicate: true, key, lastSeenAt: lastSeen, inFlight: false };
  }
  const until = dbTime(row.inflightUntil);
  if (row.inflightLeadId && row.inflightLeadId !== req.leadId && until !== null && until > req.now) {
    return { duplicate: true, key, lastSeenAt: null, inFlight: true };
  }
  return null;
}

const NOT_SEEN: DuplicateClaimResult = { duplicate: false, key: null, lastSeenAt: null, inFlight: false };

/**
 * Duplicate-check history (04 §2) with in-flight claims: the first lead to claim a key holds it
 * until it completes, so rapid-fire duplicates cannot both pass. Rows are locked (PostgreSQL
 * `FOR UPDATE`; SQLite serializes writers) between the check and the claim.
 */
export function sqlDuplicateIndex(sql: SqlDb): DuplicateIndex {
  const lock = sql.provider === "postgresql" ? " FOR UPDATE" : "";
  const read = (q: Querier, scope: string, key: string, forUpdate: boolean) =>
    q
      .all<KeyRow>(`SELECT "lastSeenAt", "leadId", "inflightLeadId", "inflightUntil" FROM "DuplicateKey" WHERE "scope" = ? AND "key" = ?${forUpdate ? lock : ""}`, [scope, key])
      .then((rows) => rows[0]);

  return {
    async claim(req) {
      if (!req.keys.length) return NOT_SEEN;
      try {
        await sql.tx(async (q) => {
          for (const key of req.keys) {
            await q.run(`INSERT INTO "DuplicateKey" ("scope", "key") VALUES (?, ?) ON CONFLICT ("scope", "key") DO NOTHING`, [req.scope, key]);
            const seen = seenBy(await read(q, req.scope, key, true), key, req, false);
            if (seen) throw new Seen(seen);
          }
          for (const key of req.keys) {
            await q.run(`UPDATE "DuplicateKey" SET "inflightLeadId" = ?, "inflightUntil" = ? WHERE "scope" = ? AND "key" = ?`, [
              req.leadId,
              sql.time(new Date(req.leaseUntil)),
              req.scope,
              key,
            ]);
          }
        });
        return NOT_SEEN;
      } catch (err) {
        if (err instanceof Seen) return err.result;
        throw err;
      }
    },
    async peek(req) {
      for (const key of req.keys) {
        const seen = seenBy(await read(sql, req.scope, key, false), key, req, true);
        if (seen) return seen;
      }
      return NOT_SEEN;
    },
  };
}

/** Completion (06 §1.2): a successful lead's keys enter the history; any other lead's claims are released. */
export async function settleDuplicates(q: Querier, sql: SqlDb, leadId: string, claim: { scope: string; keys: readonly string[] } | null, success: boolean, now: Date) {
  if (!claim) return;
  for (const key of claim.keys) {
    if (success) {
      await q.run(
        `UPDATE "DuplicateKey" SET "lastSeenAt" = ?, "leadId" = ?, "inflightLeadId" = NULL, "inflightUntil" = NULL WHERE "scope" = ? AND "key" = ? AND "inflightLeadId" = ?`,
        [sql.time(now), leadId, claim.scope, key, leadId],
      );
    } else {
      await q.run(`UPDATE "DuplicateKey" SET "inflightLeadId" = NULL, "inflightUntil" = NULL WHERE "scope" = ? AND "key" = ? AND "inflightLeadId" = ?`, [claim.scope, key, leadId]);
      await q.run(`DELETE FROM "DuplicateKey" WHERE "scope" = ? AND "key" = ? AND "lastSeenAt" IS NULL AND "inflightLeadId" IS NULL`, [claim.scope, key]);
    }
  }
}
