import os from "node:os";
import { compileFlow, type CompiledFlow } from "@/lib/engine/compile-flow";
import { processLead } from "@/lib/engine/process-lead";
import { internalErrorOutcome } from "@/lib/engine/completion";
import type { EngineOptions } from "@/lib/engine/options";
import type { EnginePorts } from "@/lib/engine/ports";
import type { AccountInfo, LeadOutcome, SourceEvent } from "@/lib/engine/types";
import type { FlowDocument } from "@/lib/schemas/flow";
import type { IntakeHandlers, IntakeSourceInfo, IntakeSubmission } from "@/lib/intake";
import { newId } from "@/lib/ids";
import { config } from "@/lib/server/config";
import { logger } from "@/lib/server/logger";
import { perSecondLimit } from "@/lib/server/rate-limits";
import { sqlDb, type SqlDb } from "@/lib/store/sql/connection";
import { sqlCapCounters } from "@/lib/store/ports/sql-caps";
import { sqlDuplicateIndex } from "@/lib/store/ports/sql-duplicates";
import { sqlSuppressionLists } from "@/lib/store/ports/sql-lists";
import { sqlDeliveryJournal } from "@/lib/store/ports/sql-journal";
import { sqlPricingServices } from "@/lib/store/ports/sql-pricing";
import { fetchHttp } from "@/lib/store/ports/http";
import { deployedFlows, sourceKeyHashes, type DeployedFlow } from "./deployed-flow";
import { writeCompletion, type Completion } from "./write-completion";
import { dbJson } from "@/lib/store/sql/values";

export type IntakeSource = IntakeSourceInfo & {
  flow: DeployedFlow<CompiledFlow>;
  flowSource: { id: string; entity: { id: string; name: string } };
};

type AccountRow = { id: string; name: string; timeZone: string; retentionDays: number; obscenityWords: unknown };

/** The real engine ports over the configured database. */
export function databasePorts(sql: SqlDb): EnginePorts {
  const http = fetchHttp();
  return {
    clock: { now: () => Date.now() },
    ids: { newId, randomInt: (min, max) => min + Math.floor(Math.random() * (max - min + 1)) },
    duplicates: sqlDuplicateIndex(sql),
    lists: sqlSuppressionLists(sql),
    caps: sqlCapCounters(sql),
    http,
    pricing: sqlPricingServices(sql, http),
    journal: sqlDeliveryJournal(sql),
  };
}

export function engineOptions(): EngineOptions {
  const c = config();
  return {
    stepBudgetMs: c.LEADFLOW_STEP_BUDGET_MS,
    retry: { maxAttempts: c.LEADFLOW_RETRY_MAX_ATTEMPTS, baseSeconds: c.LEADFLOW_RETRY_BASE_SECONDS, capSeconds: c.LEADFLOW_RETRY_CAP_SECONDS, jitter: c.LEADFLOW_RETRY_JITTER },
    targets: { allowHosts: c.LEADFLOW_DELIVERY_ALLOW_HOSTS.split(",").map((s) => s.trim()).filter(Boolean) },
    host: os.hostname(),
  };
}

/** Account settings, re-read at most once a minute (time zone, retention, obscenity additions). */
function accountReader(sql: SqlDb) {
  let cached: { at: number; value: AccountInfo & { obsceneWords: string[] } } | null = null;
  return async () => {
    if (cached && Date.now() - cached.at < 60_000) return cached.value;
    const [row] = await sql.all<AccountRow>(`SELECT "id", "name", "timeZone", "retentionDays", "obscenityWords" FROM "Account" LIMIT 1`);
    const words = row?.obscenityWords ? dbJson<unknown>(row.obscenityWords) : [];
    const value = {
      id: row?.id ?? "000000000000000000000001",
      name: row?.name ?? "Leadflow",
      time_zone: row?.timeZone ?? "America/Chicago",
      retention_days: row?.retentionDays ?? 90,
      obsceneWords: Array.isArray(words) ? words.map(String) : [],
    };
    cached = { at: Date.now(), value };
    return value;
  };
}

/** What a completed lead writes (06 §1.3), from the engine's outcome. */
export function completionOf(o: LeadOutcome): Completion {
  const caps = o.bookkeeping.caps;
  return {
    lead: {
      id: o.leadId,
      flowId: o.flowId,
      flowVersion: o.flowVersion,
      sourceId: o.sourceId,
      flowSourceId: o.flowSourceId,
      outcome: o.outcome,
      reason: o.reason,
      price: o.price,
      decidedBy: o.decidedBy.stage,
      receivedAt: new Date(o.receivedAt),
      completedAt: new Date(o.completedAt),
      fields: o.fields,
      isTest: isTestLead(o.fields),
    },
    events: o.events,
    caps: { commit: caps.filter((c) => c.commit).map((c) => c.reservation), release: caps.filter((c) => !c.commit).map((c) => c.reservation) },
    duplicate: { claim: o.bookkeeping.duplicate, success: o.bookkeeping.duplicate?.record ?? false },
    deliveries: o.bookkeeping.deliveries.map((d) => ({
      id: d.id,
      stepId: d.stepId,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt === null ? null : new Date(d.nextAttemptAt),
      request: d.request,
      responseConfig: d.responseConfig,
      lastError: d.lastError,
    })),
  };
}

