/**
 * `npm test`: the whole suite, as CI runs it.
 *   1. type check (tsc) and lint-free build of the app (next build)
 *   2. unit tests (vitest, pure code)
 *   3. for SQLite and for PostgreSQL: a fresh database, migrations, a real server (next start),
 *      the integration tests over HTTP (vitest, e2e/api) against it
 *   4. the browser tests (Playwright in the system Chromium) against the SQLite server
 * PostgreSQL comes from LEADFLOW_TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/test);
 * each run makes its own database there and drops it afterwards. Set LEADFLOW_TEST_SKIP_PG=1 to
 * skip it when no PostgreSQL server is available (CI never does).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const args = new Set(process.argv.slice(2));
const only = (step: string) => args.size === 0 || args.has(step) || args.has(`--${step}`);

type Tally = { passed: number; failed: number; skipped: number };
const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function run(cmd: string, cmdArgs: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

function addVitest(file: string, label: string) {
  if (!fs.existsSync(file)) return failures.push(`${label}: no report`);
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  tally.passed += report.numPassedTests ?? 0;
  tally.failed += report.numFailedTests ?? 0;
  tally.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.numFailedTests || report.numFailedTestSuites) failures.push(label);
}

function addPlaywright(file: string) {
  if (!fs.existsSync(file)) return failures.push("browser tests: no report");
  const stats = JSON.parse(fs.readFileSync(file, "utf8")).stats ?? {};
  tally.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  tally.failed += stats.unexpected ?? 0;
  tally.skipped += stats.skipped ?? 0;
  if (stats.unexpected) failures.push("browser tests");
}

async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, server: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not become healthy within 60 s");
}

const ADMIN = { email: "admin@example.com", password: "longenough-pass" };
const artifacts = path.join(root, "e2e", "artifacts");

/** Test-only settings: deliveries may go to the local stub buyers, retries without jitter. */
const TEST_ENV = {
  LEADFLOW_DELIVERY_ALLOW_HOSTS: "127.0.0.1,localhost,::1",
  LEADFLOW_RETRY_JITTER: "0",
  LEADFLOW_RETRY_BASE_SECONDS: "1",
  LEADFLOW_RETRY_CAP_SECONDS: "2",
  LEADFLOW_RETRY_MAX_ATTEMPTS: "3",
  // Low enough for e2e/api/feedback.test.ts to reach it; each of its flows has its own recipients.
  LEADFLOW_FEEDBACK_RATE_LIMIT: "20",
  LEADFLOW_LOG_LEVEL: "warn",
  // The suites call the API far faster than a person; e2e/api/auth.test.ts reaches this limit.
  LEADFLOW_API_RATE_LIMIT: "3000",
  // Per flow source and second; e2e/api/intake.test.ts exceeds it on purpose, no other test comes near.
  LEADFLOW_INTAKE_RATE_LIMIT: "100",
  LEADFLOW_TEST_ADMIN_EMAIL: ADMIN.email,
  LEADFLOW_TEST_ADMIN_PASSWORD: ADMIN.password,
};

async function withDatabase(provider: "sqlite" | "postgresql", body: (env: Record<string, string>) => Promise<void>) {
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadflow-test-"));
    try {
      await body({ DATABASE_URL: `file:${path.join(dir, "test.db")}` });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const adminUrl = process.env.LEADFLOW_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = `leadflow_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await body({ DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

async function serverSuite(provider: "sqlite" | "postgresql", withBrowser: boolean) {
  await withDatabase(provider, async (dbEnv) => {
    const env = { ...TEST_ENV, ...dbEnv };
    if ((await run(process.execPath, ["--import", "tsx", "lib/cli/user-create.ts", "--email", ADMIN.email, "--password", ADMIN.password], env)) !== 0) {
      failures.push(`${provider}: database set-up`);
      return;
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ...env },
      detached: true, // its own process group, so that stopping it also stops next-server
    });
    try {
      await waitForHealth(base, server);
      const testEnv = { ...env, LEADFLOW_TEST_BASE_URL: base, LEADFLOW_TEST_PROVIDER: provider };
      if (only("integration")) {
        const report = path.join(artifacts, `integration-${provider}.json`);
        console.log(`\n=== integration tests over HTTP against ${provider} (${base}) ===`);
        await run(bin("vitest"), ["run", "-c", "vitest.e2e.config.ts", "--reporter=default", "--reporter=json", `--outputFile=${report}`], testEnv);
        addVitest(report, `integration tests (${provider})`);
      }
      if (withBrowser && only("browser")) {
        console.log(`\n=== browser tests (Playwright, system Chromium) against ${provider} ===`);
        await run(bin("playwright"), ["test"], testEnv);
        addPlaywright(path.join(artifacts, "playwright.json"));
      }
    } catch (err) {
      failures.push(`${provider}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      try {
        process.kill(-server.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
  });
}

async function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  if (only("typecheck")) {
    console.log("=== type check ===");
    if ((await run(bin("tsc"), ["--noEmit", "-p", "."])) !== 0) failures.push("type check");
  }
  if (only("unit")) {
    console.log("\n=== unit tests ===");
    const report = path.join(artifacts, "unit.json");
    await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${report}`]);
    addVitest(report, "unit tests");
  }
  if (only("integration") || only("browser")) {
    console.log("\n=== next build ===");
    if ((await run(bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" })) !== 0) {
      failures.push("next build");
    } else {
      await serverSuite("sqlite", true);
      if (process.env.LEADFLOW_TEST_SKIP_PG === "1") console.log("\n(PostgreSQL skipped: LEADFLOW_TEST_SKIP_PG=1)");
      else await serverSuite("postgresql", false);
    }
  }
  console.log("\n=== summary ===");
  if (failures.length) console.log(`failed: ${failures.join("; ")}`);
  console.log(`${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  process.exit(failures.length || tally.failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
