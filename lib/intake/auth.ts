import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Source authentication (spec 07 §1.4). Keys belong to source entities, are stored only as
 * SHA-256 digests and are compared in constant time.
 */

const KEY_PREFIX = "lfs_";

/** A new source API key: `lfs_` + 32 random bytes in base64url. Shown once; store hashApiKey(key). */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString("base64url");
}

/** The stored form of a key: its SHA-256 digest as 64 lower-case hex characters. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/**
 * True when `key` hashes to one of `storedHashes`. Digests are compared with timingSafeEqual and
 * every stored hash is checked (no early exit), so timing reveals neither which key matched nor
 * how much of a guess was right.
 */
export function verifyApiKey(key: string, storedHashes: readonly string[]): boolean {
  if (key === "" || storedHashes.length === 0) return false;
  const presented = createHash("sha256").update(key, "utf8").digest();
  let ok = false;
  for (const h of storedHashes) {
    if (!HEX_DIGEST.test(h)) continue;
    if (timingSafeEqual(presented, Buffer.from(h, "hex"))) ok = true;
  }
  return ok;
}

/**
 * The keys a request presents, in the spec's order: HTTP Basic password (user name ignored, as
 * LeadConduit's `API:<key>`), `Bearer` token, then the `api_key` parameter. A Basic value
 * without a colon is read as the key itself.
 */
export function presentedApiKeys(authorization: string | null, apiKeyParams: readonly string[] = []): string[] {
  const keys: string[] = [];
  if (authorization) {
    const header = authorization.trim();
    const space = header.indexOf(" ");
    const scheme = (space === -1 ? header : header.slice(0, space)).toLowerCase();
    const value = space === -1 ? "" : header.slice(space + 1).trim();
    if (scheme === "basic" && value !== "") {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const key = colon === -1 ? decoded : decoded.slice(colon + 1);
      if (key !== "") keys.push(key);
    } else if (scheme === "bearer" && value !== "") {
      keys.push(value);
    }
  }
  for (const k of apiKeyParams) if (k !== "") keys.push(k);
  return keys;
}
