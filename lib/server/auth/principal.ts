import { findSession, SESSION_COOKIE } from "./session";
import { findApiToken } from "./tokens";
import type { Role } from "./roles";

export type Principal = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  via: "session" | "token";
  tokenId?: string;
  tokenName?: string;
};

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Who is calling: `Authorization: Bearer <token>`, `Basic base64(API:<token>)` (LeadConduit
 * scripts), or the session cookie. Null when none is valid.
 */
export async function resolvePrincipal(request: Request): Promise<Principal | null> {
  const auth = request.headers.get("authorization");
  if (auth) {
    let secret: string | undefined;
    const [scheme, value] = auth.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme ?? "")) secret = value;
    else if (/^basic$/i.test(scheme ?? "") && value) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      secret = decoded.slice(decoded.indexOf(":") + 1);
    }
    if (!secret) return null;
    const token = await findApiToken(secret);
    if (!token) return null;
    return {
      userId: token.userId,
      email: token.user.email,
      name: token.user.name,
      role: token.role as Role,
      via: "token",
      tokenId: token.id,
      tokenName: token.name,
    };
  }
  const cookie = readCookie(request, SESSION_COOKIE);
  if (!cookie) return null;
  const session = await findSession(cookie);
  if (!session) return null;
  const { user } = session;
  return { userId: user.id, email: user.email, name: user.name, role: user.role as Role, via: "session" };
}
