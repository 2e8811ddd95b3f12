/**
 * The database ports of the engine against the real database of this run (SQLite or PostgreSQL):
 * atomicity under concurrency is a property of the SQL, so it is tested on both databases.
 */
import { afterAll, describe, expect, it } from "vitest";
import { openSqlDb } from "@/lib/store/sql/connection";
import { sqlCapCounters, settleCaps } from "@/lib/store/ports/sql-caps";
import { settleDuplicates, sqlDuplicateIndex } from "@/lib/store/ports/sql-duplicates";
import { sqlSuppressionLists } from "@/lib/store/ports/sql-lists";
import { calendarPeriodAt, fingerprintOf, rollingWindowStart, type CapPeriodRequest } from "@/lib/engine/cap-period";
import { newId } from "@/lib/ids";
import { sqlDeliveryJournal } from "@/lib/store/ports/sql-journal";
import { recoverInterrupted } from "@/lib/store/outbox/recovery";

const url = process.env.DATABASE_URL;
const sql = url ? openSqlDb(url) : null;
afterAll(() => sql?.close());

function dailyPeriod(now: number, window: "calendar" | "rolling" = "calendar"): CapPeriodRequest {
  const cal = calendarPeriodAt(now, 1, "day", "America/Chicago");
  return {
    window,
    duration: 1,
    units: "day",
    timeZone: "America/Chicago",
    fingerprint: fingerprintOf(window, "America/Chicago", "none", 1, "day"),
    candidate: { startedAt: cal.startedAt, expiresAt: cal.expiresAt },
    windowStart: rollingWindowStart(now, 1, "day", "America/Chicago"),
  };
}

