/**
 * Reporting API (spec 08) over real HTTP against the server's database (SQLite or PostgreSQL):
 * every expected result of 08 §5.2 on the §5.1 data set, the bucket table of §2, the other
 * reports, saved reports, CSV, and bad input with the error envelope of 07 §2.2.
 * The data set is written with fresh ids per run and every request filters on its flow, so other
 * tests' data never shows up here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlDb, type SqlDb } from "@/lib/store/sql/connection";
import { ADMIN, BASE_URL, signIn, url, type ApiClient } from "./harness";
import { seedManyReasons, seedSpecDataSet, type SpecDataSet } from "./reports-fixtures";

const CHI = "America/Chicago";
const dbUrl = process.env.DATABASE_URL;
let sql: SqlDb;
let api: ApiClient;
let F: SpecDataSet;
let cookie: string;

type Params = Record<string, string | number | boolean | (string | number)[]>;
function qs(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  return search.toString();
}
/** A report over the data set: its flow, the local dates of 08 §5.2, Chicago time. */
const report = (path: string, params: Params = {}) =>
  api.get(`/api/reports/${path}?${qs({ flow_id: F.flowId, start: "2024-01-15", end: "2024-01-16", time_zone: CHI, ...params })}`);

const ALL_COLUMNS = [
  "source_submitted",
  "source_success",
  "source_failure",
  "source_error",
  "acceptance_rate",
  "rejection_rate",
  "error_rate",
  "cost",
  "recipient_submitted",
  "recipient_success",
  "recipient_failure",
  "recipient_error",
  "recipient_skip",
  "revenue",
  "profit",
  "return_received_success",
  "avg_cost_per_lead",
  "avg_revenue_per_lead",
  "delivery_success_rate",
  "return_rate",
  "price_min",
  "price_max",
  "price_avg",
  "price_median",
];

beforeAll(async () => {
  if (!dbUrl) throw new Error("DATABASE_URL of the server under test is required");
  sql = openSqlDb(dbUrl);
  api = await signIn();
  const res = await fetch(url("/api/auth/login"), {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: new URL(BASE_URL).origin },
    body: JSON.stringify(ADMIN),
  });
  cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  F = await seedSpecDataSet(sql);
});
afterAll(() => sql?.close());

