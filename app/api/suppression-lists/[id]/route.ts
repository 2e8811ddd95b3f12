import { withApi, readJson } from "@/lib/server/api";
import { suppressionListUpdateBodySchema } from "@/lib/schemas/suppression-list";
import { deleteSuppressionList, getSuppressionList, updateSuppressionList } from "@/lib/store/admin/suppression-lists";

type Params = { id: string };

export const GET = withApi<Params>({ role: "viewer" }, async ({ params }) => getSuppressionList(params.id));

export const PUT = withApi<Params>({ role: "editor" }, async ({ request, params }) =>
  updateSuppressionList(params.id, await readJson(request, suppressionListUpdateBodySchema)),
);

export const DELETE = withApi<Params>({ role: "editor" }, async ({ params }) => deleteSuppressionList(params.id));
