// Feedback over the database (06 §5): find the recipient event an event id names, read the
// configuration that applies and the lead's earlier feedback, let the engine decide (and call the
// source), then write the event(s) in one transaction with the lead's next sequence numbers.
// Feedback never touches the lead row, caps, prices or duplicate history (06 §5.1).

import { compileFlow, findSource, type CompiledFlow } from "@/lib/engine/compile-flow";
import { historyEntryOf, reconcileFeedback, runFeedback, type FeedbackHistoryEntry, type FeedbackReport, type FeedbackResult, type FeedbackSubject } from "@/lib/engine/feedback";
import { resolveOptions } from "@/lib/engine/options";
import type { CompiledRecipientStep } from "@/lib/engine/recipient-step";
import type { FeedbackReceivedEvent, FeedbackSentEvent, RecipientEvent } from "@/lib/engine/types";
import type { RequestRecord, ResponseRecord } from "@/lib/intake";
import { ANSWER_LEAD_FIELDS, type FeedbackAnswer } from "@/lib/feedback/handle-feedback";
import { sourceFeedbackSchema, stepFeedbackSchema, type FlowDocument } from "@/lib/schemas/flow";
import { engineRuntime } from "@/lib/store/intake/intake-service";
import { normalOf } from "@/lib/store/leads/lead-values";
import { sqlDb, type Querier, type SqlDb } from "@/lib/store/sql/connection";
import { cleanText, toJson } from "@/lib/store/sql/json";
import { dbJson, dbTime } from "@/lib/store/sql/values";
import { withLeadGuard } from "./lead-guard";

/** A recipient event that may receive feedback, with the lead it belongs to. */
export interface FeedbackTarget {
  recipientEvent: RecipientEvent;
  lead: {
    id: string;
    flowId: string;
    flowVersion: number;
    /** Source entity id and the flow source's short id. */
    sourceId: string;
    flowSourceId: string | null;
    /** `submission.timestamp`, epoch ms. */
    submittedAt: number;
    fields: Record<string, unknown>;
  };
}

type TargetRow = { document: unknown; leadId: string; flowId: string; flowVersion: number; sourceId: string; flowSourceId: string | null; receivedAt: unknown; fields: unknown };

/**
 * The recipient event behind an event id, or null when there is none (unknown, purged, another
 * type of event) or the lead has expired (06 §4): all of them answer 404 and store nothing.
 */
export async function findFeedbackTarget(eventId: string, sql: SqlDb = sqlDb(), now = Date.now()): Promise<FeedbackTarget | null> {
  const [row] = await sql.all<TargetRow>(
    `SELECT e."document", l."id" AS "leadId", l."flowId", l."flowVersion", l."sourceId", l."flowSourceId", l."receivedAt", l."fields"
     FROM "Event" e JOIN "Lead" l ON l."id" = e."leadId" WHERE e."id" = ? AND e."type" = 'recipient'`,
    [eventId],
  );
  if (!row) return null;
  const recipientEvent = { ...dbJson<RecipientEvent>(row.document), id: eventId };
  const expiresAt = Date.parse(recipientEvent.expires_at);
  if (Number.isFinite(expiresAt) && expiresAt <= now) return null;
  return {
    recipientEvent,
    lead: {
      id: row.leadId,
      flowId: row.flowId,
      flowVersion: Number(row.flowVersion),
      sourceId: row.sourceId,
      flowSourceId: row.flowSourceId,
      submittedAt: dbTime(row.receivedAt) ?? 0,
      fields: dbJson<Record<string, unknown>>(row.fields) ?? {},
    },
  };
}

// Flow versions a lead was processed with, compiled on demand: only needed when the deployed
// version no longer has the step or the source, so a handful is plenty.
const versionCache = new Map<string, CompiledFlow>();

