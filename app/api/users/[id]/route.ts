import { withApi, readJson } from "@/lib/server/api";
import { forbidden } from "@/lib/server/errors";
import { userUpdateBodySchema } from "@/lib/schemas/user";
import { deleteUser, getUser, updateUser } from "@/lib/store/admin/users";

type Params = { id: string };

/** Admins read anyone; other users only themselves. */
export const GET = withApi<Params>({ role: "viewer" }, async ({ params, principal }) => {
  if (principal.role !== "admin" && params.id !== principal.userId) throw forbidden("This needs the admin role");
  return getUser(params.id);
});

/** Everyone may call it for themselves (name, password); the rest is checked in updateUser. */
export const PATCH = withApi<Params>({ role: "viewer" }, async ({ request, params, principal }) =>
  updateUser(principal, params.id, await readJson(request, userUpdateBodySchema)),
);

export const DELETE = withApi<Params>({ role: "admin" }, async ({ params }) => deleteUser(params.id));
