import { withApi, readJson } from "@/lib/server/api";
import { suppressionListCreateBodySchema, suppressionListQuerySchema } from "@/lib/schemas/suppression-list";
import { createSuppressionList, listSuppressionLists } from "@/lib/store/admin/suppression-lists";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created, readQueryAll } from "@/lib/store/admin/request";

export const GET = withApi({ role: "viewer" }, async ({ request }) => listSuppressionLists(readQueryAll(request, suppressionListQuerySchema)));

export const POST = withApi({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => created(await createSuppressionList(await readJson(ctx.request, suppressionListCreateBodySchema)))),
);
