import type { SqlDb } from "@/lib/store/sql/connection";
import { dbJson } from "@/lib/store/sql/values";

type FlowRow = { name: string; enabled: unknown; deployedVersion: number | null; deletedAt: unknown };

export type DeployedFlow<C> = {
  flowId: string;
  name: string;
  enabled: boolean;
  version: number;
  document: Record<string, unknown>;
  compiled: C;
};

/**
 * The deployed version of a flow, compiled once per (flow, version). The flow record is read on
 * every request (one indexed row) so that enabling, disabling and deploying take effect at once on
 * every instance; the version document and its compiled form are cached.
 */
export function deployedFlows<C>(sql: SqlDb, compile: (document: Record<string, unknown>, flowId: string) => C | Promise<C>) {
  const cache = new Map<string, { version: number; document: Record<string, unknown>; compiled: C }>();
  return async function deployedFlow(flowId: string): Promise<DeployedFlow<C> | null> {
    const [flow] = await sql.all<FlowRow>(`SELECT "name", "enabled", "deployedVersion", "deletedAt" FROM "Flow" WHERE "id" = ?`, [flowId]);
    if (!flow || flow.deletedAt || flow.deployedVersion === null) return null;
    const version = Number(flow.deployedVersion);
    let hit = cache.get(flowId);
    if (!hit || hit.version !== version) {
      const [row] = await sql.all<{ document: unknown }>(`SELECT "document" FROM "FlowVersion" WHERE "flowId" = ? AND "version" = ?`, [flowId, version]);
      if (!row) return null;
      const document = dbJson<Record<string, unknown>>(row.document);
      hit = { version, document, compiled: await compile(document, flowId) };
      cache.set(flowId, hit);
    }
    return { flowId, name: flow.name, enabled: flow.enabled === true || flow.enabled === 1, version, document: hit.document, compiled: hit.compiled };
  };
}

/** Active key hashes of a source entity (read per request: a revoked key stops working at once). */
export async function sourceKeyHashes(sql: SqlDb, entityId: string): Promise<string[]> {
  const rows = await sql.all<{ keyHash: string }>(`SELECT "keyHash" FROM "SourceKey" WHERE "entityId" = ? AND "revokedAt" IS NULL`, [entityId]);
  return rows.map((r) => r.keyHash);
}
