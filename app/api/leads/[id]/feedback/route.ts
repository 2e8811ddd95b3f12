import { readJson, withApi } from "@/lib/server/api";
import { leadFeedbackBodySchema } from "@/lib/schemas/feedback";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created } from "@/lib/store/admin/request";
import { leadFeedback } from "@/lib/store/feedback/lead-feedback";

export const POST = withApi<{ id: string }>({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => created(await leadFeedback(ctx.params.id, await readJson(ctx.request, leadFeedbackBodySchema), ctx.principal.email))),
);
