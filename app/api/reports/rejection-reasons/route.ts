import { readQuery, withApi } from "@/lib/server/api";
import { rejectionReasonsQuerySchema } from "@/lib/schemas/reports";
import { rejectionReasonsReport } from "@/lib/store/reports/rejection-reasons";
import { reportResponse } from "@/lib/store/reports/result";

/** Rejection reason analysis (spec 08 §4.3). */
export const GET = withApi({ role: "viewer" }, async ({ request }) => {
  const query = readQuery(request, rejectionReasonsQuerySchema);
  return reportResponse(request, await rejectionReasonsReport(query), query.format, "rejection-reasons");
});