describe("stats: 08 §5.2 expected results", () => {
  it("totals over the data set", async () => {
    const res = await report("stats", { column: ALL_COLUMNS });
    expect(res.status).toBe(200);
    const expected = {
      source_submitted: 9,
      source_success: 4,
      source_failure: 4,
      source_error: 1,
      acceptance_rate: 0.4444,
      rejection_rate: 0.4444,
      error_rate: 0.1111,
      cost: 48,
      recipient_submitted: 4,
      recipient_success: 3,
      recipient_failure: 1,
      recipient_error: 0,
      recipient_skip: 0,
      revenue: 120,
      profit: 72,
      return_received_success: 1,
      avg_cost_per_lead: 12,
      avg_revenue_per_lead: 60,
      delivery_success_rate: 0.75,
      return_rate: 0.3333,
      price_min: 8,
      price_max: 15,
      price_avg: 12,
      price_median: 12.5,
    };
    expect(res.body.totals).toEqual(expected);
    // No interval, no groups: one row, equal to the totals, without a bucket.
    expect(res.body.rows).toEqual([expected]);
    expect(res.body).toMatchObject({
      start: "2024-01-15T06:00:00.000Z",
      end: "2024-01-17T05:59:59.999Z",
      time_zone: CHI,
      interval: "none",
      group_by: [],
      by_lead: true,
      columns: ALL_COLUMNS,
    });
  });

  it("default columns", async () => {
    const res = await report("stats");
    expect(res.body.columns).toEqual(["source_submitted", "source_success", "source_failure", "source_error", "acceptance_rate", "cost", "revenue", "profit"]);
    expect(res.body.totals).toEqual({ source_submitted: 9, source_success: 4, source_failure: 4, source_error: 1, acceptance_rate: 0.4444, cost: 48, revenue: 120, profit: 72 });
  });

  it("by day in America/Chicago", async () => {
    const res = await report("stats", { interval: "day" });
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      { bucket: { label: "2024-01-15", start: "2024-01-15T06:00:00.000Z" }, source_submitted: 6, source_success: 3, source_failure: 3, source_error: 0, acceptance_rate: 0.5, cost: 33, revenue: 80, profit: 47 },
      { bucket: { label: "2024-01-16", start: "2024-01-16T06:00:00.000Z" }, source_submitted: 3, source_success: 1, source_failure: 1, source_error: 1, acceptance_rate: 0.3333, cost: 15, revenue: 40, profit: 25 },
    ]);
    expect(res.body.totals).toMatchObject({ source_submitted: 9, cost: 48, revenue: 120, profit: 72 });
  });

  it("by day in UTC: L6 moves to the 16th", async () => {
    const res = await report("stats", { interval: "daily", time_zone: "UTC", column: ["source_submitted", "source_success", "cost"] });
    expect(res.status).toBe(200);
    expect(res.body.interval).toBe("day");
    expect(res.body.rows).toEqual([
      { bucket: { label: "2024-01-15", start: "2024-01-15T00:00:00.000Z" }, source_submitted: 5, source_success: 3, cost: 33 },
      { bucket: { label: "2024-01-16", start: "2024-01-16T00:00:00.000Z" }, source_submitted: 4, source_success: 1, cost: 15 },
    ]);
  });

  it("by source", async () => {
    const res = await report("stats", { group_by: "source" });
    expect(res.body.rows).toEqual([
      { source: { id: F.sourceA, name: "Vendor A" }, source_submitted: 5, source_success: 3, source_failure: 2, source_error: 0, acceptance_rate: 0.6, cost: 40, revenue: 80, profit: 40 },
      { source: { id: F.sourceB, name: "Vendor B" }, source_submitted: 4, source_success: 1, source_failure: 2, source_error: 1, acceptance_rate: 0.25, cost: 8, revenue: 40, profit: 32 },
    ]);
    expect(res.body.totals).toEqual({ source_submitted: 9, source_success: 4, source_failure: 4, source_error: 1, acceptance_rate: 0.4444, cost: 48, revenue: 120, profit: 72 });
  });

  it("by source and day", async () => {
    const res = await report("stats", { group_by: "source", interval: "day", column: ["source_submitted", "source_success", "acceptance_rate", "cost", "error_rate"] });
    const day = (label: string, start: string) => ({ label, start });
    expect(res.body.rows).toEqual([
      { bucket: day("2024-01-15", "2024-01-15T06:00:00.000Z"), source: { id: F.sourceA, name: "Vendor A" }, source_submitted: 3, source_success: 2, acceptance_rate: 0.6667, cost: 25, error_rate: 0 },
      { bucket: day("2024-01-15", "2024-01-15T06:00:00.000Z"), source: { id: F.sourceB, name: "Vendor B" }, source_submitted: 3, source_success: 1, acceptance_rate: 0.3333, cost: 8, error_rate: 0 },
      { bucket: day("2024-01-16", "2024-01-16T06:00:00.000Z"), source: { id: F.sourceA, name: "Vendor A" }, source_submitted: 2, source_success: 1, acceptance_rate: 0.5, cost: 15, error_rate: 0 },
      { bucket: day("2024-01-16", "2024-01-16T06:00:00.000Z"), source: { id: F.sourceB, name: "Vendor B" }, source_submitted: 1, source_success: 0, acceptance_rate: 0, cost: 0, error_rate: 1 },
    ]);
  });

  it("filters: rules, source_id, a range of UTC instants", async () => {
    const byRule = await report("stats", { rules: JSON.stringify([{ lhv: "outcome", op: "is equal to", rhv: "failure" }]), group_by: "source", column: "source_submitted" });
    expect(byRule.status).toBe(200);
    expect(byRule.body.rows).toEqual([
      { source: { id: F.sourceA, name: "Vendor A" }, source_submitted: 2 },
      { source: { id: F.sourceB, name: "Vendor B" }, source_submitted: 2 },
    ]);
    const bySource = await report("stats", { source_id: F.sourceB, column: ["cost", "acceptance_rate"] });
    expect(bySource.body.totals).toEqual({ cost: 8, acceptance_rate: 0.25 });
    const instants = await report("stats", { start: "2024-01-16T00:00:00Z", end: "2024-01-16T23:59:59.999Z", column: ["source_submitted", "source_success", "revenue", "cost"] });
    expect(instants.body.totals).toEqual({ source_submitted: 4, source_success: 1, revenue: 40, cost: 15 });
    expect(instants.body.start).toBe("2024-01-16T00:00:00.000Z");
  });

  it("by_lead: a lead delivered twice counts once, or twice by event", async () => {
    const G = await seedSpecDataSet(sql, { secondDeliveryForL1: true });
    const run = (byLead: boolean) =>
      api.get(`/api/reports/stats?${qs({ flow_id: G.flowId, start: "2024-01-15", end: "2024-01-16", time_zone: CHI, column: "recipient_success", by_lead: byLead })}`);
    expect((await run(true)).body.totals).toEqual({ recipient_success: 3 });
    expect((await run(false)).body.totals).toEqual({ recipient_success: 4 });
    // by day, too: the rows count distinct leads per bucket.
    const daily = await api.get(`/api/reports/stats?${qs({ flow_id: G.flowId, start: "2024-01-15", end: "2024-01-16", time_zone: CHI, column: "recipient_success", interval: "day" })}`);
    expect(daily.body.rows.map((r: { recipient_success: number }) => r.recipient_success)).toEqual([2, 1]);
    expect(daily.body.totals).toEqual({ recipient_success: 3 });
  });

  it("kebab-case column names are aliases", async () => {
    const res = await report("stats", { column: ["source-success", "acceptance-rate"] });
    expect(res.body.columns).toEqual(["source_success", "acceptance_rate"]);
    expect(res.body.totals).toEqual({ source_success: 4, acceptance_rate: 0.4444 });
  });

  it("uses the account time zone when none is given", async () => {
    const [account] = await sql.all<{ timeZone: string }>(`SELECT "timeZone" FROM "Account" LIMIT 1`);
    const res = await api.get(`/api/reports/stats?${qs({ flow_id: F.flowId, start: "2024-01-15", end: "2024-01-16" })}`);
    expect(res.status).toBe(200);
    expect(res.body.time_zone).toBe(account?.timeZone ?? CHI);
  });
});

