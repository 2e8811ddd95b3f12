import { withApi, readJson, readQuery } from "@/lib/server/api";
import { tokenCreateBodySchema, tokenListQuerySchema } from "@/lib/schemas/user";
import { createToken, listTokens } from "@/lib/store/admin/tokens";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created } from "@/lib/store/admin/request";

export const GET = withApi({ role: "admin" }, async ({ request }) => listTokens(readQuery(request, tokenListQuerySchema)));

export const POST = withApi({ role: "admin" }, async (ctx) =>
  idempotent(ctx, async () => created(await createToken(ctx.principal, await readJson(ctx.request, tokenCreateBodySchema))), {
    secretKeys: ["token"],
  }),
);
