// Source API keys (spec 07 §1.4, §2.5): several per entity for rotation, shown once, stored as
// SHA-256 hex. The intake verifies presented keys with verifySourceKey.
import { db } from "@/lib/store/prisma";
import { newId } from "@/lib/ids";
import type { SourceKey } from "@/lib/generated/sqlite/client";
import { generateApiKey, hashApiKey } from "@/lib/intake/auth";
import { ApiError } from "@/lib/server/errors";
import { requireEntity } from "./entities";

/** Characters of the clear key kept for display: `lfs_` and four more (`lfs_x1Y2`). */
const PREFIX_LENGTH = 8;

function keyResource(k: SourceKey) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
  };
}

/** GET /api/entities/{id}/keys: every key, revoked ones included (with `revoked_at`). */
export async function listSourceKeys(entityId: string) {
  await requireEntity(entityId);
  const keys = await db().sourceKey.findMany({ where: { entityId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { data: keys.map(keyResource), next_cursor: null };
}

/** POST /api/entities/{id}/keys: the clear key is in the answer and nowhere else. */
export async function createSourceKey(entityId: string, input: { name: string }) {
  await requireEntity(entityId);
  const key = generateApiKey();
  const record = await db().sourceKey.create({
    data: { id: newId(), entityId, keyHash: hashApiKey(key), prefix: key.slice(0, PREFIX_LENGTH), name: input.name },
  });
  return { ...keyResource(record), key };
}

/** DELETE /api/entities/{id}/keys/{key_id}: revokes at once; revoking twice is harmless. */
export async function revokeSourceKey(entityId: string, keyId: string) {
  await requireEntity(entityId);
  const key = await db().sourceKey.findFirst({ where: { id: keyId, entityId } });
  if (!key) throw new ApiError("not_found", "Key not found");
  const revoked = key.revokedAt ? key : await db().sourceKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
  return keyResource(revoked);
}

/**
 * For intake (07 §1.4): true when one of the presented keys is a live key of the entity. Keys are
 * found by their SHA-256 (the unique index), so no secret is compared byte by byte; `last_used_at`
 * is written at most once a minute.
 */
export async function verifySourceKey(entityId: string, presentedKeys: readonly string[]): Promise<boolean> {
  const hashes = [...new Set(presentedKeys.filter((k) => k !== "").map(hashApiKey))];
  if (!hashes.length) return false;
  const key = await db().sourceKey.findFirst({
    where: { keyHash: { in: hashes }, entityId, revokedAt: null, entity: { deletedAt: null } },
  });
  if (!key) return false;
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db().sourceKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return true;
}

/** The live key hashes of an entity, for callers that cache them and use lib/intake/auth's verifyApiKey. */
export async function sourceKeyHashes(entityId: string): Promise<string[]> {
  const keys = await db().sourceKey.findMany({ where: { entityId, revokedAt: null, entity: { deletedAt: null } }, select: { keyHash: true } });
  return keys.map((k) => k.keyHash);
}
