import path from "node:path";

export type DatabaseConfig =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string };

/**
 * Which database to use, from DATABASE_URL: unset or `file:` → the embedded SQLite file
 * (default `./data/leadflow.db`); `postgres://` or `postgresql://` → PostgreSQL.
 * Anything else is a configuration error, reported with the variable's name.
 */
export function databaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) {
    const file = path.resolve(/* turbopackIgnore: true */ process.cwd(), "data/leadflow.db");
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (raw.startsWith("file:")) {
    const file = path.resolve(/* turbopackIgnore: true */ process.cwd(), raw.slice("file:".length));
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new Error("DATABASE_URL is not a valid PostgreSQL URL (expected postgresql://user@host:port/db)");
    }
    return { provider: "postgresql", url: raw };
  }
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${raw.slice(0, 20)}…"`,
  );
}