function headerValue(headers: Record<string, string>, name: string): string | null {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return null;
}

function isTestLead(fields: Record<string, unknown>): boolean {
  const v = fields.is_test as { normal?: unknown } | boolean | undefined;
  return v === true || (typeof v === "object" && v !== null && v.normal === true);
}

type Shared = {
  ports: EnginePorts;
  options: EngineOptions;
  account: ReturnType<typeof accountReader>;
  flows: (flowId: string) => Promise<DeployedFlow<CompiledFlow> | null>;
};
const sharedBySql = new WeakMap<SqlDb, Shared>();

/**
 * Ports, options, account settings and the compiled-flow cache of this process, shared by the
 * intake route, the outbox worker and replay.
 */
export function engineRuntime(sql: SqlDb = sqlDb()): Shared {
  let shared = sharedBySql.get(sql);
  if (!shared) {
    const account = accountReader(sql);
    const flows = deployedFlows<CompiledFlow>(sql, async (document) => {
      const fields = await sql.all<{ id: string; name: string; type: string }>(`SELECT "id", "name", "type" FROM "Field"`);
      return compileFlow(document as unknown as FlowDocument, { fields, obsceneWords: (await account()).obsceneWords });
    });
    shared = { ports: databasePorts(sql), options: engineOptions(), account, flows };
    sharedBySql.set(sql, shared);
  }
  return shared;
}

/** The handlers `handleIntake` runs for the submit route: look-up, source keys, engine, completion. */
export function intakeHandlers(): IntakeHandlers<IntakeSource> {
  const sql = sqlDb();
  const { ports, options, account, flows } = engineRuntime(sql);
  const log = logger.child({ area: "intake" });
  // `LEADFLOW_INTAKE_RATE_LIMIT` per flow source and second (07 §1.9), counted in this instance.
  const perSecond = perSecondLimit(config().LEADFLOW_INTAKE_RATE_LIMIT);

  return {
    async lookup(flowId, sourceId) {
      const flow = await flows(flowId);
      if (!flow) return null;
      const sources = (flow.document.sources ?? []) as { id: string; entity: { id: string; name: string }; enabled?: boolean; authentication_required?: boolean }[];
      const source = sources.find((s) => s.entity?.id === sourceId);
      if (!source) return null;
      const authenticationRequired = source.authentication_required === true;
      return {
        enabled: source.enabled !== false,
        authenticationRequired,
        apiKeyHashes: authenticationRequired ? await sourceKeyHashes(sql, sourceId) : [],
        flow,
        flowSource: { id: source.id, entity: source.entity },
      };
    },

    async process(submission: IntakeSubmission<IntakeSource>) {
      const { flow, flowSource } = submission.source;
      const leadId = newId();
      const outcome = await processLead(
        {
          leadId,
          flowId: flow.flowId,
          flowVersion: flow.version,
          flowName: flow.name,
          flowEnabled: flow.enabled,
          account: await account(),
          source: flowSource,
          submission: { timestamp: submission.receivedAt, ip: submission.ip, user_agent: headerValue(submission.request.headers, "user-agent") },
          submitted: submission.data,
          receivedAt: submission.receivedAt,
          request: submission.request as unknown as Record<string, unknown>,
        },
        flow.compiled,
        ports,
        options,
      );
      // The source event stores the exact answer the source gets (07 §1.7).
      const result = { outcome: outcome.outcome, reason: outcome.reason, leadId, price: outcome.price };
      const sourceEvent = outcome.events[outcome.events.length - 1] as SourceEvent | undefined;
      if (sourceEvent?.type === "source") sourceEvent.response = submission.responseFor(result) as unknown as SourceEvent["response"];
      const stored = await writeWithFallback(sql, outcome, log);
      return stored === outcome ? result : { outcome: stored.outcome, reason: stored.reason, leadId, price: stored.price };
    },

    limits: { maxBodyBytes: config().LEADFLOW_INTAKE_MAX_BYTES },
    ...(perSecond ? { rateLimit: (_source, flowId, sourceId) => perSecond(`${flowId}:${sourceId}`) } : {}),
    onError(error, stage, requestId) {
      log.error({ err: error, stage, requestId }, "intake failed");
    },
  };
}

/**
 * Commit, retry once, then store only the lead and its source event as `error` `Internal error`
 * (06 §1.3). Returns the outcome that was stored, which is what the source is told. If even the
 * minimal write fails the error propagates and the source gets 503; the journal row (when one was
 * written) lets recovery record the lead later.
 */
async function writeWithFallback(sql: SqlDb, outcome: LeadOutcome, log: typeof logger): Promise<LeadOutcome> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await writeCompletion(sql, completionOf(outcome));
      return outcome;
    } catch (err) {
      log.error({ err, leadId: outcome.leadId, attempt }, "completion write failed");
    }
  }
  const minimal = internalErrorOutcome(outcome, newId);
  await writeCompletion(sql, completionOf(minimal));
  return minimal;
}
