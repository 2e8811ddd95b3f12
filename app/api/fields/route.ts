import { withApi, readJson } from "@/lib/server/api";
import { fieldCreateBodySchema, fieldListQuerySchema } from "@/lib/schemas/field";
import { createField, listFields } from "@/lib/store/admin/fields";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created, readQueryAll } from "@/lib/store/admin/request";

export const GET = withApi({ role: "viewer" }, async ({ request }) => listFields(readQueryAll(request, fieldListQuerySchema)));

export const POST = withApi({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => created(await createField(await readJson(ctx.request, fieldCreateBodySchema)))),
);
