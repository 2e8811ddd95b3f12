/**
 * Intake benchmark: sustained leads per second and latency through the real HTTP path
 * (`next start`, the submit route, the engine, SQLite) for a realistic flow:
 * 15 fields, 20 acceptance rules, a duplicate check, a suppression list of 1,000,000 entries,
 * 4 pricing rules, 3 nested caps, 2 filter steps and 1 recipient on a local stub buyer.
 *
 *   node --import tsx bench/intake.ts [--seconds 20] [--connections 10] [--list-size 1000000]
 *
 * Needs a production build (`npx next build`); writes its section into BENCHMARKS.md.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
// @ts-expect-error autocannon ships no type declarations
import autocannon from "autocannon";
import pg from "pg";
import { migrate } from "@/prisma/migrate";
import { databaseConfig } from "@/lib/store/database-url";
import { openSqlDb, type SqlDb } from "@/lib/store/sql/connection";
import { flowDocumentSchema, normalizeFlowDocument } from "@/lib/schemas/flow";
import { writeSection } from "./write-benchmarks";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    connections: { type: "string", default: "10" },
    "list-size": { type: "string", default: "1000000" },
    port: { type: "string", default: "3456" },
    keep: { type: "boolean", default: false },
    database: { type: "string", default: "sqlite" }, // or postgresql (a fresh database on --pg-url's server)
    "pg-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/test" },
    // Only the in-process part (no Next.js), e.g. under `node --cpu-prof`; BENCHMARKS.md untouched.
    "in-process-only": { type: "string" },
    "in-process-concurrency": { type: "string", default: "1" },
    // Writes a CPU profile of the server into this directory (node --cpu-prof).
    "profile-server": { type: "string" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const listSize = Number(values["list-size"]);
const port = Number(values.port);

const FLOW_ID = "aaaaaaaaaaaaaaaaaaaaaaaa";
const SOURCE_ID = "bbbbbbbbbbbbbbbbbbbbbbbb";
const LIST_ID = "cccccccccccccccccccccccc";
const RECIPIENT_ID = "dddddddddddddddddddddddd";
const BUYER_PORT = port + 1;

const rule = (lhv: string, op: string, rhv?: unknown) => (rhv === undefined ? { lhv, op } : { lhv, op, rhv });

function flowDocument() {
  const fields = ["first_name", "last_name", "email", "phone_1", "address_1", "city", "state", "postal_code", "dob", "gender", "ip_address", "credit_score", "annual_salary", "trustedform_cert_url", "comments"];
  const acceptance = [
    rule("lead.first_name", "is not blank"),
    rule("lead.last_name", "is not blank"),
    rule("lead.email", "is not blank"),
    rule("lead.email", "format is valid"),
    rule("lead.phone_1", "is not blank"),
    rule("lead.phone_1", "format is valid"),
    rule("lead.state", "is included in", ["TX", "CA", "FL", "NY", "AZ"]),
    rule("lead.postal_code", "format is valid"),
    rule("lead.address_1", "is not blank"),
    rule("lead.city", "is not blank"),
    rule("lead.credit_score", "is greater than", 500),
    rule("lead.annual_salary", "is greater than or equal to", 20000),
    rule("lead.email.is_disposable", "is not true"),
    rule("lead.phone_1.is_tollfree", "is false"),
    rule("lead.first_name", "is not obscene"),
    rule("lead.comments", "does not include", "test lead"),
    { op: "or", rules: [rule("lead.gender", "is blank"), rule("lead.gender", "is included in", ["male", "female", "other"])] },
    { op: "or", rules: [rule("lead.dob", "is blank"), rule("lead.dob.age", "is greater than or equal to", 18)] },
    rule("lead.ip_address", "format is valid"),
    rule("lead.trustedform_cert_url", "is not blank"),
  ];
  const capRule = (state: string) => ({ op: "and", rules: [rule("lead.state", "is equal to", state)] });
  return {
    id: FLOW_ID,
    name: "Bench flow",
    fields,
    acceptance_criteria: { rule_set: { op: "and", rules: acceptance }, outcome: "failure" },
    suppression: {
      duplicate: { enabled: true, fields: ["email"], match: "all", lookback: { value: 30, interval: "day" }, scope: "flow" },
      lists: [{ kind: "dnc", list_ids: [LIST_ID], fields: ["phone_1"], reason: "Phone on DNC list" }],
    },
    pricing: {
      override: false,
      prices: [
        { amount: 10, rule_set: null },
        { amount: 12, rule_set: capRule("CA") },
        { amount: 15, rule_set: capRule("TX") },
        { amount: 20, rule_set: { op: "and", rules: [rule("lead.credit_score", "is greater than", 700)] } },
      ],
    },
    caps: [
      {
        type: "volume",
        name: "Monthly",
        maximum: 1_000_000_000,
        duration: 1,
        duration_units: "month",
        time_zone: "America/Chicago",
        caps: [
          {
            type: "volume",
            name: "TX daily",
            maximum: 1_000_000_000,
            duration: 1,
            duration_units: "day",
            time_zone: "America/Chicago",
            rule_set: capRule("TX"),
            caps: [{ type: "volume", name: "TX hourly", maximum: 1_000_000_000, duration: 1, duration_units: "hour", time_zone: "America/Chicago", caps: [] }],
          },
        ],
      },
    ],
    sources: [
      {
        id: "src001",
        entity: { id: SOURCE_ID, name: "Bench vendor" },
        integration: { module_id: "leadconduit-default.inbound", mappings: [] },
        enabled: true,
        authentication_required: false,
      },
    ],
    steps: [
      {
        type: "filter",
        id: "flt001",
        description: "Stop low credit CA",
        rule_set: { op: "and", rules: [rule("lead.state", "is equal to", "CA"), rule("lead.credit_score", "is less than", 550)] },
        outcome: "failure",
        reason: "Low credit in CA",
        enabled: true,
      },
      {
        type: "filter",
        id: "flt002",
        description: "Stop salary outliers",
        rule_set: { op: "and", rules: [rule("lead.annual_salary", "is greater than", 10_000_000)] },
        outcome: "failure",
        enabled: true,
      },
      {
        type: "recipient",
        id: "rcp001",
        description: "Stub buyer",
        entity: { id: RECIPIENT_ID, name: "Stub Buyer" },
        integration: {
          module_id: "custom.outbound.json",
          mappings: [
            { property: "url", value: `http://127.0.0.1:${BUYER_PORT}/leads` },
            { property: "json_property.email", value: "{{lead.email}}" },
            { property: "json_property.phone", value: "{{lead.phone_1}}" },
            { property: "json_property.state", value: "{{lead.state}}" },
            { property: "outcome_search_term", value: "accepted" },
            { property: "outcome_search_path", value: "status" },
          ],
        },
        enabled: true,
        retry_enabled: false,
        purpose: "delivery",
      },
    ],
  };
}

async function seed(sql: SqlDb) {
  const now = sql.time(new Date());
  await sql.run(`INSERT INTO "Flow" ("id","name","description","enabled","latestVersion","deployedVersion","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?)`, [FLOW_ID, "Bench flow", "", true, 1, 1, now, now]);
  await sql.run(`INSERT INTO "FlowVersion" ("id","flowId","version","document","note","createdAt") VALUES (?,?,?,?,?,?)`, ["eeeeeeeeeeeeeeeeeeeeeeee", FLOW_ID, 1, JSON.stringify(normalizeFlowDocument(flowDocumentSchema.parse(flowDocument()))), "", now]);
  for (const [id, name, kind] of [[SOURCE_ID, "Bench vendor", "source"], [RECIPIENT_ID, "Stub Buyer", "recipient"]]) {
    await sql.run(`INSERT INTO "Entity" ("id","name","kind","description","createdAt","updatedAt") VALUES (?,?,?,?,?,?)`, [id, name, kind, "", now, now]);
  }
  await sql.run(`INSERT INTO "SuppressionList" ("id","name","urlName","kind","description","itemCount","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?)`, [LIST_ID, "DNC", "dnc", "dnc", "", listSize, now, now]);
  // Numbers in the 900 area code never collide with the bench leads' phones.
  const ROWS = 500;
  await sql.tx(async (q) => {
    for (let start = 0; start < listSize; start += ROWS) {
      const n = Math.min(ROWS, listSize - start);
      const params: unknown[] = [];
      for (let i = start; i < start + n; i++) params.push(LIST_ID, String(9000000000 + i), now);
      await q.run(`INSERT INTO "SuppressionItem" ("listId","value","addedAt") VALUES ${Array(n).fill("(?,?,?)").join(",")}`, params);
    }
  });
}

let seq = 0;
const STATES = ["TX", "CA", "FL", "NY", "AZ"];
function leadBody(): string {
  const n = seq++;
  return JSON.stringify({
    first_name: "Ann",
    last_name: `Lee${n}`,
    email: `ann.${n}.${process.pid}@example.com`,
    phone_1: `512${String(2000000 + (n % 7000000)).padStart(7, "0")}`,
    address_1: "1 Main St",
    city: "Austin",
    state: STATES[n % STATES.length],
    postal_code: "78701",
    dob: "1980-05-04",
    gender: "female",
    ip_address: "203.0.113.9",
    credit_score: "700-749",
    annual_salary: "$85,000",
    trustedform_cert_url: "https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567",
    comments: "Interested in solar",
  });
}

/** CPU time (user + system) used so far by a process group, from /proc (Linux). */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // Fields after the command name: state ppid pgrp … utime(14) stime(15), counted from the pid.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* exited */
    }
  }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function waitForHealth(base: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not start");
}

