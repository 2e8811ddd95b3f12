// Admin API tokens (spec 07 §2.3): `lft_…`, shown once, stored as SHA-256 (lib/server/auth/tokens).
import { db } from "@/lib/store/prisma";
import type { ApiToken, User } from "@/lib/generated/sqlite/client";
import type { TokenCreateBody, TokenListQuery } from "@/lib/schemas/user";
import { createApiToken } from "@/lib/server/auth/tokens";
import { roleAtLeast, type Role } from "@/lib/server/auth/roles";
import type { Principal } from "@/lib/server/auth/principal";
import { ApiError, validationError } from "@/lib/server/errors";
import { afterCreatedAt, byCreatedAt, createdAtKey, nameContains, toPage } from "./pagination";

function tokenResource(t: ApiToken & { user: Pick<User, "id" | "name" | "email"> }) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    prefix: t.prefix,
    created_by: { id: t.user.id, name: t.user.name, email: t.user.email },
    created_at: t.createdAt.toISOString(),
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
    expires_at: t.expiresAt?.toISOString() ?? null,
    revoked_at: t.revokedAt?.toISOString() ?? null,
  };
}

const withUser = { user: { select: { id: true, name: true, email: true } } } as const;

/** GET /api/tokens: tokens that have not been revoked (expired ones show their `expires_at`). */
export async function listTokens(query: TokenListQuery) {
  const rows = await db().apiToken.findMany({
    where: { revokedAt: null, ...nameContains(query.q), ...afterCreatedAt(query.cursor) },
    include: withUser,
    orderBy: byCreatedAt,
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, createdAtKey, tokenResource);
}

/** POST /api/tokens: the role may not exceed the creator's; the secret is in this answer only. */
export async function createToken(actor: Principal, input: TokenCreateBody) {
  if (!roleAtLeast(actor.role, input.role as Role)) {
    throw validationError([{ path: "role", message: `a token cannot have a higher role than yours (${actor.role})` }]);
  }
  const { record, secret } = await createApiToken({
    userId: actor.userId,
    name: input.name,
    role: input.role,
    expiresAt: input.expires_at ? new Date(input.expires_at) : null,
  });
  const token = await db().apiToken.findUniqueOrThrow({ where: { id: record.id }, include: withUser });
  return { ...tokenResource(token), token: secret };
}

/** DELETE /api/tokens/{id}: revoked at once (the look-up refuses revoked tokens). */
export async function revokeToken(id: string) {
  const token = await db().apiToken.findUnique({ where: { id }, include: withUser });
  if (!token || token.revokedAt) throw new ApiError("not_found", "Token not found");
  const revoked = await db().apiToken.update({ where: { id }, data: { revokedAt: new Date() }, include: withUser });
  return tokenResource(revoked);
}
