import { withApi, readJson } from "@/lib/server/api";
import { userCreateBodySchema, userListQuerySchema } from "@/lib/schemas/user";
import { createUser, listUsers } from "@/lib/store/admin/users";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created, readQueryAll } from "@/lib/store/admin/request";

export const GET = withApi({ role: "admin" }, async ({ request }) => listUsers(readQueryAll(request, userListQuerySchema)));

export const POST = withApi({ role: "admin" }, async (ctx) =>
  idempotent(ctx, async () => created(await createUser(await readJson(ctx.request, userCreateBodySchema)))),
);
