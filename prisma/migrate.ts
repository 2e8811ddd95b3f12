/**
 * Offline migrations for both databases, through Prisma's WebAssembly schema engine
 * (see NOTES-prisma-offline.md: the CLI would download a native engine, which we cannot reach).
 *
 *   npm run db:migrate                  apply pending migrations to DATABASE_URL (SQLite by default)
 *   npm run db:migration:new -- <name>  write a new migration for SQLite and PostgreSQL from the
 *                                       change of prisma/schema.prisma since the last migration
 *
 * Migration folders keep Prisma's standard layout (`<timestamp>_<name>/migration.sql` plus
 * `migration_lock.toml`), so `prisma migrate deploy` works too wherever the native engine exists.
 * Each history keeps `schema.snapshot.prisma`, the schema its last migration produced; new
 * migrations are the diff from that snapshot, which needs no shadow database.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseConfig, type DatabaseConfig } from "../lib/store/database-url";
import { migrationsDir, schemaText, type Provider } from "./providers";

const FILTERS = { externalTables: [], externalEnums: [] };

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout?: string | null }>;
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  close(): Promise<void>;
};

type Connectable = { connect(...args: unknown[]): Promise<{ dispose(): Promise<void> }> };

/** Wraps an adapter factory so that the connections the engine opens can be closed afterwards. */
function tracked<F extends Connectable>(factory: F, opened: { dispose(): Promise<void> }[]): F {
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === "connect") {
        return async (...args: unknown[]) => {
          const connection = await target.connect(...args);
          opened.push(connection);
          return connection;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

let wasmModule: Promise<{ SchemaEngine: { new: (...args: unknown[]) => Promise<WasmEngine> } }> | undefined;
type WasmEngine = Omit<Engine, "close"> & { free(): void };

/** Instantiates the wasm engine once per process (a second instantiation corrupts the first). */
function loadWasm() {
  wasmModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    // The engine reports Rust panics through this global; surface them as the error message.
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        console.error(`schema engine panic: ${message}`);
      },
    };
    // The package's ESM entry imports the .wasm file directly, which Node cannot do: wire it by hand.
    const bg = await import(path.join(pkgDir, "schema_engine_bg.js"));
    const wasm = await WebAssembly.compile(fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm")));
    const instance = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return wasmModule;
}

async function loadEngine(provider: Provider, db: DatabaseConfig | null): Promise<Engine> {
  const bg = await loadWasm();
  const adapter =
    provider === "sqlite"
      ? new PrismaBetterSqlite3({ url: db?.provider === "sqlite" ? db.url : ":memory:" })
      : new PrismaPg({ connectionString: db?.url ?? "postgresql://postgres@127.0.0.1:5432/postgres" });
  const log = (msg: string) => {
    if (process.env.LEADFLOW_MIGRATE_DEBUG) console.error(msg);
  };
  const opened: { dispose(): Promise<void> }[] = [];
  const engine = await bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", schemaText(provider)]] },
    log,
    bindMigrationAwareSqlAdapterFactory(tracked(adapter as unknown as Connectable, opened) as never),
  );
  return {
    diff: (params: unknown) => engine.diff(params),
    applyMigrations: (input: unknown) => engine.applyMigrations(input),
    // The engine keeps its connection open (SQLite would stay locked for the app): close it.
    async close() {
      engine.free();
      await Promise.all(opened.map((c) => c.dispose()));
    },
  };
}

function readMigrations(provider: Provider) {
  const dir = migrationsDir(provider);
  const names = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, "migration.sql"))).sort()
    : [];
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(db: DatabaseConfig = databaseConfig()): Promise<string[]> {
  if (db.provider === "sqlite") fs.mkdirSync(path.dirname(db.file), { recursive: true });
  const engine = await loadEngine(db.provider, db);
  try {
    const result = await engine.applyMigrations({ migrationsList: readMigrations(db.provider), filters: FILTERS });
    return result.appliedMigrationNames;
  } finally {
    await engine.close();
  }
}

/**
 * One wasm engine per process: a second instantiation in the same process corrupts the first
 * (seen as a garbled panic), so each provider's diff runs in a child process.
 */
function newMigration(name: string) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "migration";
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const provider of ["sqlite", "postgresql"]) {
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--diff", provider, `${stamp}_${slug}`], {
      stdio: "inherit",
    });
  }
}

async function writeMigration(provider: Provider, folderName: string) {
  {
    const dir = migrationsDir(provider);
    const snapshotPath = path.join(dir, "schema.snapshot.prisma");
    const target = schemaText(provider);
    const from = fs.existsSync(snapshotPath)
      ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fs.readFileSync(snapshotPath, "utf8") }] }
      : { tag: "empty" };
    const engine = await loadEngine(provider, provider === "postgresql" ? databaseConfigFor("postgresql") : null);
    const diff = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: target }] },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    const sql = diff.stdout ?? "";
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
      console.log(`${provider}: schema unchanged, no migration written`);
      return;
    }
    const folder = path.join(dir, folderName);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "migration.sql"), sql);
    fs.writeFileSync(
      path.join(dir, "migration_lock.toml"),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
    );
    fs.writeFileSync(snapshotPath, target);
    console.log(`${provider}: wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
  }
}

function databaseConfigFor(provider: "postgresql"): DatabaseConfig {
  const url = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "postgresql://postgres@127.0.0.1:5432/test";
  return { provider, url };
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--new") return newMigration(args[1] ?? "migration");
  if (args[0] === "--diff") return writeMigration(args[1] as Provider, args[2]!);
  const db = databaseConfig();
  const applied = await migrate(db);
  const where = db.provider === "sqlite" ? db.file : db.url.replace(/\/\/[^@]*@/, "//***@");
  console.log(applied.length ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}` : `Database ${where} is up to date`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  main().catch((err) => {
    console.error(`db:migrate failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
