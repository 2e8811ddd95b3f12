import { readJson, withApi } from "@/lib/server/api";
import { savedReportBodySchema } from "@/lib/schemas/reports";
import { deleteSavedReport, readSavedReport, updateSavedReport } from "@/lib/store/reports/saved-reports";

type Params = { id: string };

export const GET = withApi<Params>({ role: "viewer" }, async ({ params }) => readSavedReport(params.id));

export const PUT = withApi<Params>({ role: "editor" }, async ({ request, params }) => updateSavedReport(params.id, await readJson(request, savedReportBodySchema)));

export const DELETE = withApi<Params>({ role: "editor" }, async ({ params }) => {
  await deleteSavedReport(params.id);
  return new Response(null, { status: 204 });
});
