import { withApi, readQuery } from "@/lib/server/api";
import { flowVersionsQuerySchema } from "@/lib/schemas/flow-api";
import { listFlowVersions } from "@/lib/store/admin/flows";

export const GET = withApi<{ id: string }>({ role: "viewer" }, async ({ request, params }) =>
  listFlowVersions(params.id, readQuery(request, flowVersionsQuerySchema)),
);
