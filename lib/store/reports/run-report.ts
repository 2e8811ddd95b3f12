// Runs any report from raw query parameters: what saved reports store (08 §4.8).
import type { z } from "zod";
import {
  capFillQuerySchema,
  priceDistributionQuerySchema,
  rejectionReasonsQuerySchema,
  statsQuerySchema,
  stepOutcomesQuerySchema,
  volumeQuerySchema,
  type ReportEndpoint,
} from "@/lib/schemas/reports";
import { ApiError, zodIssues, type ErrorCode } from "@/lib/server/errors";
import { capFillReport } from "./cap-fill";
import { priceDistributionReport } from "./price-distribution";
import { rejectionReasonsReport } from "./rejection-reasons";
import type { ReportResult } from "./result";
import { parseReportRules } from "./rules";
import { statsReport, volumeReport } from "./stats";
import { stepOutcomesReport } from "./step-outcomes";

type Runner<S extends z.ZodType> = { schema: S; run: (query: z.infer<S>) => Promise<ReportResult> };
const runner = <S extends z.ZodType>(schema: S, run: (query: z.infer<S>) => Promise<ReportResult>): Runner<S> => ({ schema, run });

const RUNNERS: Record<ReportEndpoint, Runner<z.ZodType>> = {
  stats: runner(statsQuerySchema, statsReport) as Runner<z.ZodType>,
  volume: runner(volumeQuerySchema, volumeReport) as Runner<z.ZodType>,
  "rejection-reasons": runner(rejectionReasonsQuerySchema, rejectionReasonsReport) as Runner<z.ZodType>,
  "price-distribution": runner(priceDistributionQuerySchema, priceDistributionReport) as Runner<z.ZodType>,
  "cap-fill": runner(capFillQuerySchema, capFillReport) as Runner<z.ZodType>,
  "step-outcomes": runner(stepOutcomesQuerySchema, stepOutcomesReport) as Runner<z.ZodType>,
};

export type RawParams = Record<string, string | string[]>;

/** Stored parameter values (JSON) as the query strings a report parses. */
export function toRawParams(params: Record<string, unknown>): RawParams {
  const raw: RawParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    raw[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return raw;
}

/**
 * Checks a report's parameters without running it: the endpoint's query schema and, where given,
 * the rule list. Issues carry `pathPrefix` (`params.`) and the `code` asked for.
 */
export function checkReportParams(endpoint: ReportEndpoint, raw: RawParams, code: ErrorCode = "validation", pathPrefix = "") {
  const parsed = RUNNERS[endpoint].schema.safeParse(raw);
  if (!parsed.success) {
    throw new ApiError(code, "The report parameters are not valid", {
      issues: zodIssues(parsed.error).map((i) => ({ ...i, path: `${pathPrefix}${i.path}` })),
    });
  }
  const rules = (parsed.data as { rules?: string }).rules;
  try {
    parseReportRules(rules);
  } catch (err) {
    if (err instanceof ApiError) throw new ApiError("validation", err.message, { issues: ((err.extra.issues as { path: string; message: string }[]) ?? []).map((i) => ({ ...i, path: `${pathPrefix}${i.path}` })) });
    throw err;
  }
  return parsed.data as { format?: "json" | "csv" };
}

export async function runReport(endpoint: ReportEndpoint, raw: RawParams): Promise<{ result: ReportResult; format?: "json" | "csv" }> {
  const query = checkReportParams(endpoint, raw);
  return { result: await RUNNERS[endpoint].run(query), format: query.format };
}