describe.skipIf(!sql)("database ports", () => {
  it("50 concurrent leads for the last 3 slots of a cap: exactly 3 reserve, the rest are refused", async () => {
    const caps = sqlCapCounters(sql!);
    const capKey = `${newId()}:cap1`;
    const now = Date.now();
    const requests = [{ capKey, capId: "cap1", maximum: 3, period: dailyPeriod(now) }];
    const results = await Promise.all(
      Array.from({ length: 50 }, () => caps.reserve(requests, { leadId: newId(), now, leaseUntil: now + 60_000 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok)).toHaveLength(47);
    const [row] = await sql!.all<{ reserved: number; failedCount: number }>(`SELECT "reserved", "failedCount" FROM "CapCounter" WHERE "capKey" = ?`, [capKey]);
    expect(Number(row!.reserved)).toBe(3);
    expect(Number(row!.failedCount)).toBe(47);
  });

  it("reserves all-or-nothing across nested caps and settles commits and releases", async () => {
    const caps = sqlCapCounters(sql!);
    const now = Date.now();
    const parent = `${newId()}:parent`;
    const child = `${newId()}:child`;
    const reqs = [
      { capKey: parent, capId: "parent", maximum: 10, period: dailyPeriod(now) },
      { capKey: child, capId: "child", maximum: 1, period: dailyPeriod(now) },
    ];
    const a = newId();
    const first = await caps.reserve(reqs, { leadId: a, now, leaseUntil: now + 60_000 });
    expect(first.ok).toBe(true);
    const second = await caps.reserve(reqs, { leadId: newId(), now, leaseUntil: now + 60_000 });
    expect(second).toEqual({ ok: false, fullIndex: 1 });
    // The refused lead took nothing from the parent either.
    const [p] = await sql!.all<{ reserved: number }>(`SELECT "reserved" FROM "CapCounter" WHERE "capKey" = ?`, [parent]);
    expect(Number(p!.reserved)).toBe(1);
    if (!first.ok) throw new Error("unreachable");
    await sql!.tx((q) => settleCaps(q, sql!, a, first.reservations, [], new Date(now)));
    const rows = await sql!.all<{ capKey: string; count: number; reserved: number }>(`SELECT "capKey", "count", "reserved" FROM "CapCounter" WHERE "capKey" IN (?, ?)`, [parent, child]);
    expect(rows.map((r) => [Number(r.count), Number(r.reserved)])).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect((await caps.check(reqs, now)).fullIndex).toBe(1);
  });

  it("rolling windows count successes inside the window", async () => {
    const caps = sqlCapCounters(sql!);
    const now = Date.now();
    const capKey = `${newId()}:rolling`;
    const reqs = [{ capKey, capId: "rolling", maximum: 2, period: dailyPeriod(now, "rolling") }];
    for (let i = 0; i < 2; i++) {
      const lead = newId();
      const r = await caps.reserve(reqs, { leadId: lead, now, leaseUntil: now + 60_000 });
      expect(r.ok).toBe(true);
      if (r.ok) await sql!.tx((q) => settleCaps(q, sql!, lead, r.reservations, [], new Date(now)));
    }
    expect((await caps.reserve(reqs, { leadId: newId(), now, leaseUntil: now + 60_000 })).ok).toBe(false);
  });

  it("two concurrent leads with the same duplicate key: one passes, the other is a duplicate (in flight)", async () => {
    const dup = sqlDuplicateIndex(sql!);
    const scope = newId();
    const now = Date.now();
    const claim = (leadId: string) => dup.claim({ scope, keys: ["ann@example.com"], since: null, leadId, now, leaseUntil: now + 60_000 });
    const [a, b] = await Promise.all([claim("a".repeat(24)), claim("b".repeat(24))]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    const winner = a.duplicate ? "b".repeat(24) : "a".repeat(24);
    await sql!.tx((q) => settleDuplicates(q, sql!, winner, { scope, keys: ["ann@example.com"] }, true, new Date(now)));
    const later = await dup.claim({ scope, keys: ["ann@example.com"], since: now - 1000, leadId: "c".repeat(24), now: now + 10, leaseUntil: now + 60_000 });
    expect(later).toMatchObject({ duplicate: true, inFlight: false, lastSeenAt: now });
    const outsideLookback = await dup.peek({ scope, keys: ["ann@example.com"], since: now + 5, leadId: "d".repeat(24), now: now + 10 });
    expect(outsideLookback.duplicate).toBe(false);
  });

  it("a released claim (lead not successful) does not count as seen", async () => {
    const dup = sqlDuplicateIndex(sql!);
    const scope = newId();
    const now = Date.now();
    const first = await dup.claim({ scope, keys: ["k"], since: null, leadId: "e".repeat(24), now, leaseUntil: now + 60_000 });
    expect(first.duplicate).toBe(false);
    await sql!.tx((q) => settleDuplicates(q, sql!, "e".repeat(24), { scope, keys: ["k"] }, false, new Date(now)));
    expect((await dup.claim({ scope, keys: ["k"], since: null, leadId: "f".repeat(24), now, leaseUntil: now + 60_000 })).duplicate).toBe(false);
  });

  it("is_unique add-if-absent: of concurrent adds of one value exactly one wins", async () => {
    const lists = sqlSuppressionLists(sql!);
    const id = newId();
    const t = sql!.time(new Date());
    await sql!.run(`INSERT INTO "SuppressionList" ("id", "name", "urlName", "kind", "description", "itemCount", "createdAt", "updatedAt") VALUES (?, ?, ?, 'custom', '', 0, ?, ?)`, [id, `Uniq ${id}`, `uniq_${id}`, t, t]);
    const results = await Promise.all(Array.from({ length: 10 }, () => lists.addIfAbsent(id, "ann@example.com", Date.now())));
    expect(results.filter((r) => r.added)).toHaveLength(1);
    const match = await lists.findInLists([id], ["ann@example.com"], null, Date.now());
    expect(match).toMatchObject({ listId: id, value: "ann@example.com" });
    expect((await lists.resolveLists([`Uniq ${id}`])).lists[0]?.id).toBe(id);
    const [row] = await sql!.all<{ itemCount: number }>(`SELECT "itemCount" FROM "SuppressionList" WHERE "id" = ?`, [id]);
    expect(Number(row!.itemCount)).toBe(1);
  });

  it("crash recovery (05 §5.5 #31): an expired journal becomes an interrupted lead; its delivery is in doubt, not resent", async () => {
    const journal = sqlDeliveryJournal(sql!);
    const caps = sqlCapCounters(sql!);
    const leadId = newId();
    const flowId = newId();
    const deliveryId = newId();
    const past = Date.now() - 120_000;
    const capKey = `${flowId}:cap`;
    const reserved = await caps.reserve([{ capKey, capId: "cap", maximum: 5, period: dailyPeriod(past) }], { leadId, now: past, leaseUntil: Date.now() + 60_000 });
    if (!reserved.ok) throw new Error("reserve failed");
    await journal.openLead({
      leadId,
      flowId,
      flowVersion: 1,
      sourceId: newId(),
      flowSourceId: "src001",
      submittedAt: past,
      startedAt: past,
      leaseUntil: past + 1000,
      context: { vars: { lead: { id: leadId, email: { normal: "a@b.co", raw: "a@b.co", valid: true } } }, capReservations: reserved.reservations, duplicate: null },
    });
    const request = { method: "POST", url: "http://127.0.0.1:9/x", headers: { "Idempotency-Key": deliveryId }, body: "{}", followRedirects: false };
    await journal.recordIntent({ id: deliveryId, leadId, stepId: "r00001", flowId, attempt: 1, request, startedAt: past + 10 });

    expect(await recoverInterrupted(sql!)).toBe(1);
    const [lead] = await sql!.all<{ outcome: string; reason: string; price: number; decidedBy: string }>(`SELECT "outcome", "reason", "price", "decidedBy" FROM "Lead" WHERE "id" = ?`, [leadId]);
    expect(lead).toMatchObject({ outcome: "error", reason: "Processing interrupted", decidedBy: "recovery" });
    expect(Number(lead!.price)).toBe(0);
    const [delivery] = await sql!.all<{ status: string }>(`SELECT "status" FROM "Delivery" WHERE "id" = ?`, [deliveryId]);
    expect(delivery!.status).toBe("in_doubt");
    const events = await sql!.all<{ type: string; outcome: string; reason: string }>(`SELECT "type", "outcome", "reason" FROM "Event" WHERE "leadId" = ? ORDER BY "sequence"`, [leadId]);
    expect(events).toEqual([
      { type: "recipient", outcome: "error", reason: "Interrupted: delivery outcome unknown" },
      { type: "source", outcome: "error", reason: "Processing interrupted" },
    ]);
    const [counter] = await sql!.all<{ reserved: number; count: number }>(`SELECT "reserved", "count" FROM "CapCounter" WHERE "capKey" = ?`, [capKey]);
    expect([Number(counter!.reserved), Number(counter!.count)]).toEqual([0, 0]);
    expect(await sql!.all(`SELECT * FROM "LeadJournal" WHERE "leadId" = ?`, [leadId])).toHaveLength(0);
    // A second pass finds nothing left to recover.
    expect(await recoverInterrupted(sql!)).toBe(0);
  });
});

describe("shared rate limits", () => {
  it("instances share one count on PostgreSQL (two limiters stand for two instances)", async () => {
    const { sharedLimiter, spend } = await import("@/lib/server/rate-limits");
    const prefix = `test-${newId()}`;
    const [a, b] = [sharedLimiter(prefix, 3, 60), sharedLimiter(prefix, 3, 60)];
    expect([await spend(a, "k"), await spend(b, "k"), await spend(a, "k")]).toEqual([null, null, null]);
    const fourth = await spend(b, "k");
    if (url?.startsWith("postgres")) expect(fourth).toBeGreaterThanOrEqual(1);
    else expect(fourth).toBeNull(); // SQLite deployments are one process: each limiter counts alone
  });
});
