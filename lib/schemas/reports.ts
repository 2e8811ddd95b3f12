// Query and body schemas of the reporting API (spec 08 §4). Query parameters arrive as strings,
// repeated keys as arrays (lib/server/api readQuery); these schemas turn them into typed options.
// Format errors are 400 `bad_request`; semantic checks (range order and length, rule sets) are
// made in lib/store/reports and answer 422 `validation`.
import { z } from "zod";

/** A repeatable query parameter: one value or several. */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item).max(100).optional());

/** Only the last value of a parameter given twice counts, for single-valued parameters. */
const single = <T extends z.ZodType>(item: T) => z.preprocess((v) => (Array.isArray(v) ? v[v.length - 1] : v), item);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export const reportTimeSchema = z
  .string()
  .refine(
    (s) => (DATE_ONLY.test(s) ? validDate(s) : z.iso.datetime({ offset: true }).safeParse(s).success),
    "must be a date YYYY-MM-DD or an ISO-8601 timestamp with a zone (2024-01-15T15:00:00Z)",
  );

function validDate(s: string): boolean {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone name (America/Chicago)");

const INTERVAL_ALIASES: Record<string, string> = { hourly: "hour", daily: "day", weekly: "week", monthly: "month", yearly: "year" };
export const INTERVALS = ["none", "hour", "day", "week", "month", "year"] as const;
export type Interval = (typeof INTERVALS)[number];
/** `interval` with the kb names (`daily`, …) accepted as aliases (08 §2). */
export const intervalSchema = z.preprocess((v) => (typeof v === "string" ? (INTERVAL_ALIASES[v] ?? v) : v), z.enum(INTERVALS));

export const booleanParam = z.enum(["true", "false"]).transform((v) => v === "true");

/** Ids in filters: 24-hex record ids, or 6-character step ids; kept loose so old ids still match. */
const idParam = z.string().trim().min(1).max(100);

/**
 * Column ids of 08 §3; kebab-case kb names are aliases (`source-success`).
 * The list is the catalogue's (lib/store/reports/columns.ts), repeated here so that the schema
 * module stays free of store imports.
 */
export const COLUMN_IDS = [
  "source_submitted",
  "source_success",
  "source_failure",
  "source_error",
  "recipient_submitted",
  "recipient_success",
  "recipient_failure",
  "recipient_error",
  "recipient_skip",
  "return_received_submitted",
  "return_received_success",
  "return_received_failure",
  "return_received_error",
  "return_sent_submitted",
  "return_sent_success",
  "return_sent_failure",
  "return_sent_error",
  "conversion_received_submitted",
  "conversion_received_success",
  "conversion_received_failure",
  "conversion_received_error",
  "conversion_sent_submitted",
  "conversion_sent_success",
  "conversion_sent_failure",
  "conversion_sent_error",
  "cost",
  "revenue",
  "profit",
  "avg_cost_per_lead",
  "avg_revenue_per_lead",
  "cost_per_conversion_received_success",
  "acceptance_rate",
  "rejection_rate",
  "error_rate",
  "delivery_success_rate",
  "return_rate",
  "price_min",
  "price_max",
  "price_avg",
  "price_median",
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
export const DEFAULT_COLUMNS: ColumnId[] = [
  "source_submitted",
  "source_success",
  "source_failure",
  "source_error",
  "acceptance_rate",
  "cost",
  "revenue",
  "profit",
];
const columnSchema = z.preprocess((v) => (typeof v === "string" ? v.trim().replace(/-/g, "_") : v), z.enum(COLUMN_IDS));

/** A field id or component path: letters, digits, `_` and `-`, dot-separated (`phone_1.area`). */
const PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const GROUPS = ["flow", "source", "recipient", "step", "outcome", "reason", "purchase_price", "sale_price"] as const;
/** `group_by` (08 §4.2): a fixed dimension, `lead.<path>` or `appended.<path>`. */
export const groupBySchema = z
  .string()
  .trim()
  .transform((v) => (v.startsWith("lead.") || v.startsWith("appended.") ? v : v.replace(/-/g, "_")))
  .refine(
    (v) => (GROUPS as readonly string[]).includes(v) || ((v.startsWith("lead.") || v.startsWith("appended.")) && PATH.test(v.slice(v.indexOf(".") + 1))),
    `must be one of ${GROUPS.join(", ")}, lead.<field> or appended.<path>`,
  );

/** Parameters every report reads (08 §4.1). */
const commonShape = {
  start: single(reportTimeSchema).optional(),
  end: single(reportTimeSchema).optional(),
  time_zone: single(timeZoneSchema).optional(),
  flow_id: many(idParam),
  source_id: many(idParam),
  recipient_id: many(idParam),
  step_id: many(idParam),
  /** URL-encoded JSON array of `{lhv, op, rhv}`; parsed and checked by the store (422 on bad rules). */
  rules: single(z.string().max(20_000)).optional(),
  by_lead: single(booleanParam).default(true),
  /** Extension: `format=csv` does what `Accept: text/csv` does (download links cannot set headers). */
  format: single(z.enum(["json", "csv"])).optional(),
};

export const statsQuerySchema = z.object({
  ...commonShape,
  interval: single(intervalSchema).default("none"),
  group_by: many(groupBySchema),
  column: many(columnSchema),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;

/** `volume` (08 §4.7): stats with an interval (default `day`), fixed columns, no groups. */
export const volumeQuerySchema = z.object({
  ...commonShape,
  interval: single(intervalSchema.refine((v) => v !== "none", "volume needs an interval (hour, day, week, month, year)")).default("day"),
});
export type VolumeQuery = z.infer<typeof volumeQuerySchema>;

export const rejectionReasonsQuerySchema = z.object({
  ...commonShape,
  group_by: many(z.enum(["source", "flow", "outcome"])),
  limit: single(z.coerce.number().int().min(1).max(1000)).default(50),
});
export type RejectionReasonsQuery = z.infer<typeof rejectionReasonsQuerySchema>;

export const priceDistributionQuerySchema = z.object({
  ...commonShape,
  kind: single(z.enum(["purchase", "sale"])).default("purchase"),
  bucket_size: single(z.coerce.number().positive().max(1_000_000)).optional(),
  group_by: many(z.enum(["source"])),
});
export type PriceDistributionQuery = z.infer<typeof priceDistributionQuerySchema>;

export const capFillQuerySchema = z.object({
  start: commonShape.start,
  end: commonShape.end,
  time_zone: commonShape.time_zone,
  format: commonShape.format,
  flow_id: single(idParam),
  cap_id: many(idParam),
});
export type CapFillQuery = z.infer<typeof capFillQuerySchema>;

export const stepOutcomesQuerySchema = z.object({
  ...commonShape,
  flow_id: single(idParam),
  interval: single(intervalSchema).default("none"),
});
export type StepOutcomesQuery = z.infer<typeof stepOutcomesQuerySchema>;

export const REPORT_ENDPOINTS = ["stats", "rejection-reasons", "price-distribution", "cap-fill", "step-outcomes", "volume"] as const;
export type ReportEndpoint = (typeof REPORT_ENDPOINTS)[number];

/** A saved report's parameters: query parameters as the endpoint takes them, minus start/end (08 §4.8). */
export const savedReportParamsSchema = z
  .record(z.string().max(100), z.union([z.string().max(20_000), z.number(), z.boolean(), z.array(z.union([z.string().max(1000), z.number()])).max(100)]))
  .default({});

export const savedReportBodySchema = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  description: z.string().max(5000).default(""),
  endpoint: z.enum(REPORT_ENDPOINTS),
  params: savedReportParamsSchema,
});
export type SavedReportBody = z.infer<typeof savedReportBodySchema>;

export const savedReportListQuerySchema = z.object({
  limit: single(z.coerce.number().int().min(1).max(500)).default(50),
  cursor: single(z.string().min(1).max(1000)).optional(),
  endpoint: single(z.enum(REPORT_ENDPOINTS)).optional(),
  q: single(z.string().trim().max(200)).optional(),
});
export type SavedReportListQuery = z.infer<typeof savedReportListQuerySchema>;

export const savedReportRunQuerySchema = z.object({
  start: single(reportTimeSchema).optional(),
  end: single(reportTimeSchema).optional(),
  format: commonShape.format,
});
