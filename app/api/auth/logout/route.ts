import { clearSessionCookie, deleteSession, SESSION_COOKIE } from "@/lib/server/auth/session";
import { readCookie } from "@/lib/server/auth/principal";

export async function POST(request: Request) {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) await deleteSession(token);
  return new Response(null, { status: 204, headers: { "Set-Cookie": clearSessionCookie() } });
}
