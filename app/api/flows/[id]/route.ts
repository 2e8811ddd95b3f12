import { withApi, readJson, readQuery } from "@/lib/server/api";
import { deployQuerySchema, flowPatchBodySchema, flowReadQuerySchema, flowSaveBodySchema } from "@/lib/schemas/flow-api";
import { getFlow } from "@/lib/store/admin/flows";
import { deleteFlow, patchFlow, saveFlow, versionFromIfMatch } from "@/lib/store/admin/save-flow";

type Params = { id: string };

export const GET = withApi<Params>({ role: "viewer" }, async ({ request, params }) =>
  getFlow(params.id, readQuery(request, flowReadQuerySchema).version),
);

export const PUT = withApi<Params>({ role: "editor" }, async ({ request, params, principal }) => {
  const { deploy } = readQuery(request, deployQuerySchema);
  const body = await readJson(request, flowSaveBodySchema);
  return saveFlow(params.id, body, { userId: principal.userId, deploy, ifMatch: versionFromIfMatch(request.headers.get("if-match")) });
});

export const PATCH = withApi<Params>({ role: "editor" }, async ({ request, params }) =>
  patchFlow(params.id, await readJson(request, flowPatchBodySchema)),
);

export const DELETE = withApi<Params>({ role: "editor" }, async ({ params }) => deleteFlow(params.id));