describe("stats: groups other than the source", () => {
  it("group_by=recipient: source columns are null, recipient columns count", async () => {
    const res = await report("stats", { group_by: "recipient", column: ["source_submitted", "recipient_submitted", "recipient_success", "revenue", "profit", "return_received_success"] });
    expect(res.body.rows).toEqual([
      { recipient: { id: F.crm, name: "CRM" }, source_submitted: null, recipient_submitted: 4, recipient_success: 3, revenue: 120, profit: null, return_received_success: 1 },
    ]);
    // Totals ignore groups: source events count there.
    expect(res.body.totals).toEqual({ source_submitted: 9, recipient_submitted: 4, recipient_success: 3, revenue: 120, profit: 72, return_received_success: 1 });
  });

  it("group_by=step with names from the flow", async () => {
    // Stats columns count no filter events, so the filter step has no row (sparse).
    const res = await report("stats", { group_by: "step", column: ["recipient_success", "recipient_failure", "source_submitted"] });
    expect(res.body.rows).toEqual([{ step: { id: "r00001", name: "CRM", flow_id: F.flowId }, recipient_success: 3, recipient_failure: 1, source_submitted: null }]);
  });

  it("group_by=lead.state, outcome, reason, purchase_price, appended", async () => {
    const byState = await report("stats", { group_by: "lead.state", column: ["source_submitted", "revenue"] });
    expect(byState.body.rows).toEqual([
      { "lead.state": "LA", source_submitted: 1, revenue: 0 },
      { "lead.state": "OK", source_submitted: 1, revenue: 0 },
      { "lead.state": "TX", source_submitted: 7, revenue: 120 },
    ]);
    const byOutcome = await report("stats", { group_by: "outcome", column: ["source_submitted", "recipient_submitted"] });
    // Sparse: filter events (continue/stop) are not counted by these columns, so no rows for them.
    expect(byOutcome.body.rows).toEqual([
      { outcome: "error", source_submitted: 1, recipient_submitted: 0 },
      { outcome: "failure", source_submitted: 4, recipient_submitted: 1 },
      { outcome: "success", source_submitted: 4, recipient_submitted: 3 },
    ]);
    const byPrice = await report("stats", { group_by: "purchase_price", column: ["source_submitted", "revenue"] });
    expect(byPrice.body.rows).toEqual([
      { purchase_price: 0, source_submitted: 5, revenue: 0 },
      { purchase_price: 8, source_submitted: 1, revenue: 40 },
      { purchase_price: 10, source_submitted: 1, revenue: 0 },
      { purchase_price: 15, source_submitted: 2, revenue: 80 },
    ]);
    const byAppended = await report("stats", { group_by: "appended.score", column: ["source_submitted", "revenue"] });
    expect(byAppended.body.rows).toEqual([
      { "appended.score": "high", source_submitted: 3, revenue: null },
      { "appended.score": "low", source_submitted: 6, revenue: null },
    ]);
    const byReason = await report("stats", { group_by: "reason", column: "source_submitted", rules: JSON.stringify([{ lhv: "type", op: "is equal to", rhv: "source" }]) });
    expect(byReason.body.rows.at(-1)).toEqual({ reason: null, source_submitted: 4 });
  });

  it("rules are evaluated per event with the same results as the database aggregation", async () => {
    const params = { group_by: "source", interval: "day", column: ALL_COLUMNS };
    const plain = await report("stats", params);
    const viaRules = await report("stats", { ...params, rules: JSON.stringify([{ lhv: "type", op: "is not blank" }]) });
    expect(viaRules.status).toBe(200);
    expect(viaRules.body.rows).toEqual(plain.body.rows);
    expect(viaRules.body.totals).toEqual(plain.body.totals);
    const tx = await report("stats", { column: "source_submitted", rules: JSON.stringify([{ lhv: "vars.lead.state", op: "is equal to", rhv: "TX" }]) });
    expect(tx.body.totals).toEqual({ source_submitted: 7 });
    const priced = await report("stats", { column: ["source_submitted", "cost"], rules: JSON.stringify([{ lhv: "purchase_price", op: "is greater than or equal", rhv: 10 }]) });
    expect(priced.body.totals).toEqual({ source_submitted: 3, cost: 40 });
    const pricedLow = await report("stats", { column: "source_success", rules: JSON.stringify([{ lhv: "purchase_price", op: "is less than or equal to", rhv: 10 }, { lhv: "outcome", op: "is equal to", rhv: "success" }]) });
    expect(pricedLow.body.totals).toEqual({ source_success: 2 });
    const slow = await report("stats", { column: ["source_submitted", "recipient_submitted"], rules: JSON.stringify([{ lhv: "ms", op: "is greater than", rhv: 100 }]) });
    expect(slow.body.totals).toEqual({ source_submitted: 9, recipient_submitted: 4 });
    const one = await report("stats", { column: ["source_submitted", "recipient_success"], rules: JSON.stringify([{ lhv: "lead_id", op: "is equal to", rhv: F.leads.L1 }]) });
    expect(one.body.totals).toEqual({ source_submitted: 1, recipient_success: 1 });
    // A missing property fails `does not include` as well as `includes` (kb).
    const missing = await report("stats", { column: "source_submitted", rules: JSON.stringify([{ lhv: "sale_price", op: "does not include", rhv: "x" }]) });
    expect(missing.body.totals).toEqual({ source_submitted: 0 });
  });
});

