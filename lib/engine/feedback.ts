// Feedback: returns and conversions (06 §5). A recipient reports that a lead it accepted converted
// or is being returned. The report is checked in the order of §5.4 (the first refusal wins and is
// itself recorded) and may be forwarded to the lead's source (§5.5), with the request built and
// the answer parsed exactly as for a recipient step (05 §3–§4). Nothing here reads or writes
// storage: the caller hands in the recipient event, the configuration and the lead's earlier
// feedback, and stores the events returned. The one I/O is the call to the source (HTTP port).

import type { SourceFeedback, StepFeedback } from "@/lib/schemas/flow";
import { buildRequest, outboundModuleOf } from "./build-request";
import { applyRecipientMappings, compileMappings } from "./mappings";
import { maskMappings, recordExchange } from "./mask-exchange";
import { extend, isoTime } from "./objects";
import { parseResponse } from "./parse-response";
import type { Clock, Ids, OutboundHttp } from "./ports";
import type { TargetPolicy } from "./public-url";
import { INTERNAL_ERROR } from "./recipient-step";
import { compileRules, type RuleOptions } from "./rule-set";
import type {
  EventBase,
  FeedbackEventFields,
  FeedbackReceivedEvent,
  FeedbackSentEvent,
  FeedbackType,
  FeedbackVia,
  HttpExchange,
  LeadOutcomeValue,
  RecipientEvent,
  StepOutcome,
  Vars,
} from "./types";

export const FEEDBACK_TYPES: readonly FeedbackType[] = ["return", "conversion"];
/** Longest stored feedback reason, in characters (06 §5.3). */
export const MAX_FEEDBACK_REASON = 255;
export const ALREADY_SENT_REASON = "Already sent to source";
const DAY = 86_400_000;

export type SourceFeedbackType = NonNullable<SourceFeedback["return"]>;

export function isFeedbackType(type: string): type is FeedbackType {
  return (FEEDBACK_TYPES as readonly string[]).includes(type);
}

/** The buyer's reason as stored: trimmed, at most 255 characters (not UTF-16 units), blank → null. */
export function feedbackReason(raw: unknown): string | null {
  if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") return null;
  const text = String(raw).trim();
  if (text === "") return null;
  if (text.length <= MAX_FEEDBACK_REASON) return text;
  return Array.from(text).slice(0, MAX_FEEDBACK_REASON).join("").trimEnd();
}

/** One earlier feedback event of the lead, as far as the checks of §5.4 step 5 and §5.5 need it. */
export interface FeedbackHistoryEntry {
  type: "feedback-received" | "feedback-sent";
  outcome: string;
  recipient_event_id: string;
  feedback_type: string;
}

export function historyEntryOf(event: Pick<FeedbackEventFields, "outcome" | "recipient_event_id" | "feedback"> & { type: string }): FeedbackHistoryEntry {
  return {
    type: event.type === "feedback-sent" ? "feedback-sent" : "feedback-received",
    outcome: event.outcome,
    recipient_event_id: event.recipient_event_id,
    feedback_type: event.feedback?.type ?? "",
  };
}

/** §5.4 step 5: an earlier *successful* feedback of this type for this recipient event (only successes count, §5.5). */
export function alreadyReceived(history: readonly FeedbackHistoryEntry[], recipientEventId: string, type: string): boolean {
  return history.some((h) => h.type === "feedback-received" && h.outcome === "success" && h.recipient_event_id === recipientEventId && h.feedback_type === type);
}

/** §5.5: at most one successful feedback-sent per lead and type, whichever buyer reported it. */
export function alreadySent(history: readonly FeedbackHistoryEntry[], type: string): boolean {
  return history.some((h) => h.type === "feedback-sent" && h.outcome === "success" && h.feedback_type === type);
}

/** What the recipient reported. */
export interface FeedbackReport {
  /** As received (trimmed): §5.4 step 1 judges it. */
  type: string;
  /** Already through `feedbackReason`. */
  reason: string | null;
  via: FeedbackVia;
  user: string | null;
}

/** Everything feedback is checked against, read by the caller beforehand. */
export interface FeedbackSubject {
  /** The recipient event as stored: its final outcome (06 §2.4) and its vars snapshot. */
  recipientEvent: RecipientEvent;
  /** The lead's `submission.timestamp`, epoch ms (lead age, §5.4 step 4). */
  submittedAt: number;
  /** The step's settings in the deployed flow version (the lead's when the step is gone); null: none. */
  stepFeedback: StepFeedback | null;
  /** The settings of the lead's flow source; null: none. */
  sourceFeedback: SourceFeedback | null;
  /** Field names for rule reasons (02 §6). */
  ruleOptions: RuleOptions;
  /** The lead's earlier feedback events. */
  history: readonly FeedbackHistoryEntry[];
}

/** The recipient event's vars plus `feedback.type`, `.reason`, `.timestamp` (06 §5.5). */
export function feedbackVars(recipientVars: Vars | undefined, type: string, reason: string | null, at: number): Vars {
  return extend(recipientVars ?? {}, { feedback: { type, reason, timestamp: isoTime(at) } });
}

