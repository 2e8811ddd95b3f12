// Alias of /api/entities pre-filtered to the recipient role (spec 07 §2.5, API.md names).
import { withApi, readJson } from "@/lib/server/api";
import { entityCreateBodyFor, entityListQuerySchema } from "@/lib/schemas/entity";
import { createEntity, listEntities } from "@/lib/store/admin/entities";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created, readQueryAll } from "@/lib/store/admin/request";

export const GET = withApi({ role: "viewer" }, async ({ request }) =>
  listEntities({ ...readQueryAll(request, entityListQuerySchema), role: ["recipient"] }),
);

export const POST = withApi({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => created(await createEntity(await readJson(ctx.request, entityCreateBodyFor("recipient"))))),
);