describe("buckets and time zones (08 §2)", () => {
  const buckets = async (params: Params) => {
    const res = await report("stats", { column: "source_submitted", ...params });
    expect(res.status).toBe(200);
    return res.body.rows.map((r: { bucket: unknown }) => r.bucket);
  };

  it("days across DST changes are 23 h and 25 h long", async () => {
    expect(await buckets({ interval: "day", start: "2024-03-10", end: "2024-03-11" })).toEqual([
      { label: "2024-03-10", start: "2024-03-10T06:00:00.000Z" },
      { label: "2024-03-11", start: "2024-03-11T05:00:00.000Z" },
    ]);
    expect(await buckets({ interval: "day", start: "2024-11-03", end: "2024-11-04" })).toEqual([
      { label: "2024-11-03", start: "2024-11-03T05:00:00.000Z" },
      { label: "2024-11-04", start: "2024-11-04T06:00:00.000Z" },
    ]);
  });

  it("weeks start on Monday, months on the 1st, years on 1 January; UTC days", async () => {
    expect(await buckets({ interval: "week", start: "2024-01-17", end: "2024-01-22" })).toEqual([
      { label: "2024-01-15", start: "2024-01-15T06:00:00.000Z" },
      { label: "2024-01-22", start: "2024-01-22T06:00:00.000Z" },
    ]);
    expect(await buckets({ interval: "month", start: "2024-02-10", end: "2024-03-01" })).toEqual([
      { label: "2024-02", start: "2024-02-01T06:00:00.000Z" },
      { label: "2024-03", start: "2024-03-01T06:00:00.000Z" },
    ]);
    expect(await buckets({ interval: "year", start: "2023-12-31", end: "2024-01-01" })).toEqual([
      { label: "2023", start: "2023-01-01T06:00:00.000Z" },
      { label: "2024", start: "2024-01-01T06:00:00.000Z" },
    ]);
    expect(await buckets({ interval: "day", time_zone: "UTC", start: "2024-01-16", end: "2024-01-17" })).toEqual([
      { label: "2024-01-16", start: "2024-01-16T00:00:00.000Z" },
      { label: "2024-01-17", start: "2024-01-17T00:00:00.000Z" },
    ]);
  });

  it("hours: the repeated hour at the end of DST is two buckets", async () => {
    expect(await buckets({ interval: "hourly", start: "2024-11-03T05:00:00Z", end: "2024-11-03T08:59:59.999Z" })).toEqual([
      { label: "2024-11-03T00:00", start: "2024-11-03T05:00:00.000Z" },
      { label: "2024-11-03T01:00", start: "2024-11-03T06:00:00.000Z" },
      { label: "2024-11-03T01:00", start: "2024-11-03T07:00:00.000Z" },
      { label: "2024-11-03T02:00", start: "2024-11-03T08:00:00.000Z" },
    ]);
  });

  it("dense buckets without groups, sparse with groups; hourly counts land in local hours", async () => {
    const dense = await report("stats", { interval: "hour", column: "source_submitted", start: "2024-01-15", end: "2024-01-15" });
    expect(dense.body.rows).toHaveLength(24);
    const nonZero = dense.body.rows.filter((r: { source_submitted: number }) => r.source_submitted > 0).map((r: { bucket: { label: string } }) => r.bucket.label);
    expect(nonZero).toEqual(["2024-01-15T09:00", "2024-01-15T10:00", "2024-01-15T12:00", "2024-01-15T14:00", "2024-01-15T16:00", "2024-01-15T21:00"]);
    const sparse = await report("stats", { interval: "hour", group_by: "source", column: "source_submitted", start: "2024-01-15", end: "2024-01-15" });
    expect(sparse.body.rows).toHaveLength(6);
  });
});

