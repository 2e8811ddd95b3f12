import type { OutboundHttp, PricingServices } from "@/lib/engine/ports";
import type { SqlDb } from "@/lib/store/sql/connection";
import { dbJson } from "@/lib/store/sql/values";

type ServiceRow = { url: string; headers: unknown; timeoutMs: number };

/**
 * Pricing services (04 §3.2): POST the vars as JSON, read `{"price": n}`. Every problem is an
 * `{error}` so the engine applies the layer's fallback. Service records are cached for a minute.
 */
export function sqlPricingServices(sql: SqlDb, http: OutboundHttp): PricingServices {
  const cache = new Map<string, { row: ServiceRow | null; at: number }>();
  async function service(id: string) {
    const hit = cache.get(id);
    if (hit && Date.now() - hit.at < 60_000) return hit.row;
    const [row] = await sql.all<ServiceRow>(`SELECT "url", "headers", "timeoutMs" FROM "PricingService" WHERE "id" = ?`, [id]);
    cache.set(id, { row: row ?? null, at: Date.now() });
    return row ?? null;
  }
  return {
    async quote(serviceId, vars) {
      const row = await service(serviceId);
      if (!row) return { error: `Unknown pricing service ${serviceId}` };
      const headers = dbJson<Record<string, string> | null>(row.headers) ?? {};
      const result = await http.send(
        { method: "POST", url: row.url, headers: { "Content-Type": "application/json", Accept: "application/json", ...headers }, body: JSON.stringify(vars), followRedirects: false },
        row.timeoutMs,
      );
      if (!result.ok) return { error: result.error === "timeout" ? `Request timed out after ${row.timeoutMs} ms` : result.message ?? result.error };
      if (result.response.status < 200 || result.response.status >= 300) return { error: `HTTP ${result.response.status}` };
      try {
        const body = JSON.parse(result.response.body) as { price?: unknown; reason?: unknown };
        const price = typeof body.price === "string" ? Number(body.price) : body.price;
        if (typeof price !== "number" || !Number.isFinite(price) || price < 0) return { error: "Missing or invalid price" };
        return { price, reason: typeof body.reason === "string" ? body.reason : null };
      } catch {
        return { error: "Response is not JSON" };
      }
    },
  };
}
