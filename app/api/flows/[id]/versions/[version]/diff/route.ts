import { withApi, readQuery } from "@/lib/server/api";
import { notFound } from "@/lib/server/errors";
import { flowDiffQuerySchema } from "@/lib/schemas/flow-api";
import { diffFlowVersions } from "@/lib/store/admin/flows";

export const GET = withApi<{ id: string; version: string }>({ role: "viewer" }, async ({ request, params }) => {
  if (!/^[1-9]\d{0,8}$/.test(params.version)) throw notFound("Flow version");
  return diffFlowVersions(params.id, Number(params.version), readQuery(request, flowDiffQuerySchema).against);
});
