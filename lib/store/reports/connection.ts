// A read connection of its own for reports. Report SQL varies with every request (one bucket
// boundary per parameter, dimensions, columns), so it must not fill the statement caches of the
// intake connection (lib/store/sql/connection.ts caches every statement text it sees). SQLite:
// a query-only handle on the same file; WAL lets it read a consistent snapshot while intake
// writes, and memory-mapped reads make the report scans ~2x faster than read() calls.
// PostgreSQL: a small pool with a statement time-out, so a huge report cannot hold the database.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseConfig } from "@/lib/store/database-url";

export interface ReportDb {
  provider: "sqlite" | "postgresql";
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

const STATEMENT_TIMEOUT_MS = 120_000;

function openSqlite(file: string): ReportDb {
  // Not opened read-only: a read-only handle cannot create the WAL index file when it is the
  // first connection; query_only gives the same guarantee.
  const conn = new Database(file, { fileMustExist: true });
  conn.pragma("query_only = 1");
  conn.pragma("busy_timeout = 5000");
  conn.pragma("mmap_size = 1073741824");
  conn.pragma("cache_size = -32768");
  return {
    provider: "sqlite",
    async all<T>(sql: string, params: unknown[] = []) {
      return conn.prepare(sql).all(...params) as T[];
    },
  };
}

function openPg(url: string): ReportDb {
  const pool = new pg.Pool({ connectionString: url, max: 4, statement_timeout: STATEMENT_TIMEOUT_MS });
  return {
    provider: "postgresql",
    async all<T>(sql: string, params: unknown[] = []) {
      let i = 0;
      // Report SQL never contains a literal question mark (values are parameters; JSON paths and
      // type names are checked identifiers), so every `?` is a placeholder.
      const text = sql.replace(/\?/g, () => `$${++i}`);
      return (await pool.query({ text, values: params })).rows as T[];
    },
  };
}

const globalForReports = globalThis as unknown as { __leadflowReportDb?: ReportDb };

export function reportDb(): ReportDb {
  if (!globalForReports.__leadflowReportDb) {
    const config = databaseConfig();
    globalForReports.__leadflowReportDb = config.provider === "sqlite" ? openSqlite(config.file) : openPg(config.url);
  }
  return globalForReports.__leadflowReportDb;
}
