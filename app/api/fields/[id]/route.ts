import { withApi, readJson } from "@/lib/server/api";
import { fieldUpdateBodySchema } from "@/lib/schemas/field";
import { deleteField, getField, updateField } from "@/lib/store/admin/fields";

type Params = { id: string };

export const GET = withApi<Params>({ role: "viewer" }, async ({ params }) => getField(params.id));

export const PUT = withApi<Params>({ role: "editor" }, async ({ request, params }) =>
  updateField(params.id, await readJson(request, fieldUpdateBodySchema)),
);

/** 200, or 202 with `flow_errors` when flows still use the field (spec 07 §2.6). */
export const DELETE = withApi<Params>({ role: "editor" }, async ({ params }) => {
  const { status, body } = await deleteField(params.id);
  return Response.json(body, { status });
});
