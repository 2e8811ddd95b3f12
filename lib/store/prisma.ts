import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PgClient } from "@/lib/generated/pg/client";
import { databaseConfig } from "./database-url";

/**
 * The Prisma client for the configured database. Both generated clients come from the same
 * schema, so they share one model API; the SQLite client's type stands for both.
 */
export type Db = SqliteClient;

const globalForDb = globalThis as unknown as { __leadflowDb?: Db };

export function createDb(): Db {
  const config = databaseConfig();
  if (config.provider === "sqlite") {
    return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: config.url, timeout: 5000 }) });
  }
  return new PgClient({ adapter: new PrismaPg({ connectionString: config.url, max: 8 }) }) as unknown as Db;
}

/** One client per process (Next.js dev reloads modules; keep the client on globalThis). */
export function db(): Db {
  globalForDb.__leadflowDb ??= createDb();
  return globalForDb.__leadflowDb;
}
