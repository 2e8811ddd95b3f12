import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { schemaPath, writeDerivedSchema } from "./providers";

// `prisma generate` does not run the schema engine, but the CLI downloads it unless this variable
// names an existing file; pointing it at the node binary keeps set-up offline (NOTES-prisma-offline).
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
writeDerivedSchema();
const cli = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");
if (!fs.existsSync(cli)) throw new Error("prisma CLI not installed (npm ci)");
for (const provider of ["sqlite", "postgresql"] as const) {
  execFileSync(process.execPath, [cli, "generate", "--schema", schemaPath(provider)], { env, stdio: ["ignore", "ignore", "inherit"] });
}
console.log("Generated Prisma clients for SQLite and PostgreSQL");