/**
 * The same leads through the same handlers without Next.js (transport, engine, SQLite, the stub
 * buyer), serially, to separate the framework's cost from ours.
 */
async function inProcess(url: string, count: number, lanes: number): Promise<string[]> {
  process.env.DATABASE_URL = url;
  process.env.LEADFLOW_DELIVERY_ALLOW_HOSTS = "127.0.0.1";
  const { handleIntake } = await import("@/lib/intake");
  const { intakeHandlers } = await import("@/lib/store/intake/intake-service");
  const handlers = intakeHandlers();
  const target = `http://127.0.0.1:${port}/flows/${FLOW_ID}/sources/${SOURCE_ID}/submit`;
  const run = async () => {
    const body = leadBody();
    const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
    const res = await handleIntake(new Request(target, { method: "POST", headers, body }), handlers);
    await res.text();
  };
  for (let i = 0; i < 200; i++) await run();
  const times: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  let left = count;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (left-- > 0) {
        const t = performance.now();
        await run();
        times.push(performance.now() - t);
      }
    }),
  );
  const total = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuPerLead = (used.user + used.system) / 1000 / count;
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.floor((times.length - 1) * q)]!.toFixed(2);
  return [
    `Without Next.js (the route's own handlers called in-process, ${lanes === 1 ? "one lead at a time" : `${lanes} at a time`}, ${count} leads): **${Math.round((count / total) * 1000)} leads/s**, per lead p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, CPU ${cpuPerLead.toFixed(2)} ms (incl. the stub buyer) — parsing, the engine, the database writes and the buyer call; the difference to the HTTP numbers is Next.js and the load generator.`,
  ];
}