/** §5.4 steps 1–6 in order: the first refusal's text, or null when the feedback is accepted. */
export function feedbackRefusal(report: FeedbackReport, subject: FeedbackSubject, vars: Vars, now: number): string | null {
  const type = report.type;
  if (!isFeedbackType(type)) return `Invalid feedback type: ${type}`;
  const settings = subject.stepFeedback?.[type];
  if (settings?.enabled !== true) return `Feedback type ${type} is not enabled for this recipient`;
  if (subject.recipientEvent.outcome !== "success") return "Lead was not accepted by this recipient";
  if (type === "return") {
    const days = subject.stepFeedback?.return?.max_lead_age_days;
    if (typeof days === "number" && now - subject.submittedAt > days * DAY) return "Lead is too old to return";
  }
  if (alreadyReceived(subject.history, subject.recipientEvent.id, type)) return `Duplicate feedback: ${type} already received`;
  return compileRules(settings.rule_set, subject.ruleOptions)?.(vars) ?? null;
}

export type SourcePlan =
  | { kind: "none" }
  | { kind: "skip"; reason: string; settings: SourceFeedbackType }
  | { kind: "send"; settings: SourceFeedbackType };

/** §5.4 step 7 and §5.5: whether accepted feedback goes to the source, and if not, why it is skipped. */
export function sourcePlan(type: FeedbackType, subject: FeedbackSubject, vars: Vars): SourcePlan {
  const settings = subject.sourceFeedback?.[type];
  if (settings?.enabled !== true) return { kind: "none" };
  const failed = compileRules(settings.rule_set, subject.ruleOptions)?.(vars) ?? null;
  if (failed !== null) return { kind: "skip", reason: failed, settings };
  if (alreadySent(subject.history, type)) return { kind: "skip", reason: ALREADY_SENT_REASON, settings };
  return { kind: "send", settings };
}

export interface FeedbackPorts {
  clock: Clock;
  ids: Ids;
  http: OutboundHttp;
}

export interface FeedbackOptions {
  userAgent: string;
  /** The outbound target policy (05 §3.1); the HTTP port checks resolved addresses again. */
  targets: TargetPolicy;
  host: string | null;
  handlerVersion: string;
}

interface SourceCall {
  outcome: StepOutcome;
  reason: string | null;
  exchange: HttpExchange | null;
  start: number;
  end: number;
}

/**
 * The feedback-sent call (§5.5): mappings rendered on the feedback vars, the request built and
 * validated, sent once (never retried: the recipient may send the feedback again), the answer
 * parsed with the step's response variables, the exchange masked like a recipient's.
 */
async function callSource(settings: SourceFeedbackType, vars: Vars, eventId: string, subject: FeedbackSubject, ports: FeedbackPorts, options: FeedbackOptions): Promise<SourceCall> {
  const start = ports.clock.now();
  const ended = (outcome: StepOutcome, reason: string | null, exchange: HttpExchange | null = null): SourceCall => ({ outcome, reason, exchange, start, end: ports.clock.now() });
  const integration = settings.integration;
  const module = integration ? outboundModuleOf(integration.module_id) : null;
  if (!integration || module === null) return ended("error", `Unsupported integration: ${integration?.module_id ?? "none"}`);
  let built: ReturnType<typeof buildRequest>;
  try {
    const requestVars = applyRecipientMappings(compileMappings(integration.mappings, subject.ruleOptions), vars);
    built = buildRequest(module, requestVars, vars, { eventId, attempt: 1, userAgent: options.userAgent, targets: options.targets });
  } catch {
    return ended("error", INTERNAL_ERROR);
  }
  if (!built.ok) return ended("error", built.reason);
  const send = await ports.http.send(built.request, built.timeoutMs);
  let parsed: { outcome: StepOutcome; reason: string | null };
  try {
    parsed = parseResponse(send, built.response, built.timeoutMs);
  } catch {
    parsed = { outcome: "error", reason: INTERNAL_ERROR };
  }
  // The stored vars are already masked, so only the request's own secrets need scrubbing.
  const exchange = recordExchange(built.request, send, { secrets: built.secrets, replacements: [] }, parsed.outcome === "error" ? parsed.reason : null);
  return { outcome: parsed.outcome, reason: parsed.reason, exchange, start: send.startedAt, end: send.endedAt };
}

type Base = Omit<EventBase, "type" | "outcome" | "reason">;

