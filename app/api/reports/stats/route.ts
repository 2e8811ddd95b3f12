import { readQuery, withApi } from "@/lib/server/api";
import { statsQuerySchema } from "@/lib/schemas/reports";
import { statsReport } from "@/lib/store/reports/stats";
import { reportResponse } from "@/lib/store/reports/result";

/** The general report (spec 08 §4.2): columns × buckets × groups, JSON or CSV. */
export const GET = withApi({ role: "viewer" }, async ({ request }) => {
  const query = readQuery(request, statsQuerySchema);
  return reportResponse(request, await statsReport(query), query.format, "stats");
});
