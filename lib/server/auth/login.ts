import { db } from "@/lib/store/prisma";
import { ApiError } from "@/lib/server/errors";
import { sharedLimiter } from "@/lib/server/rate-limits";
import { dummyPasswordHash, verifyPassword } from "./password";
import { createSession } from "./session";

// Wrong passwords are throttled per account+address and per address (brute force and spraying),
// counted across all instances on PostgreSQL (lib/server/rate-limits).
const perAccount = sharedLimiter("login-account", 10, 15 * 60);
const perAddress = sharedLimiter("login-address", 50, 15 * 60);

const GENERIC = "Email or password is incorrect";

async function throttled(key: string, ip: string): Promise<number | null> {
  const [a, b] = await Promise.all([perAccount.get(key), perAddress.get(ip)]);
  const blocked = [a, b].filter((r, i) => r && r.consumedPoints >= (i === 0 ? 10 : 50));
  if (!blocked.length) return null;
  return Math.max(...blocked.map((r) => Math.ceil(r!.msBeforeNext / 1000)));
}

export async function login(input: { email: string; password: string; ip: string; userAgent?: string }) {
  const email = input.email.trim().toLowerCase();
  const key = `${email}|${input.ip}`;
  const wait = await throttled(key, input.ip);
  if (wait !== null) {
    throw new ApiError("rate_limited", `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`, {}, { "Retry-After": String(wait) });
  }
  const user = await db().user.findUnique({ where: { email } });
  // Verify against a dummy hash for unknown users so the answer takes the same time.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || user.disabled) {
    await Promise.all([perAccount.penalty(key, 1), perAddress.penalty(input.ip, 1)]);
    throw new ApiError("unauthenticated", GENERIC);
  }
  await Promise.all([perAccount.delete(key), db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } })]);
  return { user, ...(await createSession(user.id, { ip: input.ip, userAgent: input.userAgent })) };
}
