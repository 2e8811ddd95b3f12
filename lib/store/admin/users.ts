// Users: the CLI's upsert and the admin API (spec 07 §2.3).
import { db } from "@/lib/store/prisma";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/server/auth/password";
import { ROLES, type Role } from "@/lib/server/auth/roles";
import type { User } from "@/lib/generated/sqlite/client";
import type { UserCreateBody, UserListQuery, UserUpdateBody } from "@/lib/schemas/user";
import { randomToken } from "@/lib/server/auth/secrets";
import type { Principal } from "@/lib/server/auth/principal";
import { ApiError, forbidden, notFound } from "@/lib/server/errors";
import { afterCreatedAt, byCreatedAt, createdAtKey, textContains, toPage } from "./pagination";
import { isUniqueViolation } from "./prisma-errors";

/** Creates a user, or resets the password and role of an existing one with that e-mail. */
export async function upsertUser(input: { email: string; password: string; name?: string; role?: Role }) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db().user.upsert({
    where: { email },
    create: { id: newId(), email, name: input.name ?? "", role: input.role ?? "admin", passwordHash },
    update: { passwordHash, role: input.role ?? undefined, name: input.name ?? undefined, disabled: false },
  });
}

// ---------------------------------------------------------------------------------------------
// Admin API (spec 07 §2.3)

function userResource(u: User) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
    last_login_at: u.lastLoginAt?.toISOString() ?? null,
    disabled: u.disabled,
  };
}

async function requireUser(id: string): Promise<User> {
  const user = await db().user.findUnique({ where: { id } });
  if (!user) throw notFound("User");
  return user;
}

/** GET /api/users: filters `role`, `q` (e-mail or name). */
export async function listUsers(query: UserListQuery) {
  const rows = await db().user.findMany({
    where: {
      ...(query.role?.length ? { role: { in: query.role } } : {}),
      ...(query.q ? { OR: [{ email: textContains(query.q) }, { name: textContains(query.q) }] } : {}),
      ...afterCreatedAt(query.cursor),
    },
    orderBy: byCreatedAt,
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, createdAtKey, userResource);
}

export async function getUser(id: string) {
  return userResource(await requireUser(id));
}

/** POST /api/users. Without a password the account cannot sign in until one is set. */
export async function createUser(input: UserCreateBody) {
  try {
    const user = await db().user.create({
      data: {
        id: newId(),
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(input.password ?? randomToken(32)),
      },
    });
    return userResource(user);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError("conflict", `A user with e-mail ${input.email} exists`);
    throw err;
  }
}

const lastAdmin = () => new ApiError("conflict", "This is the last active admin: make another user admin first");

/** True when some other enabled admin exists. */
async function anotherAdmin(exceptId: string): Promise<boolean> {
  return (await db().user.count({ where: { role: "admin", disabled: false, id: { not: exceptId } } })) > 0;
}

/**
 * PATCH /api/users/{id}. Admins change anything; other users only their own name and password.
 * The last enabled admin cannot be demoted or disabled (409). Lowering a role lowers the user's
 * tokens with it, so a token never outranks its owner (07 §2.1).
 */
export async function updateUser(actor: Principal, id: string, input: UserUpdateBody) {
  const isAdmin = actor.role === "admin";
  if (!isAdmin && (id !== actor.userId || input.role !== undefined || input.disabled !== undefined)) {
    throw forbidden("You may change only your own name and password");
  }
  const user = await requireUser(id);
  const losesAdmin = user.role === "admin" && !user.disabled && ((input.role !== undefined && input.role !== "admin") || input.disabled === true);
  if (losesAdmin && !(await anotherAdmin(id))) throw lastAdmin();
  const updated = await db().user.update({
    where: { id },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
    },
  });
  if (input.role !== undefined) {
    const higher = ROLES.slice(ROLES.indexOf(input.role) + 1);
    if (higher.length) await db().apiToken.updateMany({ where: { userId: id, role: { in: [...higher] } }, data: { role: input.role } });
  }
  // An admin resetting someone else's password ends that user's sessions.
  if (input.password !== undefined && id !== actor.userId) await db().session.deleteMany({ where: { userId: id } });
  return userResource(updated);
}

/** DELETE /api/users/{id}: sessions and tokens go with the user; the last admin stays (409). */
export async function deleteUser(id: string) {
  const user = await requireUser(id);
  if (user.role === "admin" && !user.disabled && !(await anotherAdmin(id))) throw lastAdmin();
  const resource = userResource(user);
  await db().user.delete({ where: { id } });
  return resource;
}
