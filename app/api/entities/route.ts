import { withApi, readJson } from "@/lib/server/api";
import { entityCreateBodySchema, entityListQuerySchema } from "@/lib/schemas/entity";
import { createEntity, listEntities } from "@/lib/store/admin/entities";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created, readQueryAll } from "@/lib/store/admin/request";

export const GET = withApi({ role: "viewer" }, async ({ request }) => listEntities(readQueryAll(request, entityListQuerySchema)));

export const POST = withApi({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => created(await createEntity(await readJson(ctx.request, entityCreateBodySchema)))),
);
