import { readQuery, withApi } from "@/lib/server/api";
import { volumeQuerySchema } from "@/lib/schemas/reports";
import { volumeReport } from "@/lib/store/reports/stats";
import { reportResponse } from "@/lib/store/reports/result";

/** Volume over time (spec 08 §4.7): source counts and acceptance rate per bucket. */
export const GET = withApi({ role: "viewer" }, async ({ request }) => {
  const query = readQuery(request, volumeQuerySchema);
  return reportResponse(request, await volumeReport(query), query.format, "volume");
});
