import { withApi, readJson, readQuery } from "@/lib/server/api";
import { deployQuerySchema, flowImportBodySchema } from "@/lib/schemas/flow-api";
import { importFlow } from "@/lib/store/admin/import-flow";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created } from "@/lib/store/admin/request";

export const POST = withApi({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => {
    const { deploy } = readQuery(ctx.request, deployQuerySchema);
    const body = await readJson(ctx.request, flowImportBodySchema);
    return created(await importFlow(body, { userId: ctx.principal.userId, deploy }));
  }),
);
