import fs from "node:fs";
import path from "node:path";

/**
 * schema.prisma is written once, for SQLite. The PostgreSQL variant is derived from it by swapping
 * the provider and the client output folder, so that both clients and both migration histories come
 * from one file. The derived file lives at prisma/postgresql/schema.prisma (not committed).
 */
export const PRISMA_DIR = path.dirname(new URL(import.meta.url).pathname);

export type Provider = "sqlite" | "postgresql";

export function schemaPath(provider: Provider): string {
  return provider === "sqlite"
    ? path.join(PRISMA_DIR, "schema.prisma")
    : path.join(PRISMA_DIR, "postgresql", "schema.prisma");
}

export function migrationsDir(provider: Provider): string {
  return path.join(path.dirname(schemaPath(provider)), "migrations");
}

export function schemaText(provider: Provider): string {
  const base = fs.readFileSync(path.join(PRISMA_DIR, "schema.prisma"), "utf8");
  if (provider === "sqlite") return base;
  const derived = base
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "../lib/generated/sqlite"', 'output       = "../../lib/generated/pg"');
  if (derived === base) throw new Error("could not derive the PostgreSQL schema from schema.prisma");
  return "// GENERATED from prisma/schema.prisma by prisma/providers.ts. Do not edit.\n" + derived;
}

export function writeDerivedSchema(): string {
  const file = schemaPath("postgresql");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = schemaText("postgresql");
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  return file;
}