/** The fields every event carries (06 §2.1), for an event of this recipient event's lead. */
function eventBase(ev: RecipientEvent, id: string, start: number, end: number, waitMs: number, vars: Vars, options: FeedbackOptions): Base {
  // The lead's receipt, as retry events work it out: lag_ms is measured from it (06 §2.1).
  const receipt = ev.start_timestamp - ev.lag_ms;
  const ms = Math.max(0, end - start);
  return {
    id,
    lead_id: ev.lead_id,
    flow_id: ev.flow_id,
    flow_version: ev.flow_version,
    source_id: ev.source_id,
    sequence: -1,
    step_id: ev.step_id,
    timestamp: isoTime(start),
    start_timestamp: start,
    end_timestamp: end,
    ms,
    wait_ms: waitMs,
    overhead_ms: Math.max(0, ms - waitMs),
    lag_ms: Math.max(0, start - receipt),
    total_ms: Math.max(0, end - receipt),
    vars,
    host: options.host,
    handler_version: options.handlerVersion,
    version: "1",
    // A lead and all its events expire together, later feedback too (06 §4).
    expires_at: ev.expires_at,
  };
}

export interface FeedbackResult {
  received: FeedbackReceivedEvent;
  sent: FeedbackSentEvent | null;
  /** True when a check of §5.4 steps 1–6 refused the feedback. */
  refused: boolean;
}

/**
 * Processes one feedback report (§5.4–§5.5) and returns the events to store, in this order: the
 * feedback-received event, then the feedback-sent event when the source takes this type.
 * `received.request`/`response` are left null: only the webhook has an exchange to record.
 */
export async function runFeedback(report: FeedbackReport, subject: FeedbackSubject, ports: FeedbackPorts, options: FeedbackOptions): Promise<FeedbackResult> {
  const ev = subject.recipientEvent;
  const start = ports.clock.now();
  const vars = feedbackVars(ev.vars, report.type, report.reason, start);
  const receivedId = ports.ids.newId();
  const refusal = feedbackRefusal(report, subject, vars, start);
  const type = report.type as FeedbackType;
  const plan: SourcePlan = refusal === null ? sourcePlan(type, subject, vars) : { kind: "none" };

  let sent: FeedbackSentEvent | null = null;
  let outcome: LeadOutcomeValue = refusal === null ? "success" : "failure";
  let reason: string | null = refusal;
  let waitMs = 0;
  if (plan.kind !== "none") {
    const sentId = ports.ids.newId();
    const call: SourceCall =
      plan.kind === "send"
        ? await callSource(plan.settings, vars, sentId, subject, ports, options)
        : { outcome: "skip", reason: plan.reason, exchange: null, start: ports.clock.now(), end: ports.clock.now() };
    const callWait = call.exchange ? call.exchange.ms : 0;
    waitMs = callWait;
    sent = {
      ...eventBase(ev, sentId, call.start, call.end, callWait, vars, options),
      type: "feedback-sent",
      outcome: call.outcome,
      reason: call.reason,
      recipient_event_id: ev.id,
      recipient_id: ev.recipient_id,
      recipient_name: ev.recipient_name,
      module_id: plan.settings.integration?.module_id ?? null,
      feedback: { type: report.type, reason: report.reason, config: recordedSettings(plan.settings) },
      via: report.via,
      user: report.user,
      feedback_received_event_id: receivedId,
      request: call.exchange?.request ?? null,
      response: call.exchange?.response ?? null,
      ...(call.exchange?.error !== undefined ? { error: call.exchange.error } : {}),
    };
    // The recipient learns what the source said (kb); a skip leaves the feedback accepted.
    if (call.outcome !== "skip") {
      outcome = call.outcome;
      reason = call.reason;
    }
  }

  const end = ports.clock.now();
  const received: FeedbackReceivedEvent = {
    ...eventBase(ev, receivedId, start, end, waitMs, vars, options),
    type: "feedback-received",
    outcome,
    reason,
    recipient_event_id: ev.id,
    recipient_id: ev.recipient_id,
    recipient_name: ev.recipient_name,
    module_id: ev.module_id,
    feedback: { type: report.type, reason: report.reason, config: isFeedbackType(report.type) ? (subject.stepFeedback?.[report.type] ?? null) : null },
    via: report.via,
    user: report.user,
    feedback_sent_event_id: sent?.id ?? null,
    request: null,
    response: null,
  };
  return { received, sent, refused: refusal !== null };
}

/**
 * Re-checks a result against the lead's feedback as it stands when the events are written: an
 * identical report processed elsewhere at the same time may have succeeded first. Only §5.4
 * step 5 can change in between; a call already made to the source stays recorded as it happened.
 */
export function reconcileFeedback(result: FeedbackResult, history: readonly FeedbackHistoryEntry[]): FeedbackResult {
  const { received } = result;
  if (result.refused || !alreadyReceived(history, received.recipient_event_id, received.feedback.type)) return result;
  return { ...result, refused: true, received: { ...received, outcome: "failure", reason: `Duplicate feedback: ${received.feedback.type} already received` } };
}

/** The source's settings as the event records them: literal secrets in its mappings masked (06 §2.2). */
function recordedSettings(settings: SourceFeedbackType): SourceFeedbackType {
  if (!settings.integration) return settings;
  return { ...settings, integration: { ...settings.integration, mappings: maskMappings(settings.integration.mappings) as typeof settings.integration.mappings } };
}
