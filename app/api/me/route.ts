import { withApi } from "@/lib/server/api";
import { db } from "@/lib/store/prisma";

export const GET = withApi({}, async ({ principal }) => {
  const account = await db().account.findFirst();
  return {
    id: principal.userId,
    email: principal.email,
    name: principal.name,
    role: principal.role,
    time_zone: account?.timeZone ?? "America/Chicago",
    ...(principal.via === "token" ? { token: { id: principal.tokenId, name: principal.tokenName } } : {}),
  };
});
