import { readQuery, withApi } from "@/lib/server/api";
import { savedReportRunQuerySchema } from "@/lib/schemas/reports";
import { runSavedReport } from "@/lib/store/reports/saved-reports";
import { reportResponse } from "@/lib/store/reports/result";

/** Runs a saved report over `start`/`end` (spec 08 §4.8); JSON or CSV like the report itself. */
export const GET = withApi<{ id: string }>({ role: "viewer" }, async ({ request, params }) => {
  const query = readQuery(request, savedReportRunQuerySchema);
  const { result, format, name } = await runSavedReport(params.id, query);
  return reportResponse(request, result, format, name);
});
