import { compileFlow } from "@/lib/engine/compile-flow";
import { resolveCapPeriod, ROLLING_PERIOD } from "@/lib/engine/cap-period";
import { capRequests, type CompiledCap } from "@/lib/engine/volume-caps";
import type { FlowDocument } from "@/lib/schemas/flow";
import { notFound } from "@/lib/server/errors";
import { db } from "@/lib/store/prisma";
import { accountTimeZone } from "@/lib/store/account";

type Scope = { flowId: string; flowName: string; sourceId: string | null; stepId: string | null; label: string };

type CounterRow = { period: string; count: number; reserved: number; failedCount: number; startedAt: Date; expiresAt: Date | null; fingerprint: string };

/**
 * Cap counters of deployed flows (spec 07 §2.9): each cap of the flow, its sources and its steps,
 * with the current period's count, reservations and refusals. A counter whose period expired
 * reads as the new empty period, without writing.
 */
export async function readCaps(filter: { flowId?: string[]; sourceId?: string[]; stepId?: string[]; includeIdle: boolean; capId?: string }) {
  const flows = await db().flow.findMany({
    where: { deletedAt: null, deployedVersion: { not: null }, ...(filter.flowId ? { id: { in: filter.flowId } } : {}) },
    select: { id: true, name: true, deployedVersion: true },
  });
  const tz = await accountTimeZone();
  const now = Date.now();
  const out: Record<string, unknown>[] = [];
  for (const flow of flows) {
    const version = await db().flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version: flow.deployedVersion! } } });
    if (!version) continue;
    const compiled = compileFlow(version.document as unknown as FlowDocument);
    const groups: [Scope, CompiledCap[]][] = [[{ flowId: flow.id, flowName: flow.name, sourceId: null, stepId: null, label: "Flow" }, compiled.caps]];
    for (const s of compiled.sources) groups.push([{ flowId: flow.id, flowName: flow.name, sourceId: s.entity.id, stepId: null, label: `${s.entity.name} Source` }, s.caps]);
    for (const step of compiled.steps) {
      if (step.type === "recipient") groups.push([{ flowId: flow.id, flowName: flow.name, sourceId: null, stepId: step.id, label: `${step.description ?? step.entity?.name ?? step.id} Step` }, step.caps]);
    }
    for (const [scope, caps] of groups) {
      if (filter.sourceId && (!scope.sourceId || !filter.sourceId.includes(scope.sourceId))) continue;
      if (filter.stepId && (!scope.stepId || !filter.stepId.includes(scope.stepId))) continue;
      let n = 0;
      const walk = async (list: CompiledCap[], parent: { id: string; maximum: number } | null) => {
        for (const cap of list) {
          n++;
          const maximum = cap.percent !== null && parent ? Math.floor((parent.maximum * cap.percent) / 100) : (cap.maximum ?? 0);
          const row = await counterFor(`${scope.flowId}:${cap.id}`, cap, maximum, scope.flowId, tz, now);
          const idle = !row.active;
          if ((!idle || filter.includeIdle || filter.capId) && (!filter.capId || filter.capId === cap.id)) {
            out.push({
              id: cap.id,
              flow_id: scope.flowId,
              source_id: scope.sourceId,
              step_id: scope.stepId,
              name: cap.name ?? `${scope.flowName}: ${scope.label} - Cap ${n}`,
              type: "volume",
              maximum: cap.maximum,
              maximum_percent: cap.percent,
              effective_maximum: maximum,
              duration: cap.duration,
              duration_units: cap.units,
              time_zone: cap.timeZone ?? tz,
              window: cap.window,
              count: row.count,
              reserved: row.reserved,
              failed_count: row.failedCount,
              remaining: Math.max(0, maximum - row.count - row.reserved),
              fill_rate: maximum > 0 ? Math.round((row.count / maximum) * 10_000) / 10_000 : null,
              started_at: new Date(row.startedAt).toISOString(),
              expires_at: row.expiresAt === null ? null : new Date(row.expiresAt).toISOString(),
              parent_id: parent?.id ?? null,
              cap_ids: cap.children.map((c) => c.id),
            });
          }
          await walk(cap.children, { id: cap.id, maximum });
        }
      };
      await walk(caps, null);
    }
  }
  if (filter.capId) {
    const hit = out.find((c) => c.id === filter.capId);
    if (!hit) throw notFound("Cap");
    return hit;
  }
  return { data: out, next_cursor: null };
}

async function counterFor(capKey: string, cap: CompiledCap, maximum: number, flowId: string, tz: string, now: number) {
  const [request] = capRequests([{ cap, maximum }], flowId, tz, now);
  const row = (await db().capCounter.findFirst({ where: { capKey }, orderBy: { startedAt: "desc" } })) as CounterRow | null;
  const resolved = resolveCapPeriod(
    row ? { period: row.period, startedAt: row.startedAt.getTime(), expiresAt: row.expiresAt?.getTime() ?? null, fingerprint: row.fingerprint } : null,
    request!.period,
    now,
  );
  if (resolved.period === ROLLING_PERIOD) {
    const count = await db().capHit.count({ where: { capKey, at: { gte: new Date(resolved.startedAt) } } });
    return { active: row !== null, count, reserved: row?.reserved ?? 0, failedCount: row?.failedCount ?? 0, startedAt: resolved.startedAt, expiresAt: null };
  }
  if (resolved.isNew || !row) return { active: false, count: 0, reserved: 0, failedCount: 0, startedAt: resolved.startedAt, expiresAt: resolved.expiresAt };
  return { active: true, count: row.count, reserved: row.reserved, failedCount: row.failedCount, startedAt: resolved.startedAt, expiresAt: resolved.expiresAt };
}
