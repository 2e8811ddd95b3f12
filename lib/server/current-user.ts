import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { findSession, SESSION_COOKIE } from "./auth/session";

/** For server components: the signed-in user, or a redirect to the login page. */
export async function requireUser(next?: string) {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const session = token ? await findSession(token) : null;
  if (!session) redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  const { id, email, name, role } = session.user;
  return { id, email, name, role };
}
