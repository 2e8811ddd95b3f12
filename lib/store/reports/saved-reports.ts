// Saved reports (08 §4.8): a name, a description, the endpoint and its parameters (all but
// start/end). The SavedReport table has `name` and `params` JSON only, so the JSON column holds
// `{endpoint, description, params}` (a dedicated column per field is a schema change for later).
import { ApiError, notFound } from "@/lib/server/errors";
import { db } from "@/lib/store/prisma";
import { newId } from "@/lib/ids";
import type { ReportEndpoint, SavedReportBody, SavedReportListQuery } from "@/lib/schemas/reports";
import { checkReportParams, runReport, toRawParams } from "./run-report";
import type { ReportResult } from "./result";

interface Stored {
  endpoint: ReportEndpoint;
  description: string;
  params: Record<string, unknown>;
}

type Row = { id: string; name: string; params: unknown; createdAt: Date; updatedAt: Date };

export interface SavedReportJson {
  id: string;
  name: string;
  description: string;
  endpoint: ReportEndpoint;
  params: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

function toJson(row: Row): SavedReportJson {
  const stored = (row.params ?? {}) as Partial<Stored>;
  return {
    id: row.id,
    name: row.name,
    description: stored.description ?? "",
    endpoint: stored.endpoint ?? "stats",
    params: stored.params ?? {},
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const RECIPIENT_COLUMNS = ["recipient_submitted", "recipient_success", "recipient_failure", "recipient_error", "delivery_success_rate", "revenue"];

/** The kb standard reports (08 §4.8), with fixed ids so they are created once. */
export const STANDARD_REPORTS: { id: string; name: string; description: string; params: Record<string, unknown> }[] = [
  { id: "000000000000000000000a01", name: "Stats by Flow", description: "Lead counts, acceptance rate, cost, revenue and profit per flow", params: { group_by: ["flow"] } },
  { id: "000000000000000000000a02", name: "Stats by Source", description: "Lead counts, acceptance rate, cost, revenue and profit per source", params: { group_by: ["source"] } },
  { id: "000000000000000000000a03", name: "Stats by Recipient", description: "Deliveries and revenue per recipient", params: { group_by: ["recipient"], column: RECIPIENT_COLUMNS } },
  { id: "000000000000000000000a04", name: "Stats by Source & Flow", description: "Per source within each flow", params: { group_by: ["source", "flow"] } },
  { id: "000000000000000000000a05", name: "Stats by Recipient & Flow", description: "Deliveries per recipient within each flow", params: { group_by: ["recipient", "flow"], column: RECIPIENT_COLUMNS } },
  { id: "000000000000000000000a06", name: "Stats by Source & Purchase Price", description: "Per source and purchase price", params: { group_by: ["source", "purchase_price"] } },
  { id: "000000000000000000000a07", name: "Stats by Recipient & Sale Price", description: "Deliveries per recipient and sale price", params: { group_by: ["recipient", "sale_price"], column: RECIPIENT_COLUMNS } },
];

const seeded = { done: false };

/**
 * New installations get the standard reports (08 §4.8). Installation has no hook of its own, so
 * they are created the first time the list is read on an empty table; `done` keeps a server
 * from recreating them after a user deleted them all. (A server restart after deleting every
 * saved report does bring them back; a seeding step at migration time would not.)
 */
export async function ensureStandardReports(): Promise<void> {
  if (seeded.done) return;
  const count = await db().savedReport.count();
  if (count === 0) {
    for (const r of STANDARD_REPORTS) {
      const stored: Stored = { endpoint: "stats", description: r.description, params: r.params };
      await db()
        .savedReport.create({ data: { id: r.id, name: r.name, params: stored as object } })
        .catch(() => undefined); // a concurrent first read created it
    }
  }
  seeded.done = true;
}

function checkBody(body: SavedReportBody) {
  const issues = ["start", "end"].filter((k) => k in body.params).map((k) => ({ path: `params.${k}`, message: "start and end are given when the report is run" }));
  if (issues.length) throw new ApiError("validation", "The report parameters are not valid", { issues });
  checkReportParams(body.endpoint, toRawParams(body.params), "validation", "params.");
}

export async function listSavedReports(query: SavedReportListQuery): Promise<{ data: SavedReportJson[]; next_cursor: string | null }> {
  await ensureStandardReports();
  // Saved reports are few (people make them by hand): filter and page in memory.
  const rows = await db().savedReport.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  let list = rows.map(toJson);
  if (query.endpoint) list = list.filter((r) => r.endpoint === query.endpoint);
  if (query.q) {
    const q = query.q.toLowerCase();
    list = list.filter((r) => r.name.toLowerCase().includes(q));
  }
  let startAt = 0;
  if (query.cursor) {
    let after: [string, string] | null = null;
    try {
      after = JSON.parse(Buffer.from(query.cursor, "base64url").toString("utf8")) as [string, string];
    } catch {
      after = null;
    }
    if (!Array.isArray(after) || after.length !== 2) {
      throw new ApiError("bad_request", "Invalid cursor", { issues: [{ path: "cursor", message: "not a cursor from this list" }] });
    }
    const [createdAt, id] = after;
    startAt = list.findIndex((r) => r.created_at > createdAt || (r.created_at === createdAt && r.id > id));
    if (startAt < 0) startAt = list.length;
  }
  const page = list.slice(startAt, startAt + query.limit);
  const more = startAt + query.limit < list.length;
  const last = page[page.length - 1];
  return {
    data: page,
    next_cursor: more && last ? Buffer.from(JSON.stringify([last.created_at, last.id])).toString("base64url") : null,
  };
}

async function find(id: string): Promise<Row> {
  const row = await db().savedReport.findUnique({ where: { id } });
  if (!row) throw notFound("Saved report");
  return row;
}

export async function readSavedReport(id: string): Promise<SavedReportJson> {
  return toJson(await find(id));
}

export async function createSavedReport(body: SavedReportBody): Promise<SavedReportJson> {
  checkBody(body);
  await ensureStandardReports();
  const stored: Stored = { endpoint: body.endpoint, description: body.description, params: body.params };
  const row = await db().savedReport.create({ data: { id: newId(), name: body.name, params: stored as object } });
  return toJson(row);
}

export async function updateSavedReport(id: string, body: SavedReportBody): Promise<SavedReportJson> {
  await find(id);
  checkBody(body);
  const stored: Stored = { endpoint: body.endpoint, description: body.description, params: body.params };
  return toJson(await db().savedReport.update({ where: { id }, data: { name: body.name, params: stored as object } }));
}

export async function deleteSavedReport(id: string): Promise<void> {
  await find(id);
  await db().savedReport.delete({ where: { id } }).catch(() => undefined);
}

/** Runs a saved report over `start`/`end` (08 §4.8). */
export async function runSavedReport(id: string, range: { start?: string; end?: string; format?: "json" | "csv" }): Promise<{ result: ReportResult; format?: "json" | "csv"; name: string }> {
  const report = toJson(await find(id));
  const raw = toRawParams({ ...report.params, ...(range.start ? { start: range.start } : {}), ...(range.end ? { end: range.end } : {}), ...(range.format ? { format: range.format } : {}) });
  const { result, format } = await runReport(report.endpoint, raw);
  return { result: { ...result, body: { saved_report: { id: report.id, name: report.name }, ...result.body } }, format, name: report.name };
}
