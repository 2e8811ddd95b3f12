/**
 * `npm run demo`: migrate the embedded database, create the demo admin and the demo flow, build
 * the app when needed, and start it on port 3000.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
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

// The demo flow delivers to this stub buyer, which accepts every lead it can read.
const buyer = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    res.setHeader("Content-Type", "application/json");
    try {
      JSON.parse(body);
      res.end(JSON.stringify({ status: "accepted", id: `demo-${Date.now()}` }));
    } catch {
      res.statusCode = 400;
      res.end(JSON.stringify({ status: "rejected", message: "Body is not JSON" }));
    }
  });
});
buyer.listen(Number(new URL(DEMO.buyerUrl).port), "127.0.0.1");

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
const server = spawn(next, ["start", "-p", port], {
  stdio: "inherit",
  env: { LEADFLOW_DELIVERY_ALLOW_HOSTS: "127.0.0.1", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
