import { db } from "@/lib/store/prisma";
import { newId } from "@/lib/ids";
import { randomToken, sha256Hex } from "./secrets";
import type { Role } from "./roles";

export const TOKEN_PREFIX = "lft_";

/** Creates an API token; the clear secret is returned once and only its hash is stored. */
export async function createApiToken(input: { userId: string; name: string; role: Role; expiresAt?: Date | null }) {
  const secret = TOKEN_PREFIX + randomToken(32);
  const record = await db().apiToken.create({
    data: {
      id: newId(),
      name: input.name,
      role: input.role,
      userId: input.userId,
      tokenHash: sha256Hex(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 4),
      expiresAt: input.expiresAt ?? null,
    },
  });
  return { record, secret };
}

/** Look-up by hash: the hash is the unique index, so no secret is ever compared byte by byte. */
export async function findApiToken(secret: string) {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const token = await db().apiToken.findUnique({ where: { tokenHash: sha256Hex(secret) }, include: { user: true } });
  if (!token || token.revokedAt || token.user.disabled) return null;
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return null;
  // Record use at most once a minute to keep reads cheap.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return token;
}
