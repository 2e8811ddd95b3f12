import { db } from "@/lib/store/prisma";
import { databaseConfig } from "@/lib/store/database-url";

export const dynamic = "force-dynamic";

/** Liveness plus database reachability (spec 07 §2.11); no authentication. */
export async function GET() {
  const started = performance.now();
  try {
    await db().$queryRawUnsafe("SELECT 1");
    return Response.json({
      status: "ok",
      database: { provider: databaseConfig().provider, ok: true, ms: Math.round(performance.now() - started) },
    });
  } catch {
    return Response.json({ status: "unavailable", database: { provider: databaseConfig().provider, ok: false } }, { status: 503 });
  }
}
