import { withApi, readJson } from "@/lib/server/api";
import { entityUpdateBodySchema } from "@/lib/schemas/entity";
import { deleteEntity, getEntity, updateEntity } from "@/lib/store/admin/entities";

type Params = { id: string };

export const GET = withApi<Params>({ role: "viewer" }, async ({ params }) => getEntity(params.id));

export const PUT = withApi<Params>({ role: "editor" }, async ({ request, params }) =>
  updateEntity(params.id, await readJson(request, entityUpdateBodySchema)),
);

export const DELETE = withApi<Params>({ role: "editor" }, async ({ params }) => deleteEntity(params.id));