describe("named reports", () => {
  it("rejection reasons", async () => {
    const res = await report("rejection-reasons");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    expect(res.body.rows).toEqual([
      { reason: "Daily cap reached: Vendor B", outcome: "failure", count: 1, share: 0.2 },
      { reason: "Duplicate lead - seen 4 days ago", outcome: "failure", count: 1, share: 0.2 },
      { reason: "Flow is disabled", outcome: "error", count: 1, share: 0.2 },
      { reason: "Lead must live in TX", outcome: "failure", count: 1, share: 0.2 },
      { reason: "Outside service area", outcome: "failure", count: 1, share: 0.2 },
    ]);
    const bySource = await report("rejection-reasons", { group_by: "source" });
    const A = { id: F.sourceA, name: "Vendor A" };
    const B = { id: F.sourceB, name: "Vendor B" };
    expect(bySource.body.rows).toEqual([
      { source: A, reason: "Lead must live in TX", outcome: "failure", count: 1, share: 0.2 },
      { source: A, reason: "Outside service area", outcome: "failure", count: 1, share: 0.2 },
      { source: B, reason: "Daily cap reached: Vendor B", outcome: "failure", count: 1, share: 0.2 },
      { source: B, reason: "Duplicate lead - seen 4 days ago", outcome: "failure", count: 1, share: 0.2 },
      { source: B, reason: "Flow is disabled", outcome: "error", count: 1, share: 0.2 },
    ]);
    const limited = await report("rejection-reasons", { limit: 2 });
    expect(limited.body.rows).toEqual([
      { reason: "Daily cap reached: Vendor B", outcome: "failure", count: 1, share: 0.2 },
      { reason: "Duplicate lead - seen 4 days ago", outcome: "failure", count: 1, share: 0.2 },
      { reason: "(other)", outcome: null, count: 3, share: 0.6 },
    ]);
  });

  it("price distribution: exact prices, buckets, summary", async () => {
    const exact = await report("price-distribution");
    expect(exact.status).toBe(200);
    expect(exact.body.rows).toEqual([
      { price: 8, count: 1, amount: 8, share: 0.25 },
      { price: 10, count: 1, amount: 10, share: 0.25 },
      { price: 15, count: 2, amount: 30, share: 0.5 },
    ]);
    const summary = { count: 4, sum: 48, min: 8, max: 15, avg: 12, median: 12.5 };
    expect(exact.body.summary).toEqual(summary);
    const bucketed = await report("price-distribution", { bucket_size: 5 });
    expect(bucketed.body.rows).toEqual([
      { from: 5, to: 10, count: 1, amount: 8, share: 0.25 },
      { from: 10, to: 15, count: 1, amount: 10, share: 0.25 },
      { from: 15, to: 20, count: 2, amount: 30, share: 0.5 },
    ]);
    expect(bucketed.body.summary).toEqual(summary);
    const sale = await report("price-distribution", { kind: "sale" });
    expect(sale.body.rows).toEqual([{ price: 40, count: 3, amount: 120, share: 1 }]);
    const bySource = await report("price-distribution", { group_by: "source" });
    expect(bySource.body.rows).toEqual([
      { source: { id: F.sourceA, name: "Vendor A" }, price: 10, count: 1, amount: 10, share: 0.3333 },
      { source: { id: F.sourceA, name: "Vendor A" }, price: 15, count: 2, amount: 30, share: 0.6667 },
      { source: { id: F.sourceB, name: "Vendor B" }, price: 8, count: 1, amount: 8, share: 1 },
    ]);
  });

  it("cap fill per cap period in the cap's zone", async () => {
    const res = await report("cap-fill", { cap_id: F.capB });
    expect(res.status).toBe(200);
    const cap = { id: F.capB, name: "Vendor B daily", level: "source", source_id: F.sourceB, step_id: null, parent_id: null };
    expect(res.body.rows).toEqual([
      { cap, period: { start: "2024-01-15T06:00:00.000Z", end: "2024-01-16T05:59:59.999Z" }, maximum: 1, count: 1, rejected: 1, fill_rate: 1, current: false },
      { cap, period: { start: "2024-01-16T06:00:00.000Z", end: "2024-01-17T05:59:59.999Z" }, maximum: 1, count: 0, rejected: 0, fill_rate: 0, current: false },
    ]);
    // Periods are the cap's (Chicago) even when the report's zone is UTC.
    const utc = await report("cap-fill", { time_zone: "UTC", start: "2024-01-16", end: "2024-01-16" });
    expect(utc.body.rows.map((r: { period: { start: string } }) => r.period.start)).toEqual(["2024-01-15T06:00:00.000Z", "2024-01-16T06:00:00.000Z"]);
    expect(utc.body.rows[0]).toMatchObject({ count: 1, rejected: 1 });
  });

  it("step outcomes in flow order", async () => {
    const res = await report("step-outcomes");
    expect(res.status).toBe(200);
    expect(res.body.flow).toEqual({ id: F.flowId, name: "TX Solar" });
    expect(res.body.rows).toEqual([
      { step: { id: "f00001", type: "filter", name: "Stop non-TX" }, current: true, reached: 5, continue: 4, stop: 1, error: 0, avg_ms: 2 },
      { step: { id: "r00001", type: "recipient", name: "CRM" }, current: true, reached: 4, success: 3, failure: 1, error: 0, skip: 0, revenue: 120, avg_ms: 120 },
    ]);
    const daily = await report("step-outcomes", { interval: "day" });
    expect(daily.body.rows).toHaveLength(4);
    expect(daily.body.rows[2]).toMatchObject({ bucket: { label: "2024-01-16", start: "2024-01-16T06:00:00.000Z" }, step: { id: "f00001" }, continue: 1, stop: 1 });
  });

  it("volume: dense daily buckets with the source columns", async () => {
    const res = await report("volume");
    expect(res.status).toBe(200);
    expect(res.body.interval).toBe("day");
    expect(res.body.columns).toEqual(["source_submitted", "source_success", "source_failure", "source_error", "acceptance_rate"]);
    expect(res.body.rows).toEqual([
      { bucket: { label: "2024-01-15", start: "2024-01-15T06:00:00.000Z" }, source_submitted: 6, source_success: 3, source_failure: 3, source_error: 0, acceptance_rate: 0.5 },
      { bucket: { label: "2024-01-16", start: "2024-01-16T06:00:00.000Z" }, source_submitted: 3, source_success: 1, source_failure: 1, source_error: 1, acceptance_rate: 0.3333 },
    ]);
  });
});

