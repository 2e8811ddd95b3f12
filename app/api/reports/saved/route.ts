import { readJson, readQuery, withApi } from "@/lib/server/api";
import { savedReportBodySchema, savedReportListQuerySchema } from "@/lib/schemas/reports";
import { createSavedReport, listSavedReports } from "@/lib/store/reports/saved-reports";

// Saved reports (spec 08 §4.8). The spec's path is /api/saved-reports; this feature owns
// app/api/reports/**, so the handlers live here and /api/saved-reports re-exports them.

export const GET = withApi({ role: "viewer" }, async ({ request }) => listSavedReports(readQuery(request, savedReportListQuerySchema)));

export const POST = withApi({ role: "editor" }, async ({ request }) => {
  const body = await readJson(request, savedReportBodySchema);
  return Response.json(await createSavedReport(body), { status: 201 });
});
