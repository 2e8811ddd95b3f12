import Database from "better-sqlite3";
import pg from "pg";
import fs from "node:fs";
import path from "node:path";
import { databaseConfig } from "@/lib/store/database-url";

/**
 * The intake hot path talks to the database through the driver directly: Prisma's interactive
 * transaction costs ~1.4 ms per lead here against ~0.07 ms for the same SQL through better-sqlite3
 * (NOTES-engineering §1). The admin side keeps Prisma's model API. Both use the same tables.
 *
 * SQL is written once with `?` placeholders and numbered for PostgreSQL.
 */
export type Row = Record<string, unknown>;

export interface Querier {
  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<number>;
}

export interface TxOptions {
  /**
   * Durable commits survive power loss (SQLite `synchronous=FULL`, PostgreSQL's default). The
   * short-lived bookkeeping of a lead in flight (cap reservations, duplicate claims, the journal)
   * only has to survive a process crash, and its leases release it anyway, so it commits without
   * waiting for the disk; the completed lead is always written durably.
   */
  durable?: boolean;
}

export interface SqlDb extends Querier {
  provider: "sqlite" | "postgresql";
  /** Runs `fn` in one transaction (SQLite: BEGIN IMMEDIATE, one at a time per process). */
  tx<T>(fn: (q: Querier) => Promise<T>, options?: TxOptions): Promise<T>;
  /** A value for a DateTime column, stored the way Prisma stores it for this provider. */
  time(date: Date): unknown;
  close(): Promise<void>;
}

/** Prisma's SQLite adapter stores DateTime as ISO text with a +00:00 offset: match it exactly. */
export function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function openSqlite(file: string): SqlDb {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const conn = new Database(file);
  conn.pragma("journal_mode = WAL");
  // In WAL mode NORMAL survives process crashes; a durable commit must also survive power loss.
  // SQLite's FULL would fsync the WAL inside COMMIT, on the event loop, stalling every request
  // for the length of a disk flush. Instead every commit is NORMAL and a durable one resolves
  // after the WAL file has been flushed on libuv's thread pool: the same guarantee (the commit
  // frames are on disk before anyone is told), while other leads keep running. One flush covers
  // every commit before it, so concurrent leads share it.
  const durableLevel = process.env.LEADFLOW_SQLITE_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL";
  conn.pragma("synchronous = NORMAL");
  const syncWal = walSyncer(`${file}-wal`);
  conn.pragma("busy_timeout = 5000");
  conn.pragma("foreign_keys = ON");
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = conn.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  const normalize = (params: unknown[]) =>
    params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p instanceof Date ? sqliteTime(p) : p === undefined ? null : p));
  const querier: Querier = {
    async all<T>(sql: string, params: unknown[] = []) {
      const stmt = prepare(sql);
      return (stmt.reader ? stmt.all(...normalize(params)) : (stmt.run(...normalize(params)), [])) as T[];
    },
    async run(sql: string, params: unknown[] = []) {
      return prepare(sql).run(...normalize(params)).changes;
    },
  };
  // One connection: transactions must not interleave, so they queue behind each other.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    provider: "sqlite",
    ...querier,
    tx<T>(fn: (q: Querier) => Promise<T>, options?: TxOptions): Promise<T> {
      const durable = options?.durable === true && durableLevel === "FULL";
      const next = queue.then(async () => {
        conn.exec("BEGIN IMMEDIATE");
        try {
          const result = await fn(querier);
          conn.exec("COMMIT");
          return result;
        } catch (err) {
          if (conn.inTransaction) conn.exec("ROLLBACK");
          throw err;
        }
      });
      queue = next.catch(() => undefined);
      // The next transaction may start while this one's flush is under way.
      return durable ? next.then(async (result) => (await syncWal(), result)) : next;
    },
    time: sqliteTime,
    async close() {
      conn.close();
    },
  };
}

/**
 * Flushes a WAL file to disk off the event loop. A flush covers the commits written before it
 * started; callers arriving while one runs share the next one (group flush).
 */
export function walSyncer(walFile: string) {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const flush = async () => {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(walFile, "r");
    } catch (err) {
      // No WAL file: everything was checkpointed into the database file, which SQLite synced.
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw err;
    }
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  };
  const sync = (): Promise<void> => {
    if (!running) {
      running = flush().finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running.catch(() => undefined).then(() => {
      queued = null;
      return sync();
    });
    return queued;
  };
  return sync;
}

/** `?` → `$1, $2, …` (our SQL never contains a literal question mark). */
const numbered = new Map<string, string>();
function toPg(sql: string): string {
  let out = numbered.get(sql);
  if (!out) {
    let i = 0;
    out = sql.replace(/\?/g, () => `$${++i}`);
    numbered.set(sql, out);
  }
  return out;
}

function openPg(url: string): SqlDb {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const on = (client: pg.Pool | pg.PoolClient): Querier => ({
    async all<T>(sql: string, params: unknown[] = []) {
      return (await client.query({ text: toPg(sql), values: params })).rows as T[];
    },
    async run(sql: string, params: unknown[] = []) {
      return (await client.query({ text: toPg(sql), values: params })).rowCount ?? 0;
    },
  });
  return {
    provider: "postgresql",
    ...on(pool),
    async tx<T>(fn: (q: Querier) => Promise<T>, options?: TxOptions): Promise<T> {
      const client = await pool.connect();
      try {
        // One round trip: each costs ~0.2 ms here, and a lead makes several transactions.
        await client.query(options?.durable === true ? "BEGIN" : "BEGIN; SET LOCAL synchronous_commit = off");
        const result = await fn(on(client));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    time: (d: Date) => d,
    close: () => pool.end(),
  };
}

const globalForSql = globalThis as unknown as { __leadflowSql?: SqlDb };

export function sqlDb(): SqlDb {
  if (!globalForSql.__leadflowSql) {
    const config = databaseConfig();
    globalForSql.__leadflowSql = config.provider === "sqlite" ? openSqlite(config.file) : openPg(config.url);
  }
  return globalForSql.__leadflowSql;
}

export function openSqlDb(url: string): SqlDb {
  const config = databaseConfig({ DATABASE_URL: url } as unknown as NodeJS.ProcessEnv);
  return config.provider === "sqlite" ? openSqlite(config.file) : openPg(config.url);
}
