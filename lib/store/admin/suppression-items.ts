// Items of a suppression list (spec 07 §2.7): batch add/remove, exact and prefix look-ups.
import { db, type Db } from "@/lib/store/prisma";
import { databaseConfig } from "@/lib/store/database-url";
import type { SuppressionItem } from "@/lib/generated/sqlite/client";
import type { NormalizeMode, SuppressionItemsQuery } from "@/lib/schemas/suppression-list";
import { decodeCursor, toPage } from "./pagination";
import { requireList } from "./suppression-lists";
import { normalizeSuppressionValue } from "./suppression-values";

/** Values per statement: one JSON parameter each, so only the database's own limits apply. */
const CHUNK = 5000;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function itemResource(i: SuppressionItem) {
  return { value: i.value, added_at: i.addedAt.toISOString(), expires_at: i.expiresAt?.toISOString() ?? null };
}

/**
 * One INSERT per chunk, values passed as a single JSON array and conflicts skipped by the database
 * (`ON CONFLICT DO NOTHING` exists on both). Measured on 100,000 values: 0.5 s on SQLite and 2.8 s
 * on PostgreSQL, against 15 s for Prisma's createMany on SQLite (which also lacks skipDuplicates
 * there). DateTime values are written the way Prisma writes them for each database.
 */
const INSERT_SQL = {
  sqlite: `INSERT INTO "SuppressionItem" ("listId", "value", "addedAt", "expiresAt")
           SELECT ?, value, ?, ? FROM json_each(?) WHERE true
           ON CONFLICT ("listId", "value") DO NOTHING`,
  postgresql: `INSERT INTO "SuppressionItem" ("listId", "value", "addedAt", "expiresAt")
               SELECT $1, v, $2::timestamp(3), $3::timestamp(3) FROM json_array_elements_text($4::json) AS v
               ON CONFLICT ("listId", "value") DO NOTHING`,
};

function sqlTime(provider: "sqlite" | "postgresql", date: Date | null): string | null {
  if (!date) return null;
  // Prisma's SQLite adapter stores ISO text with a +00:00 offset; PostgreSQL columns are UTC timestamps.
  return provider === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString().slice(0, 23);
}

/**
 * Inserts one chunk of distinct, normalized values; values already on the list get `added_at`
 * refreshed (07 §2.7). Returns how many were new.
 */
async function insertChunk(tx: Tx, listId: string, values: string[], addedAt: Date, expiresAt: Date | null): Promise<number> {
  const provider = databaseConfig().provider;
  const added = await tx.$executeRawUnsafe(INSERT_SQL[provider], listId, sqlTime(provider, addedAt), sqlTime(provider, expiresAt), JSON.stringify(values));
  if (added < values.length) {
    // Rows inserted just now carry exactly `addedAt`; everything older was already there.
    await tx.suppressionItem.updateMany({ where: { listId, value: { in: values }, addedAt: { lt: addedAt } }, data: { addedAt, expiresAt } });
  }
  if (added > 0) await tx.suppressionList.update({ where: { id: listId }, data: { itemCount: { increment: added } } });
  return added;
}

/**
 * Adds normalized values (duplicates within `values` allowed) and returns how many were new. Used by
 * the items route and the CSV import; each chunk is its own short transaction.
 */
export async function insertValues(listId: string, values: readonly string[], expiresAt: Date | null = null): Promise<number> {
  const unique = [...new Set(values)];
  let added = 0;
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const addedAt = new Date();
    added += await db().$transaction((tx) => insertChunk(tx, listId, chunk, addedAt, expiresAt), { timeout: 60_000 });
  }
  return added;
}

/** Normalizes raw values: the usable ones, and the invalid ones with their position. */
export function normalizeValues(values: readonly string[], mode: NormalizeMode) {
  const valid: string[] = [];
  const invalid: Array<{ index: number; value: string }> = [];
  values.forEach((raw, index) => {
    const value = normalizeSuppressionValue(raw, mode);
    if (value === null) invalid.push({ index, value: raw });
    else valid.push(value);
  });
  return { valid, invalid };
}

/**
 * POST …/items: `added` new values, `already_present` values that were on the list (or repeated
 * in the call; their `added_at` is refreshed), `invalid` values that normalize to nothing.
 */
export async function addItems(listId: string, input: { values: string[]; normalize: NormalizeMode; expires_at?: string | null }) {
  await requireList(listId);
  const { valid, invalid } = normalizeValues(input.values, input.normalize);
  const added = await insertValues(listId, valid, input.expires_at ? new Date(input.expires_at) : null);
  return { added, already_present: valid.length - added, invalid };
}

/** DELETE …/items: `removed` values found and deleted, `not_found` the rest. */
export async function removeItems(listId: string, input: { values: string[]; normalize: NormalizeMode }) {
  await requireList(listId);
  const { valid, invalid } = normalizeValues(input.values, input.normalize);
  const unique = [...new Set(valid)];
  let removed = 0;
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    removed += await db().$transaction(async (tx) => {
      const { count } = await tx.suppressionItem.deleteMany({ where: { listId, value: { in: chunk } } });
      if (count > 0) await tx.suppressionList.update({ where: { id: listId }, data: { itemCount: { decrement: count } } });
      return count;
    });
  }
  return { removed, not_found: valid.length - removed + invalid.length };
}

/**
 * GET …/items. `value`: exact look-up, always 200 (`found` says whether a live item matches);
 * `prefix`: values starting with it, in value order; otherwise every item, newest first.
 */
export async function queryItems(listId: string, query: SuppressionItemsQuery) {
  await requireList(listId);
  const items = db().suppressionItem;
  if (query.value !== undefined) {
    const value = normalizeSuppressionValue(query.value, query.normalize);
    const item = value === null ? null : await items.findUnique({ where: { listId_value: { listId, value } } });
    const live = item && (!item.expiresAt || item.expiresAt.getTime() > Date.now());
    return {
      value: value ?? query.value.trim().toLowerCase(),
      found: !!live,
      added_at: live ? item.addedAt.toISOString() : null,
      expires_at: live ? (item.expiresAt?.toISOString() ?? null) : null,
    };
  }
  if (query.prefix !== undefined) {
    // A range on the primary key (listId, value) instead of LIKE: it uses the index on both databases.
    const prefix = query.prefix.trim().toLowerCase();
    const cursor = decodeCursor(query.cursor, ["string"]);
    const rows = await items.findMany({
      where: { listId, value: { gte: prefix, lt: `${prefix}\uffff`, ...(cursor ? { gt: cursor[0] as string } : {}) } },
      orderBy: { value: "asc" },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (r) => [r.value], itemResource);
  }
  const cursor = decodeCursor(query.cursor, ["date", "string"]);
  const rows = await items.findMany({
    where: {
      listId,
      ...(cursor
        ? { OR: [{ addedAt: { lt: cursor[0] as Date } }, { addedAt: cursor[0] as Date, value: { lt: cursor[1] as string } }] }
        : {}),
    },
    orderBy: [{ addedAt: "desc" }, { value: "desc" }],
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, (r) => [r.addedAt.toISOString(), r.value], itemResource);
}
