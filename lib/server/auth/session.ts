import { db } from "@/lib/store/prisma";
import { config } from "@/lib/server/config";
import { randomToken, sha256Hex } from "./secrets";

export const SESSION_COOKIE = "lf_session";

/** Creates a session; returns the cookie value (the only place the clear token exists). */
export async function createSession(userId: string, meta: { ip?: string; userAgent?: string }) {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + config().LEADFLOW_SESSION_DAYS * 86_400_000);
  await db().session.create({
    data: { id: sha256Hex(token), userId, expiresAt, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 500) ?? null },
  });
  return { token, expiresAt };
}

/** The live session and its user for a cookie value, sliding the expiry when half of it has passed. */
export async function findSession(token: string) {
  const id = sha256Hex(token);
  const session = await db().session.findUnique({ where: { id }, include: { user: true } });
  if (!session || session.user.disabled) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await db().session.delete({ where: { id } }).catch(() => undefined);
    return null;
  }
  const lifetime = config().LEADFLOW_SESSION_DAYS * 86_400_000;
  if (session.expiresAt.getTime() - now < lifetime / 2) {
    await db().session.update({ where: { id }, data: { expiresAt: new Date(now + lifetime), lastSeenAt: new Date(now) } });
  }
  return session;
}

export async function deleteSession(token: string) {
  await db().session.deleteMany({ where: { id: sha256Hex(token) } });
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