async function leadVersionFlow(sql: SqlDb, flowId: string, version: number, obsceneWords: readonly string[]): Promise<CompiledFlow | null> {
  const key = `${flowId}:${version}`;
  const hit = versionCache.get(key);
  if (hit) return hit;
  const [row] = await sql.all<{ document: unknown }>(`SELECT "document" FROM "FlowVersion" WHERE "flowId" = ? AND "version" = ?`, [flowId, version]);
  if (!row) return null;
  const fields = await sql.all<{ id: string; name: string; type: string }>(`SELECT "id", "name", "type" FROM "Field"`);
  const compiled = compileFlow(dbJson<FlowDocument>(row.document), { fields, obsceneWords });
  if (versionCache.size >= 20) versionCache.delete(versionCache.keys().next().value!);
  versionCache.set(key, compiled);
  return compiled;
}

const stepIn = (flow: CompiledFlow | null | undefined, stepId: string | null) =>
  flow?.steps.find((s): s is CompiledRecipientStep => s.type === "recipient" && s.id === stepId);

/**
 * The settings that apply (06 §5.4 step 2): the step and the lead's flow source as the deployed
 * flow version has them, else as the lead's own version had them. Stored settings are read through
 * the flow schema's parts, so LeadConduit's single `{rule_set, integration}` form works too.
 */
async function feedbackSettings(sql: SqlDb, target: FeedbackTarget): Promise<Pick<FeedbackSubject, "stepFeedback" | "sourceFeedback" | "ruleOptions">> {
  const runtime = engineRuntime(sql);
  const { lead, recipientEvent } = target;
  const deployed = (await runtime.flows(lead.flowId))?.compiled ?? null;
  const sourceRef = { id: lead.flowSourceId ?? "", entity: { id: lead.sourceId } };
  let leadFlow: CompiledFlow | null | undefined;
  const fallback = async () => (leadFlow ??= await leadVersionFlow(sql, lead.flowId, lead.flowVersion, (await runtime.account()).obsceneWords));

  const stepFlow = stepIn(deployed, recipientEvent.step_id) ? deployed : await fallback();
  const step = stepIn(stepFlow, recipientEvent.step_id);
  const sourceFlow = deployed && findSource(deployed, sourceRef) ? deployed : await fallback();
  const source = sourceFlow ? findSource(sourceFlow, sourceRef) : undefined;

  const stepFeedback = stepFeedbackSchema.safeParse(step?.config.feedback ?? null);
  const sourceFeedback = sourceFeedbackSchema.safeParse(source?.config.feedback ?? null);
  return {
    stepFeedback: stepFeedback.success ? (stepFeedback.data ?? null) : null,
    sourceFeedback: sourceFeedback.success ? (sourceFeedback.data ?? null) : null,
    ruleOptions: { fieldNames: (stepFlow ?? sourceFlow)?.fieldNames ?? {}, obsceneWords: (await runtime.account()).obsceneWords },
  };
}

async function feedbackHistory(q: Querier, leadId: string): Promise<FeedbackHistoryEntry[]> {
  const rows = await q.all<{ document: unknown }>(`SELECT "document" FROM "Event" WHERE "leadId" = ? AND "type" IN ('feedback-received', 'feedback-sent')`, [leadId]);
  return rows.map((r) => historyEntryOf(dbJson<FeedbackReceivedEvent | FeedbackSentEvent>(r.document)));
}

/** The lead as the answer shows it: its id and the contact fields it has (06 §5.3). */
export function answerLead(lead: FeedbackTarget["lead"]): FeedbackAnswer["lead"] {
  const out: FeedbackAnswer["lead"] = { id: lead.id };
  for (const f of ANSWER_LEAD_FIELDS) {
    const v = normalOf(lead.fields[f]);
    if ((typeof v === "string" && v !== "") || typeof v === "number") out[f] = String(v);
  }
  return out;
}

/** A unique-index violation as the drivers report it (Prisma has its own code, P2002). */
function isDriverUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

const EVENT_COLUMNS = `"id", "leadId", "sequence", "type", "stepId", "flowId", "sourceId", "outcome", "reason", "timestamp", "ms", "price", "recipientId", "document"`;

