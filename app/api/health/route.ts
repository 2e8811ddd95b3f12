import { db } from "@/lib/store/prisma";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

/** Liveness plus database reachability (spec 07 §2.11); no authentication, no configuration. */
export async function GET() {
  const time = new Date().toISOString();
  const ping = db().$queryRawUnsafe("SELECT 1");
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000).unref());
  try {
    await Promise.race([ping, timeout]);
    return Response.json({ status: "ok", database: "ok", version: pkg.version, time });
  } catch {
    return Response.json({ status: "error", database: "unreachable", version: pkg.version, time }, { status: 503 });
  }
}
