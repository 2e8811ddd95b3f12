// The few places where report SQL differs between SQLite and PostgreSQL. Everything else is
// written once with `?` placeholders (lib/store/sql/connection.ts).
import { sqliteTime, type SqlDb } from "@/lib/store/sql/connection";

export interface Dialect {
  provider: SqlDb["provider"];
  /** A DateTime parameter compared with a timestamp column. */
  time(ms: number | Date): unknown;
  /** Whole seconds since the epoch (UTC) of a timestamp column, rounded down. */
  epochSeconds(column: string): string;
  /** A timestamp column as text that `Date.parse` reads exactly. */
  timeText(column: string): string;
  /** A Float dollar column as integer micros (money.ts), rounded half away from zero. */
  micros(column: string): string;
  /**
   * The comparable text at a dot path inside a JSON column: a typed value's `normal`, else the
   * value itself (booleans as `true`/`false`); blank → NULL. Path segments must be pre-validated
   * (letters, digits, `_`, `-`): they are written into the SQL text.
   */
  jsonText(column: string, path: readonly string[]): string;
  /** True when the JSON array at `path` of a JSON column contains the string parameter `?`. */
  jsonArrayHas(column: string, path: readonly string[]): string;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;
function checked(path: readonly string[]): readonly string[] {
  if (!path.length || !path.every((s) => SEGMENT.test(s))) throw new Error(`unsafe JSON path ${path.join(".")}`);
  return path;
}

const sqlite: Dialect = {
  provider: "sqlite",
  time: (ms) => sqliteTime(new Date(ms)),
  timeText: (column) => column,
  epochSeconds: (column) => `unixepoch(${column})`,
  micros: (column) => `CAST(ROUND(${column} * 1000000) AS INTEGER)`,
  jsonText(column, path) {
    const p = `$${checked(path).map((s) => `."${s}"`).join("")}`;
    const value = `CASE json_type(${column}, '${p}') WHEN 'object' THEN json_extract(${column}, '${p}."normal"') WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'array' THEN json_extract(${column}, '${p}') ELSE json_extract(${column}, '${p}') END`;
    return `NULLIF(TRIM(CAST(${value} AS TEXT)), '')`;
  },
  jsonArrayHas: (column, path) => `EXISTS (SELECT 1 FROM json_each(${column}, '$${checked(path).map((s) => `."${s}"`).join("")}') WHERE json_each.value = ?)`,
};

const postgresql: Dialect = {
  provider: "postgresql",
  // `timestamp without time zone` columns hold UTC; a literal's zone designator is ignored by
  // PostgreSQL, so the parameter must be the UTC text, never a Date (pg would send local time).
  time: (ms) => new Date(ms).toISOString(),
  timeText: (column) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  // EXTRACT on `timestamp without time zone` counts from 1970-01-01 00:00 as if UTC, which it is.
  epochSeconds: (column) => `CAST(FLOOR(EXTRACT(EPOCH FROM ${column})) AS BIGINT)`,
  // float8 → numeric keeps the shortest decimal form (0.145, not 0.14499…), then exact rounding.
  micros: (column) => `CAST(ROUND(CAST(${column} AS numeric) * 1000000) AS BIGINT)`,
  jsonText(column, path) {
    const p = checked(path).join(",");
    const value = `CASE jsonb_typeof(${column} #> '{${p}}') WHEN 'object' THEN ${column} #>> '{${p},normal}' ELSE ${column} #>> '{${p}}' END`;
    return `NULLIF(TRIM(${value}), '')`;
  },
  jsonArrayHas: (column, path) => `(${column} #> '{${checked(path).join(",")}}') @> jsonb_build_array(CAST(? AS text))`,
};

export function dialectOf(sql: Pick<SqlDb, "provider">): Dialect {
  return sql.provider === "postgresql" ? postgresql : sqlite;
}
