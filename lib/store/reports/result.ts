// What every report returns: the JSON body, and the same rows as a flat table for CSV (08 §4.1:
// one header row of the flattened JSON row keys, RFC 4180 quoting, CRLF line ends, no totals).
import Papa from "papaparse";
import { ApiError } from "@/lib/server/errors";

export interface ReportResult {
  body: Record<string, unknown>;
  table: { header: string[]; rows: Record<string, unknown>[] };
}

export const ROW_LIMIT = 10_000;

export const tooManyRows = () =>
  new ApiError("validation", `The report has more than ${ROW_LIMIT.toLocaleString("en-US")} rows: use a coarser interval or fewer groups`, {
    issues: [{ path: "interval", message: `more than ${ROW_LIMIT} rows; choose a coarser interval or fewer group_by keys` }],
  });

export function toCsv(table: ReportResult["table"]): string {
  const data = table.rows.map((row) =>
    table.header.map((h) => {
      const v = row[h];
      return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : v;
    }),
  );
  // Papa.unparse quotes fields holding the delimiter, quotes or line breaks, doubling quotes (RFC 4180).
  const text = Papa.unparse({ fields: table.header, data }, { newline: "\r\n" });
  return `${text}\r\n`;
}

/** CSV when `format=csv`, or when the client prefers `text/csv` to JSON in `Accept`. */
export function wantsCsv(request: Request, format: string | undefined): boolean {
  if (format) return format === "csv";
  const accept = request.headers.get("accept") ?? "";
  const q = (type: string) => {
    for (const part of accept.split(",")) {
      const [media, ...params] = part.trim().split(";");
      if (media?.trim().toLowerCase() !== type) continue;
      const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return qp ? Number(qp.slice(2)) || 0 : 1;
    }
    return -1;
  };
  const csv = q("text/csv");
  return csv > 0 && csv > q("application/json");
}

export function reportResponse(request: Request, result: ReportResult, format?: string, filename = "report"): Response {
  if (!wantsCsv(request, format)) return Response.json(result.body);
  return new Response(toCsv(result.table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}.csv"`,
    },
  });
}
