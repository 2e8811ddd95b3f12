import { withApi } from "@/lib/server/api";
import { flowDeployBodySchema } from "@/lib/schemas/flow-api";
import { deployFlow } from "@/lib/store/admin/save-flow";
import { idempotent } from "@/lib/store/admin/idempotency";
import { readOptionalJson } from "@/lib/store/admin/request";

export const POST = withApi<{ id: string }>({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => {
    const body = await readOptionalJson(ctx.request, flowDeployBodySchema);
    return deployFlow(ctx.params.id, body.version);
  }),
);
