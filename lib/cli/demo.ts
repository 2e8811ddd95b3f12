/**
 * `npm run demo`: migrate the embedded database, create the demo admin and the demo flow, build
 * the app when needed, and start it on port 3000.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migrate } from "@/prisma/migrate";
import { DEMO, seedDemo } from "@/prisma/seed";
import { databaseConfig } from "@/lib/store/database-url";

const port = process.env.PORT ?? "3000";
const next = path.join(process.cwd(), "node_modules", ".bin", "next");

const applied = await migrate();
console.log(applied.length ? `Database migrated (${applied.length} migration(s))` : "Database up to date");
await seedDemo();

if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID")) || process.argv.includes("--build")) {
  console.log("Building the app (first run only; about a minute)…");
  const build = spawnSync(next, ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const db = databaseConfig();
const base = `http://localhost:${port}`;
console.log(`
  Leadflow is starting at ${base}
  Database:  ${db.provider === "sqlite" ? db.file : "PostgreSQL"}
  Sign in:   ${DEMO.email} / ${DEMO.password}

  Submit a demo lead:
    curl -X POST ${base}/flows/${DEMO.flowId}/sources/${DEMO.sourceId}/submit \\
      -H 'Content-Type: application/json' \\
      -d '{"first_name":"Ann","email":"ann@example.com","phone_1":"(512) 789-1111","state":"texas"}'
`);
const server = spawn(next, ["start", "-p", port], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
