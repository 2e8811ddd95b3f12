import { db } from "@/lib/store/prisma";
import { compile, RuleCompileError } from "@/lib/rules";
import { ApiError } from "@/lib/server/errors";
import type { LeadSearchQuery } from "@/lib/schemas/leads";
import { decodeCursor, encodeCursor } from "./cursor";
import { textOf } from "./lead-values";
import { toLeadSummary, type LeadRow } from "./lead-summary";
import { resolveTimeRange } from "./time-range";

type Cursor = [string | number, string];
const isCursor = (v: unknown): v is Cursor =>
  Array.isArray(v) && v.length === 2 && (typeof v[0] === "string" || typeof v[0] === "number") && typeof v[1] === "string";

const BATCH = 500;
// Filters on stored values (field.*, q, rules, reason) run over rows the database already narrowed
// by flow, source, outcome and time; one page looks at this many rows at most and returns a cursor
// to continue from there, so a rare match never turns into an unbounded scan.
const MAX_SCAN = 20_000;
const Q_FIELDS = ["first_name", "last_name", "email", "phone_1", "phone_2", "address_1", "city", "state", "postal_code", "reference"];

export async function searchLeads(query: LeadSearchQuery, fieldFilters: Record<string, string[]>, timeZone: string) {
  const { start, end } = resolveTimeRange(query.start, query.end, timeZone);
  const predicate = rowPredicate(query, fieldFilters);
  const byPrice = query.sort === "price";
  const dir = query.order;
  const cursor = decodeCursor(query.cursor, isCursor);

  const where: Record<string, unknown> = { receivedAt: { gte: start, lte: end } };
  if (query.flow_id) where.flowId = { in: query.flow_id };
  if (query.source_id) where.sourceId = { in: query.source_id };
  if (query.outcome) where.outcome = { in: query.outcome };
  if (query.cap_reached === "true") where.decidedBy = "caps";
  if (query.recipient_id || query.recipient_outcome) {
    where.events = {
      some: {
        type: "recipient",
        ...(query.recipient_id ? { recipientId: { in: query.recipient_id } } : {}),
        ...(query.recipient_outcome ? { outcome: query.recipient_outcome } : {}),
      },
    };
  }
  const orderBy = byPrice ? [{ price: dir }, { id: dir }] : [{ receivedAt: dir }, { id: dir }];
  const after = (c: Cursor) => {
    const op = dir === "desc" ? "lt" : "gt";
    const key = byPrice ? "price" : "receivedAt";
    const value = byPrice ? Number(c[0]) : new Date(String(c[0]));
    return { OR: [{ [key]: { [op]: value } }, { [key]: value, id: { [op]: c[1] } }] };
  };

  const hits: LeadRow[] = [];
  let scanned = 0;
  let position = cursor;
  let exhausted = false;
  while (hits.length <= query.limit && scanned < MAX_SCAN) {
    const rows = (await db().lead.findMany({
      where: position ? { AND: [where, after(position)] } : where,
      orderBy,
      take: BATCH,
    })) as unknown as LeadRow[];
    for (const row of rows) {
      scanned++;
      position = [byPrice ? row.price : row.receivedAt.toISOString(), row.id];
      if (predicate(row)) hits.push(row);
      if (hits.length > query.limit) break;
    }
    if (rows.length < BATCH) {
      exhausted = true;
      break;
    }
  }
  const page = hits.slice(0, query.limit);
  let nextCursor: string | null = null;
  if (hits.length > query.limit) {
    const last = page[page.length - 1]!;
    nextCursor = encodeCursor([byPrice ? last.price : last.receivedAt.toISOString(), last.id]);
  } else if (!exhausted && position) {
    nextCursor = encodeCursor(position);
  }
  const data = await toLeadSummary(page);
  if (query.include_total !== "true") return { data, next_cursor: nextCursor };
  return { data, next_cursor: nextCursor, total: await countMatches(where, predicate) };
}

/** Exact count: the database counts alone when no filter needs the stored values. */
async function countMatches(where: Record<string, unknown>, predicate: Predicate): Promise<number> {
  if (predicate.trivial) return db().lead.count({ where });
  let total = 0;
  let lastId: string | undefined;
  for (;;) {
    const rows = (await db().lead.findMany({
      where: lastId ? { AND: [where, { id: { gt: lastId } }] } : where,
      orderBy: { id: "asc" },
      take: 2000,
    })) as unknown as LeadRow[];
    for (const row of rows) if (predicate(row)) total++;
    if (rows.length < 2000) return total;
    lastId = rows[rows.length - 1]!.id;
  }
}

type Predicate = ((row: LeadRow) => boolean) & { trivial: boolean };

function rowPredicate(query: LeadSearchQuery, fieldFilters: Record<string, string[]>): Predicate {
  const checks: ((row: LeadRow, vars: { lead: Record<string, unknown> }) => boolean)[] = [];
  if (query.reason) {
    const needle = query.reason.toLowerCase();
    checks.push((row) => (row.reason ?? "").toLowerCase().includes(needle));
  }
  for (const [path, values] of Object.entries(fieldFilters)) {
    const rule = { op: "or", rules: values.map((rhv) => ({ lhv: `lead.${path}`, op: "is equal to", rhv })) };
    const fn = compile(rule);
    checks.push((_, vars) => fn(vars) === null);
  }
  if (query.rules) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(query.rules);
    } catch {
      throw new ApiError("bad_request", "rules must be URL-encoded JSON");
    }
    const set = Array.isArray(parsed) ? { op: "and", rules: parsed } : parsed;
    try {
      const fn = compile(set);
      checks.push((_, vars) => fn(vars) === null);
    } catch (err) {
      if (err instanceof RuleCompileError) throw new ApiError("validation", "rules is not a valid rule set", { issues: err.issues.map((i) => ({ ...i, path: `rules.${i.path}` })) });
      throw err;
    }
  }
  if (query.q?.trim()) {
    const terms = parseTerms(query.q);
    checks.push((row) => {
      const words = [row.id, ...Q_FIELDS.map((f) => textOf((row.fields as Record<string, unknown>)[f]))].join(" ").toLowerCase();
      const tokens = words.split(/[^\p{L}\p{N}@._+-]+/u);
      return terms.every((t) => (t.phrase ? words.includes(t.text) : tokens.some((w) => w.startsWith(t.text))));
    });
  }
  const predicate = ((row: LeadRow) => {
    if (!checks.length) return true;
    const vars = { lead: { ...(row.fields as Record<string, unknown>), id: row.id } };
    return checks.every((check) => check(row, vars));
  }) as Predicate;
  predicate.trivial = checks.length === 0;
  return predicate;
}

function parseTerms(q: string) {
  const terms: { text: string; phrase: boolean }[] = [];
  for (const match of q.toLowerCase().matchAll(/"([^"]+)"|(\S+)/g)) {
    if (match[1]) terms.push({ text: match[1], phrase: true });
    else if (match[2]) terms.push({ text: match[2], phrase: false });
  }
  return terms;
}
