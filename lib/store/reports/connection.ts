// A read connection of its own for reports.
//
// Report SQL varies with every request (bucket boundaries, dimensions, columns), so it must not
// fill the statement caches of the intake connection (lib/store/sql/connection.ts caches every
// statement text it sees).
//
// SQLite: better-sqlite3 is synchronous, and a report over a month of traffic scans for
// 0.3–2 s; on the server's main thread that would stall every intake request for as long. So the
// queries run on a worker thread with its own connection to the same file (WAL lets it read a
// consistent snapshot while intake writes; memory-mapped reads make the scans ~2x faster than
// read() calls). If a worker cannot be started, the queries run in-thread.
// PostgreSQL: a small pool with a statement time-out, so a huge report cannot hold the database.
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseConfig } from "@/lib/store/database-url";

export interface ReportDb {
  provider: "sqlite" | "postgresql";
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

const STATEMENT_TIMEOUT_MS = 120_000;

// The same set-up in both places: query_only rather than a read-only handle, because a read-only
// handle cannot create the WAL index file when it happens to be the first connection.
const PRAGMAS = ["query_only = 1", "busy_timeout = 5000", "mmap_size = 1073741824", "cache_size = -32768"];

/** The worker: CommonJS, evaluated from this string so that no separate file must be bundled. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
const Database = createRequire(workerData.base)("better-sqlite3");
const conn = new Database(workerData.file, { fileMustExist: true });
for (const p of workerData.pragmas) conn.pragma(p);
parentPort.on("message", ({ id, sql, params }) => {
  try {
    parentPort.postMessage({ id, rows: conn.prepare(sql).all(...params) });
  } catch (err) {
    parentPort.postMessage({ id, error: err && err.message ? err.message : String(err) });
  }
});
`;

function sqliteInThread(file: string): ReportDb {
  const conn = new Database(file, { fileMustExist: true });
  for (const p of PRAGMAS) conn.pragma(p);
  return {
    provider: "sqlite",
    async all<T>(sql: string, params: unknown[] = []) {
      return conn.prepare(sql).all(...params) as T[];
    },
  };
}

function sqliteOnWorker(file: string): ReportDb {
  // better-sqlite3 is a server-external package (next.config.js): resolved from the app's
  // node_modules at run time, which is where the worker looks too.
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, pragmas: PRAGMAS, base: path.join(process.cwd(), "package.json") } });
  worker.unref();
  let nextId = 0;
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (err: Error) => void }>();
  let failed: Error | null = null;
  const failAll = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on("message", (msg: { id: number; rows?: unknown[]; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) p.reject(new Error(`report query failed: ${msg.error}`));
    else p.resolve(msg.rows ?? []);
  });
  worker.on("error", (err) => failAll(err instanceof Error ? err : new Error(String(err))));
  worker.on("exit", (code) => failAll(new Error(`report worker exited with code ${code}`)));
  return {
    provider: "sqlite",
    all<T>(sql: string, params: unknown[] = []) {
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return new Promise<T[]>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
        worker.ref();
        worker.postMessage({ id, sql, params });
      }).finally(() => {
        if (!pending.size) worker.unref();
      });
    },
  };
}

function openSqlite(file: string): ReportDb {
  let db: ReportDb | null = null;
  try {
    db = sqliteOnWorker(file);
  } catch {
    return sqliteInThread(file);
  }
  // A worker that cannot load the driver fails on its first query: fall back for good.
  let fallback: ReportDb | null = null;
  return {
    provider: "sqlite",
    async all<T>(sql: string, params: unknown[] = []) {
      if (fallback) return fallback.all<T>(sql, params);
      try {
        return await db!.all<T>(sql, params);
      } catch (err) {
        if (err instanceof Error && err.message.startsWith("report query failed")) throw err;
        fallback = sqliteInThread(file);
        return fallback.all<T>(sql, params);
      }
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