/**
 * Writes the event(s) after the last events of the lead, inside the lead guard's transaction.
 * The duplicate check is made again on what is stored by then, so a report that another process
 * recorded meanwhile (SQLite files shared by two processes) still cannot make two successes. A
 * retry event written at the same moment may take the same sequence number (the outbox does not
 * take the guard): the unique index refuses one of them and only this insert is tried again.
 */
async function insertFeedback(q: Querier, sql: SqlDb, leadId: string, result: FeedbackResult, finish: (r: FeedbackResult) => FeedbackResult): Promise<FeedbackResult> {
  const final = finish(reconcileFeedback(result, await feedbackHistory(q, leadId)));
  const events = [final.received, ...(final.sent ? [final.sent] : [])];
  for (let attempt = 1; ; attempt++) {
    const [row] = await q.all<{ next: number | null }>(`SELECT MAX("sequence") + 1 AS "next" FROM "Event" WHERE "leadId" = ?`, [leadId]);
    let sequence = Number(row?.next ?? 0);
    const params: unknown[] = [];
    for (const e of events) {
      e.sequence = sequence++;
      params.push(e.id, leadId, e.sequence, e.type, e.step_id, e.flow_id, e.source_id, e.outcome, cleanText(e.reason), sql.time(new Date(e.start_timestamp)), Math.round(e.ms), 0, e.recipient_id, toJson(e));
    }
    await q.run(`SAVEPOINT feedback_events`);
    try {
      await q.run(`INSERT INTO "Event" (${EVENT_COLUMNS}) VALUES ${events.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`, params);
      await q.run(`RELEASE SAVEPOINT feedback_events`);
      return final;
    } catch (err) {
      await q.run(`ROLLBACK TO SAVEPOINT feedback_events`);
      if (attempt >= 3 || !isDriverUniqueViolation(err)) throw err;
    }
  }
}

export interface RecordedFeedback {
  answer: FeedbackAnswer;
  received: FeedbackReceivedEvent;
  sent: FeedbackSentEvent | null;
}

/** The webhook's own request and the answer it will send, kept on the feedback-received event (06 §2.7). */
export interface WebhookExchange {
  request: RequestRecord;
  responseFor(answer: FeedbackAnswer): ResponseRecord;
}

/**
 * Processes and stores one feedback report (06 §5.4–5.5). Reports for the same lead are handled
 * one at a time (lead-guard.ts), so the second of two identical reports sees the first's result
 * and the source is called once.
 */
export async function recordFeedback(target: FeedbackTarget, report: FeedbackReport, webhook?: WebhookExchange, sql: SqlDb = sqlDb()): Promise<RecordedFeedback> {
  const runtime = engineRuntime(sql);
  const options = resolveOptions(runtime.options);
  const settings = await feedbackSettings(sql, target);
  const lead = answerLead(target.lead);
  const finish = (r: FeedbackResult): FeedbackResult => {
    if (!webhook) return r;
    const answer: FeedbackAnswer = { outcome: r.received.outcome, reason: r.received.reason, lead };
    const received = { ...r.received, request: webhook.request as unknown as Record<string, unknown>, response: webhook.responseFor(answer) as unknown as Record<string, unknown> };
    return { ...r, received };
  };
  const stored = await withLeadGuard(sql, target.lead.id, async (guard) => {
    const subject: FeedbackSubject = { recipientEvent: target.recipientEvent, submittedAt: target.lead.submittedAt, ...settings, history: await feedbackHistory(guard.read, target.lead.id) };
    const result = await runFeedback(report, subject, runtime.ports, {
      userAgent: options.userAgent,
      targets: options.targets,
      host: options.host,
      handlerVersion: options.handlerVersion,
    });
    return guard.write((q) => insertFeedback(q, sql, target.lead.id, result, finish));
  });
  return { answer: { outcome: stored.received.outcome, reason: stored.received.reason, lead }, received: stored.received, sent: stored.sent };
}
