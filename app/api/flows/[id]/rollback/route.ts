import { withApi, readJson } from "@/lib/server/api";
import { flowRollbackBodySchema } from "@/lib/schemas/flow-api";
import { rollbackFlow } from "@/lib/store/admin/save-flow";
import { idempotent } from "@/lib/store/admin/idempotency";

export const POST = withApi<{ id: string }>({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => {
    const body = await readJson(ctx.request, flowRollbackBodySchema);
    return rollbackFlow(ctx.params.id, body, { userId: ctx.principal.userId });
  }),
);
