import { withApi, readJson, readQuery } from "@/lib/server/api";
import { suppressionItemsAddBodySchema, suppressionItemsQuerySchema, suppressionItemsRemoveBodySchema } from "@/lib/schemas/suppression-list";
import { addItems, queryItems, removeItems } from "@/lib/store/admin/suppression-items";
import { idempotent } from "@/lib/store/admin/idempotency";

type Params = { id: string };

export const GET = withApi<Params>({ role: "viewer" }, async ({ request, params }) =>
  queryItems(params.id, readQuery(request, suppressionItemsQuerySchema)),
);

export const POST = withApi<Params>({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => addItems(ctx.params.id, await readJson(ctx.request, suppressionItemsAddBodySchema))),
);

export const DELETE = withApi<Params>({ role: "editor" }, async ({ request, params }) =>
  removeItems(params.id, await readJson(request, suppressionItemsRemoveBodySchema)),
);