async function main() {
  if (!values["in-process-only"] && !fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) throw new Error("run `npx next build` first");
  const postgres = values.database === "postgresql";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadflow-bench-"));
  const file = path.join(dir, "bench.db");
  let url = `file:${file}`;
  const pgAdmin = postgres ? new pg.Client({ connectionString: values["pg-url"] }) : null;
  const pgName = `leadflow_bench_${process.pid}`;
  if (pgAdmin) {
    await pgAdmin.connect();
    await pgAdmin.query(`CREATE DATABASE ${pgName}`);
    const u = new URL(values["pg-url"]!);
    u.pathname = `/${pgName}`;
    url = u.toString();
  }
  await migrate(databaseConfig({ DATABASE_URL: url } as unknown as NodeJS.ProcessEnv));
  const store = openSqlDb(url);
  const seedStart = performance.now();
  await seed(store);
  const seedMs = performance.now() - seedStart;

  let delivered = 0;
  const inProcessOnly = values["in-process-only"] ? Number(values["in-process-only"]) : 0;
  const buyer = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      delivered++;
      res.setHeader("Content-Type", "application/json");
      res.end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((r) => buyer.listen(BUYER_PORT, "127.0.0.1", r));

  const cleanUp = async () => {
    buyer.close();
    await store.close();
    // The in-process runs opened the app's own connection; close it before the database goes.
    await (globalThis as { __leadflowSql?: SqlDb }).__leadflowSql?.close();
    if (values.keep) console.log(`kept ${url}`);
    else {
      fs.rmSync(dir, { recursive: true, force: true });
      await pgAdmin?.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    }
    await pgAdmin?.end();
  };
  if (inProcessOnly) {
    try {
      console.log((await inProcess(url, inProcessOnly, Number(values["in-process-concurrency"]))).join("\n"));
    } finally {
      await cleanUp();
    }
    return;
  }
  const profile = values["profile-server"] ? ["--cpu-prof", "--cpu-prof-interval=250", "--cpu-prof-dir", values["profile-server"]] : [];
  const server = spawn(process.execPath, [...profile, path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: url, LEADFLOW_DELIVERY_ALLOW_HOSTS: "127.0.0.1", LEADFLOW_LOG_LEVEL: "error", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true, // its own process group, so that stopping it also stops next-server
  });
  const base = `http://127.0.0.1:${port}`;
  const target = `${base}/flows/${FLOW_ID}/sources/${SOURCE_ID}/submit`;
  try {
    await waitForHealth(base);
    const run = (duration: number) =>
      autocannon({
        url: target,
        method: "POST",
        connections,
        duration,
        headers: { "content-type": "application/json" },
        setupClient: (client: { setBody(body: string): void }) => client.setBody(leadBody()),
        requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: leadBody() }) }],
      });
    await run(3); // warm-up: compile the flow, JIT, connection pools
    const cpuBefore = groupCpuMs(server.pid!);
    const result = await run(seconds);
    const serverCpuPerLead = (groupCpuMs(server.pid!) - cpuBefore) / Math.max(1, result.requests.total);

    const outcomes = await store.all<{ outcome: string; n: number }>(`SELECT "outcome", COUNT(*) AS n FROM "Lead" GROUP BY "outcome"`);
    const reasons = await store.all(`SELECT "reason", COUNT(*) AS n FROM "Lead" WHERE "outcome" != 'success' GROUP BY "reason" ORDER BY n DESC LIMIT 3`);
    const timings = (await store.all<{ ms: number }>(`SELECT "ms" FROM "Event" WHERE "type" = 'source' ORDER BY "ms"`)).map((r) => Number(r.ms));
    // The framework's own floor on this machine, same load generator: a route that only reads one row.
    const floorCpu = groupCpuMs(server.pid!);
    const floor = await autocannon({ url: `${base}/api/health`, connections, duration: 5 });
    const floorCpuPerRequest = (groupCpuMs(server.pid!) - floorCpu) / Math.max(1, floor.requests.total);
    const pct = (p: number) => timings[Math.min(timings.length - 1, Math.floor((timings.length * p) / 100))] ?? 0;

    const non2xx = result.non2xx;
    const lines = [
      `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
      `Load generator (autocannon, ${connections} connections), Next.js server and stub buyer share the same cores.`,
      "",
      `Flow: 15 fields, 20 acceptance rules, duplicate check on email (30 days), DNC list of ${listSize.toLocaleString("en-US")} phones, 4 pricing rules (last match wins), 3 nested caps, 2 filter steps, 1 JSON recipient on a local stub. ${postgres ? "PostgreSQL 15 on the same machine (default configuration; completed leads committed with synchronous_commit on)" : "SQLite (WAL; every completed lead flushed to disk before it is answered, the flush off the event loop)"}. Seeding the list took ${(seedMs / 1000).toFixed(1)} s.`,
      "",
      "| Measure | Value |",
      "|---|---|",
      `| Sustained throughput (${seconds} s) | **${Math.round(result.requests.average)} leads/s** (${result.requests.total} leads) |`,
      `| HTTP latency p50 / p90 / p99 / max | ${result.latency.p50} / ${result.latency.p90} / ${result.latency.p99} / ${result.latency.max} ms |`,
      `| Engine time per lead (source event \`ms\`: pre-processing → completion, incl. the buyer call) p50 / p95 / p99 | ${pct(50)} / ${pct(95)} / ${pct(99)} ms |`,
      `| Server CPU per lead (user + system, all server processes${postgres ? "; PostgreSQL's own processes not included" : ""}) | ${serverCpuPerLead.toFixed(2)} ms |`,
      `| For comparison: \`GET /api/health\` (Next.js route handler, one indexed read) | ${Math.round(floor.requests.average)} req/s, p99 ${floor.latency.p99} ms, server CPU ${floorCpuPerRequest.toFixed(2)} ms per request |`,
      `| Non-2xx answers / errors / time-outs | ${non2xx} / ${result.errors} / ${result.timeouts} |`,
      `| Outcomes | ${outcomes.map((o) => `${o.outcome} ${o.n}`).join(", ")} |`,
      `| Deliveries the stub buyer received | ${delivered} |`,
      ...(reasons.length ? [`| Top non-success reasons | ${JSON.stringify(reasons)} |`] : []),
    ];
    process.kill(-server.pid!, "SIGTERM");
    const sample = Math.min(20_000, Math.max(2000, result.requests.total));
    lines.push("", ...(await inProcess(url, sample, 1)), "", ...(await inProcess(url, sample, connections)));
    if (postgres) writeSection("intake-postgresql", `## Intake over HTTP on PostgreSQL (bench/intake.ts --database postgresql)\n\n${lines.join("\n")}\n`);
    else writeSection("intake", `## Intake over HTTP (bench/intake.ts)\n\n${lines.join("\n")}\n`);
    console.log(lines.join("\n"));
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already stopped */
    }
    await cleanUp();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
