import { withApi, readJson, readQuery } from "@/lib/server/api";
import { deployQuerySchema, flowCreateBodySchema, flowListQuerySchema } from "@/lib/schemas/flow-api";
import { listFlows } from "@/lib/store/admin/flows";
import { createFlow } from "@/lib/store/admin/save-flow";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created } from "@/lib/store/admin/request";

export const GET = withApi({ role: "viewer" }, async ({ request }) => listFlows(readQuery(request, flowListQuerySchema)));

export const POST = withApi({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => {
    const { deploy } = readQuery(ctx.request, deployQuerySchema);
    const doc = await readJson(ctx.request, flowCreateBodySchema);
    return created(await createFlow(doc, { userId: ctx.principal.userId, deploy }));
  }),
);
