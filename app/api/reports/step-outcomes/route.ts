import { readQuery, withApi } from "@/lib/server/api";
import { stepOutcomesQuerySchema } from "@/lib/schemas/reports";
import { stepOutcomesReport } from "@/lib/store/reports/step-outcomes";
import { reportResponse } from "@/lib/store/reports/result";

/** Outcome counts per step of a flow (spec 08 §4.6). */
export const GET = withApi({ role: "viewer" }, async ({ request }) => {
  const query = readQuery(request, stepOutcomesQuerySchema);
  return reportResponse(request, await stepOutcomesReport(query), query.format, "step-outcomes");
});
