import type { ListRef, SuppressionLists } from "@/lib/engine/ports";
import type { SqlDb } from "@/lib/store/sql/connection";
import { dbTime } from "@/lib/store/sql/values";

const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** URL name of a list (05 §6): lower-cased, spaces → `_`, other non-word characters removed. */
export function listUrlName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, "_").replace(/[^\w]/g, "");
}

/** Suppression lists kept locally (04 §2, 05 §6); values arrive normalized. */
export function sqlSuppressionLists(sql: SqlDb): SuppressionLists {
  // Item counts move by the rows actually inserted or deleted: counting a million-row list per write would not.
  async function bumpCount(listId: string, delta: number) {
    if (!delta) return;
    await sql.run(`UPDATE "SuppressionList" SET "itemCount" = "itemCount" + ?, "updatedAt" = ? WHERE "id" = ?`, [delta, sql.time(new Date()), listId]);
  }
  return {
    async findInLists(listIds, values, since, now) {
      if (!listIds.length || !values.length) return null;
      const rows = await sql.all<{ listId: string; value: string; addedAt: unknown; name: string }>(
        `SELECT i."listId", i."value", i."addedAt", l."name" FROM "SuppressionItem" i JOIN "SuppressionList" l ON l."id" = i."listId"
         WHERE i."listId" IN (${marks(listIds.length)}) AND i."value" IN (${marks(values.length)})
           AND (i."expiresAt" IS NULL OR i."expiresAt" > ?) ${since === null ? "" : `AND i."addedAt" >= ?`} LIMIT 1`,
        [...listIds, ...values, sql.time(new Date(now)), ...(since === null ? [] : [sql.time(new Date(since))])],
      );
      const row = rows[0];
      return row ? { listId: row.listId, listName: row.name, value: row.value, addedAt: dbTime(row.addedAt)! } : null;
    },
    async resolveLists(refs) {
      if (!refs.length) return { lists: [], missing: [] };
      const names = refs.map(listUrlName);
      const rows = await sql.all<ListRef & { urlName: string }>(
        `SELECT "id", "name", "urlName" FROM "SuppressionList" WHERE "id" IN (${marks(refs.length)}) OR "urlName" IN (${marks(names.length)})`,
        [...refs, ...names],
      );
      const lists: ListRef[] = [];
      const missing: string[] = [];
      refs.forEach((ref, i) => {
        const hit = rows.find((r) => r.id === ref || r.urlName === names[i]);
        if (hit) lists.push({ id: hit.id, name: hit.name });
        else missing.push(ref);
      });
      return { lists, missing };
    },
    async query(listIds, value, now) {
      if (!listIds.length) return { foundIn: [], addedAt: null };
      const rows = await sql.all<{ id: string; name: string; addedAt: unknown }>(
        `SELECT l."id", l."name", i."addedAt" FROM "SuppressionItem" i JOIN "SuppressionList" l ON l."id" = i."listId"
         WHERE i."listId" IN (${marks(listIds.length)}) AND i."value" = ? AND (i."expiresAt" IS NULL OR i."expiresAt" > ?)`,
        [...listIds, value, sql.time(new Date(now))],
      );
      return {
        foundIn: rows.map((r) => ({ id: r.id, name: r.name })),
        addedAt: rows.length ? Math.max(...rows.map((r) => dbTime(r.addedAt)!)) : null,
      };
    },
    async add(listId, values, now) {
      let accepted = 0;
      let rejected = 0;
      let inserted = 0;
      await sql.tx(async (q) => {
        for (const value of values) {
          if (!value.trim()) {
            rejected++;
            continue;
          }
          const at = sql.time(new Date(now));
          const n = await q.run(`INSERT INTO "SuppressionItem" ("listId", "value", "addedAt") VALUES (?, ?, ?) ON CONFLICT ("listId", "value") DO NOTHING`, [listId, value, at]);
          if (n) inserted++;
          else await q.run(`UPDATE "SuppressionItem" SET "addedAt" = ?, "expiresAt" = NULL WHERE "listId" = ? AND "value" = ?`, [at, listId, value]);
          accepted++;
        }
      });
      await bumpCount(listId, inserted);
      return { accepted, rejected };
    },
    async remove(listId, values) {
      let deleted = 0;
      let rejected = 0;
      await sql.tx(async (q) => {
        for (const value of values) {
          const n = value.trim() ? await q.run(`DELETE FROM "SuppressionItem" WHERE "listId" = ? AND "value" = ?`, [listId, value]) : 0;
          if (n) deleted++;
          else rejected++;
        }
      });
      await bumpCount(listId, -deleted);
      return { deleted, rejected };
    },
    async addIfAbsent(listId, value, now) {
      // The primary key makes the insert the atomic check: exactly one concurrent caller adds it.
      const added = await sql.run(`INSERT INTO "SuppressionItem" ("listId", "value", "addedAt") VALUES (?, ?, ?) ON CONFLICT ("listId", "value") DO NOTHING`, [
        listId,
        value,
        sql.time(new Date(now)),
      ]);
      if (added) {
        await bumpCount(listId, 1);
        return { added: true, addedAt: null };
      }
      const [row] = await sql.all<{ addedAt: unknown }>(`SELECT "addedAt" FROM "SuppressionItem" WHERE "listId" = ? AND "value" = ?`, [listId, value]);
      return { added: false, addedAt: row ? dbTime(row.addedAt)! : null };
    },
  };
}

