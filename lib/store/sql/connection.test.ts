import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openSqlDb, walSyncer } from "./connection";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadflow-conn-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("WAL flushes off the event loop", () => {
  it("callers arriving while a flush runs share the next one", async () => {
    const file = path.join(dir, "x.db-wal");
    fs.writeFileSync(file, "frames");
    const spy = vi.spyOn(fs.promises, "open");
    const sync = walSyncer(file);
    await Promise.all(Array.from({ length: 20 }, () => sync()));
    // The first caller's flush, then one shared flush for the 19 that came while it ran.
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  it("a missing WAL file means everything is already in the synced database file", async () => {
    await expect(walSyncer(path.join(dir, "absent.db-wal"))()).resolves.toBeUndefined();
  });

  it("a durable transaction resolves after its commit and flush; the data is there", async () => {
    const sql = openSqlDb(`file:${path.join(dir, "t.db")}`);
    await sql.run(`CREATE TABLE t (k TEXT PRIMARY KEY)`);
    await Promise.all(["a", "b", "c"].map((k) => sql.tx((q) => q.run(`INSERT INTO t VALUES (?)`, [k]), { durable: true })));
    expect(await sql.all(`SELECT k FROM t ORDER BY k`)).toEqual([{ k: "a" }, { k: "b" }, { k: "c" }]);
    await expect(sql.tx(async (q) => q.run(`INSERT INTO t VALUES ('a')`), { durable: true })).rejects.toThrow(/UNIQUE/);
    await sql.close();
  });
});