describe("CSV", () => {
  it("answers text/csv for Accept: text/csv, flattened keys, CRLF, no totals", async () => {
    const res = await fetch(url(`/api/reports/stats?${qs({ flow_id: F.flowId, start: "2024-01-15", end: "2024-01-16", time_zone: CHI, interval: "day", group_by: "source", column: ["source_submitted", "acceptance_rate", "cost"] })}`), {
      headers: { Cookie: cookie, Accept: "text/csv" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await res.text()).toBe(
      [
        "bucket_label,bucket_start,source_id,source_name,source_submitted,acceptance_rate,cost",
        `2024-01-15,2024-01-15T06:00:00.000Z,${F.sourceA},Vendor A,3,0.6667,25`,
        `2024-01-15,2024-01-15T06:00:00.000Z,${F.sourceB},Vendor B,3,0.3333,8`,
        `2024-01-16,2024-01-16T06:00:00.000Z,${F.sourceA},Vendor A,2,0.5,15`,
        `2024-01-16,2024-01-16T06:00:00.000Z,${F.sourceB},Vendor B,1,0,0`,
        "",
      ].join("\r\n"),
    );
  });

  it("leaves null cells empty; format=csv and q-values choose CSV too", async () => {
    const res = await fetch(url(`/api/reports/rejection-reasons?${qs({ flow_id: F.flowId, start: "2024-01-15", end: "2024-01-16", time_zone: CHI, limit: 1, format: "csv" })}`), {
      headers: { Cookie: cookie },
    });
    expect(await res.text()).toBe(["reason,outcome,count,share", `Daily cap reached: Vendor B,failure,1,0.2`, `(other),,4,0.8`, ""].join("\r\n"));
    const byReason = await fetch(url(`/api/reports/stats?${qs({ flow_id: F.flowId, start: "2024-01-15", end: "2024-01-16", time_zone: CHI, group_by: "reason", column: "source_submitted", source_id: F.sourceB })}`), {
      headers: { Cookie: cookie, Accept: "text/csv, application/json;q=0.5" },
    });
    expect((await byReason.text()).split("\r\n")).toEqual(["reason,source_submitted", "Daily cap reached: Vendor B,1", "Duplicate lead - seen 4 days ago,1", "Flow is disabled,1", ",1", ""]);
  });
});

describe("bad input", () => {
  const expectError = (res: { status: number; body: any }, status: number, code: string, path?: string) => {
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error: code, message: expect.any(String) });
    if (path) expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
  };

  it("unknown interval, column or group → 400 bad_request", async () => {
    expectError(await report("stats", { interval: "minutely" }), 400, "bad_request", "interval");
    expectError(await report("stats", { column: ["source_submitted", "bogus"] }), 400, "bad_request", "column.1");
    expectError(await report("stats", { group_by: "planet" }), 400, "bad_request", "group_by.0");
    expectError(await report("stats", { time_zone: "Mars/Olympus_Mons" }), 400, "bad_request", "time_zone");
    expectError(await report("stats", { start: "yesterday" }), 400, "bad_request", "start");
    expectError(await report("stats", { start: "2024-02-30" }), 400, "bad_request", "start");
    expectError(await report("stats", { by_lead: "maybe" }), 400, "bad_request", "by_lead");
    expectError(await report("volume", { interval: "none" }), 400, "bad_request", "interval");
  });

  it("end before start and ranges over 400 days → 422 validation", async () => {
    expectError(await report("stats", { start: "2024-01-16", end: "2024-01-15" }), 422, "validation", "end");
    expectError(await report("stats", { start: "2024-01-01", end: "2025-02-04" }), 422, "validation", "end");
    // 400 days exactly is allowed.
    expect((await report("stats", { start: "2024-01-01", end: "2025-02-03", interval: "hour", column: "source_submitted" })).status).toBe(200);
  });

  it("rules: not JSON → 400, not a rule list → 422", async () => {
    expectError(await report("stats", { rules: "{oops" }), 400, "bad_request", "rules");
    expectError(await report("stats", { rules: JSON.stringify([{ lhv: "outcome", op: "is equalz to", rhv: "x" }]) }), 422, "validation", "rules.0.op");
    expectError(await report("stats", { rules: JSON.stringify({ lhv: "outcome" }) }), 422, "validation", "rules");
  });

  it("more than 10,000 rows → 422", async () => {
    const flowId = await seedManyReasons(sql, 10_001);
    const res = await api.get(`/api/reports/stats?${qs({ flow_id: flowId, start: "2024-02-01", end: "2024-02-01", time_zone: CHI, group_by: "reason", column: "source_submitted" })}`);
    expectError(res, 422, "validation");
    expect(res.body.message).toMatch(/10,000 rows/);
    const ok = await api.get(`/api/reports/stats?${qs({ flow_id: flowId, start: "2024-02-01", end: "2024-02-01", time_zone: CHI, column: "source_failure" })}`);
    expect(ok.body.totals).toEqual({ source_failure: 10_001 });
  });

  it("cap-fill and step-outcomes need a known flow", async () => {
    expectError(await api.get(`/api/reports/cap-fill`), 400, "bad_request", "flow_id");
    expectError(await api.get(`/api/reports/step-outcomes?flow_id=ffffffffffffffffffffffff`), 404, "not_found");
    expectError(await report("cap-fill", { cap_id: "eeeeeeeeeeeeeeeeeeeeeeee" }), 404, "not_found");
  });

  it("needs a signed-in principal", async () => {
    const res = await fetch(url(`/api/reports/stats`));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "unauthenticated" });
  });
});

