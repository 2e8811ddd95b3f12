import { readQuery, withApi } from "@/lib/server/api";
import { capFillQuerySchema } from "@/lib/schemas/reports";
import { capFillReport } from "@/lib/store/reports/cap-fill";
import { reportResponse } from "@/lib/store/reports/result";

/** Cap fill per cap and cap period (spec 08 §4.5). */
export const GET = withApi({ role: "viewer" }, async ({ request }) => {
  const query = readQuery(request, capFillQuerySchema);
  return reportResponse(request, await capFillReport(query), query.format, "cap-fill");
});
