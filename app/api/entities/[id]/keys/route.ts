import { withApi } from "@/lib/server/api";
import { sourceKeyCreateBodySchema } from "@/lib/schemas/entity";
import { createSourceKey, listSourceKeys } from "@/lib/store/admin/source-keys";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created, readOptionalJson } from "@/lib/store/admin/request";

type Params = { id: string };

export const GET = withApi<Params>({ role: "admin" }, async ({ params }) => listSourceKeys(params.id));

export const POST = withApi<Params>({ role: "admin" }, async (ctx) =>
  idempotent(ctx, async () => created(await createSourceKey(ctx.params.id, await readOptionalJson(ctx.request, sourceKeyCreateBodySchema))), {
    secretKeys: ["key"],
  }),
);