describe("saved reports (08 §4.8)", () => {
  it("lists the standard reports, creates, reads, runs, updates and deletes", async () => {
    const list = await api.get(`/api/reports/saved?limit=500`);
    expect(list.status).toBe(200);
    const names = list.body.data.map((r: { name: string }) => r.name);
    for (const name of ["Stats by Flow", "Stats by Source", "Stats by Recipient", "Stats by Source & Flow", "Stats by Recipient & Flow", "Stats by Source & Purchase Price", "Stats by Recipient & Sale Price"]) {
      expect(names).toContain(name);
    }

    const body = { name: "TX Solar by source", description: "Daily", endpoint: "stats", params: { flow_id: F.flowId, group_by: ["source"], interval: "day", time_zone: CHI } };
    const created = await api.post(`/api/reports/saved`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, id: expect.stringMatching(/^[0-9a-f]{24}$/), created_at: expect.any(String), updated_at: expect.any(String) });
    const id = created.body.id;
    expect((await api.get(`/api/reports/saved/${id}`)).body).toEqual(created.body);

    const run = await api.get(`/api/reports/saved/${id}/run?start=2024-01-15&end=2024-01-16`);
    expect(run.status).toBe(200);
    const direct = await report("stats", { group_by: "source", interval: "day" });
    expect(run.body.saved_report).toEqual({ id, name: body.name });
    expect(run.body.rows).toEqual(direct.body.rows);
    expect(run.body.totals).toEqual(direct.body.totals);

    const updated = await api.put(`/api/reports/saved/${id}`, { ...body, name: "Renamed", endpoint: "rejection-reasons", params: { flow_id: F.flowId, time_zone: CHI } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, name: "Renamed", endpoint: "rejection-reasons" });
    const reasons = await api.get(`/api/reports/saved/${id}/run?start=2024-01-15&end=2024-01-16`);
    expect(reasons.body.total).toBe(5);

    expect((await api.delete(`/api/reports/saved/${id}`)).status).toBe(204);
    expect((await api.get(`/api/reports/saved/${id}`)).status).toBe(404);
  });

  it("refuses invalid parameters with 422 and the parameter's path", async () => {
    const bad = await api.post(`/api/reports/saved`, { name: "Bad", endpoint: "stats", params: { interval: "minutely" } });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: "validation" });
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toContain("params.interval");
    const withRange = await api.post(`/api/reports/saved`, { name: "Bad", endpoint: "stats", params: { start: "2024-01-01" } });
    expect(withRange.status).toBe(422);
    const noEndpoint = await api.post(`/api/reports/saved`, { name: "Bad", endpoint: "nope", params: {} });
    expect(noEndpoint.status).toBe(422);
    expect((await api.get(`/api/reports/saved/ffffffffffffffffffffffff/run`)).status).toBe(404);
  });
});
