// Recipient steps (05 §3): criteria → step caps → sale price → recipient vars → mappings →
// validation → request → response parsing → appended data and the recipient event. Split in
// prepare / execute / finish so a parallel group (05 §5.2) can prepare in order on the vars at
// group start, call concurrently, and finish in configured order.

import type { RecipientStep } from "@/lib/schemas/flow";
import { appendedKeyFor } from "./appended-key";
import { type BuiltRequest, buildRequest, outboundModuleOf, type OutboundModule } from "./build-request";
import { type LeadContext, appendedData, mergeAppended, recordEvent, setAppended, snapshotOf, withEventBase } from "./context";
import type { CompiledRuleSet } from "./deps";
import { applyRecipientMappings, compileMappings, type CompiledMappings } from "./mappings";
import { recordExchange, scrubRequest, type Scrubber, maskMappings } from "./mask-exchange";
import { parseResponse, type ParsedResponse } from "./parse-response";
import type { CapRequest, OutboundRequest, SendResult } from "./ports";
import { compilePricing, rulesLayerPrice, type CompiledPricing } from "./pricing";
import { decideDelivery, retryEnabledFor, type ErrorKind, type StepPurpose } from "./retry-schedule";
import { extend, isoTime } from "./objects";
import { compileRules, type RuleOptions } from "./rule-set";
import { listOperationOf, runListOperation, type ListOperation, type ListStepResult } from "./suppression-list-step";
import type { CapReservationRef, DeliveryInfo, EventBase, HttpExchange, RecipientEvent, StepOutcome, Vars } from "./types";
import { applicableCaps, capReason, capRequests, compileCaps, type CompiledCap } from "./volume-caps";

export const REPLAY_REASON = "Replay: not delivered";
export const BUDGET_REASON = "Lead processing time limit reached";
export const INTERNAL_ERROR = "Internal error";

export interface CompiledRecipientStep {
  type: "recipient";
  id: string;
  description: string | null;
  enabled: boolean;
  parallel: boolean;
  purpose: StepPurpose;
  retryEnabled: boolean;
  moduleId: string;
  outbound: OutboundModule | null;
  listOperation: ListOperation | null;
  entity: { id: string; name: string } | null;
  key: string;
  criteria: CompiledRuleSet | null;
  caps: CompiledCap[];
  pricing: CompiledPricing | null;
  mappings: CompiledMappings;
  /** The mappings as the step's events record them: literal secrets masked (06 §2.2). */
  recordedMappings: unknown;
  config: RecipientStep;
}

export function compileRecipientStep(step: RecipientStep, index: number, options: RuleOptions): CompiledRecipientStep {
  const id = step.id ?? `step${index}`;
  const moduleId = step.integration.module_id;
  const listOperation = listOperationOf(moduleId);
  const purpose: StepPurpose = step.purpose ?? (moduleId.startsWith("suppressionlist.") ? "enhancement" : "delivery");
  return {
    type: "recipient",
    id,
    description: step.description?.trim() || null,
    enabled: step.enabled !== false,
    parallel: step.parallel === true,
    purpose,
    retryEnabled: retryEnabledFor(purpose, step.retry_enabled),
    moduleId,
    outbound: outboundModuleOf(moduleId),
    listOperation,
    entity: step.entity ?? null,
    key: appendedKeyFor(moduleId, step.entity?.name, id),
    criteria: compileRules(step.rule_set, options),
    caps: compileCaps(step.caps, options),
    pricing: compilePricing(step.pricing, options),
    mappings: compileMappings(step.integration.mappings, options),
    recordedMappings: maskMappings(step.integration.mappings),
    config: step,
  };
}

/** A recipient event's own fields; `withEventBase` adds the common ones. */
type RecipientEventFields = Omit<RecipientEvent, Exclude<keyof EventBase, "id" | "type" | "outcome" | "reason">>;

type Ended = { outcome: StepOutcome; reason: string | null; errorKind: ErrorKind | null };

/** A step after its pre-call checks: either finished (skip/error) or ready to execute. */
export interface PreparedRecipient {
  step: CompiledRecipientStep;
  eventId: string;
  start: number;
  vars: Vars;
  price: number;
  capIds: string[];
  capsReached: boolean;
  reservations: CapReservationRef[];
  capRequests: CapRequest[];
  ended: Ended | null;
  requestVars: Record<string, unknown> | null;
  built: BuiltRequest | null;
  wouldSend?: unknown;
}

interface Executed {
  send?: SendResult;
  timeoutMs?: number;
  list?: ListStepResult;
  ended?: Ended;
  waitMs: number;
}

/**
 * The scrubber for one exchange. Masked forms of the lead's maskable values are only worked out
 * when one of their clear texts occurs in `texts` (the usual case is none); once per lead.
 */
function scrubberOf(ctx: LeadContext, secrets: readonly string[], texts: ReadonlyArray<string | null | undefined>): Scrubber {
  ctx.maskClears ??= ctx.flow.maskClears(ctx.vars);
  if (!anyOccurs(ctx.maskClears, texts)) return { secrets, replacements: [] };
  ctx.maskReplacements ??= ctx.flow.maskReplacements(ctx.vars);
  return { secrets, replacements: ctx.maskReplacements };
}

function anyOccurs(clears: readonly string[], texts: ReadonlyArray<string | null | undefined>): boolean {
  for (const clear of clears) for (const t of texts) if (t !== null && t !== undefined && t.includes(clear)) return true;
  return false;
}

function exchangeTexts(request: OutboundRequest, send?: SendResult): Array<string | null> {
  const texts: Array<string | null> = [request.url, request.body, ...Object.values(request.headers)];
  if (send?.ok) {
    texts.push(send.response.body);
    for (const v of Object.values(send.response.headers)) texts.push(...(Array.isArray(v) ? v : [v]));
  }
  return texts;
}

export async function prepareRecipient(ctx: LeadContext, step: CompiledRecipientStep, varsAtStart: Vars): Promise<PreparedRecipient> {
  const start = ctx.ports.clock.now();
  const eventId = ctx.ports.ids.newId();
  const p: PreparedRecipient = {
    step,
    eventId,
    start,
    vars: varsAtStart,
    price: 0,
    capIds: [],
    capsReached: false,
    reservations: [],
    capRequests: [],
    ended: null,
    requestVars: null,
    built: null,
  };
  // 1. Criteria: failing → skip with the rule engine's reason, nothing called.
  const criteriaReason = step.criteria?.(varsAtStart) ?? null;
  if (criteriaReason !== null) {
    p.ended = { outcome: "skip", reason: criteriaReason, errorKind: null };
    p.vars = recipientVars(ctx, step, varsAtStart, 0, eventId);
    return p;
  }
  // 2. Step caps (04 §4.6): a full cap skips the step; otherwise reserve.
  if (step.caps.length > 0) {
    const applicable = applicableCaps(step.caps, varsAtStart);
    p.capIds = applicable.map((a) => a.cap.id);
    p.capRequests = capRequests(applicable, ctx.input.flowId, ctx.input.account.time_zone, start);
    if (p.capRequests.length > 0) {
      let fullIndex: number | null = null;
      if (ctx.options.dryRun) fullIndex = (await ctx.ports.caps.check(p.capRequests, start)).fullIndex;
      else {
        const r = await ctx.ports.caps.reserve(p.capRequests, { leadId: ctx.input.leadId, now: start, leaseUntil: ctx.leaseUntil });
        if (r.ok) p.reservations = r.reservations;
        else fullIndex = r.fullIndex;
      }
      if (fullIndex !== null) {
        p.capsReached = true;
        p.ended = { outcome: "skip", reason: capReason(applicable[fullIndex].cap, varsAtStart), errorKind: null };
        p.vars = recipientVars(ctx, step, varsAtStart, 0, eventId);
        return p;
      }
    }
  }
  // 3–4. Sale price (last match wins, none → 0) and the recipient vars.
  p.price = rulesLayerPrice(step.pricing, varsAtStart) ?? 0;
  p.vars = recipientVars(ctx, step, varsAtStart, p.price, eventId);
  // 5. Mappings, then validation.
  p.requestVars = applyRecipientMappings(step.mappings, p.vars);
  if (step.listOperation !== null) return p;
  if (step.outbound === null) {
    p.ended = { outcome: "error", reason: `Unsupported integration: ${step.moduleId}`, errorKind: "validation" };
    return p;
  }
  const built = buildRequest(step.outbound, p.requestVars ?? {}, p.vars, {
    eventId,
    attempt: 1,
    userAgent: ctx.options.userAgent,
    targets: ctx.options.targets,
  });
  if (!built.ok) {
    p.ended = { outcome: "error", reason: built.reason, errorKind: "validation" };
    return p;
  }
  p.built = built;
  if (ctx.options.dryRun) {
    p.wouldSend = scrubRequest(built.request, scrubberOf(ctx, built.secrets, exchangeTexts(built.request)));
    p.ended = { outcome: "skip", reason: REPLAY_REASON, errorKind: null };
  }
  return p;
}

function recipientVars(ctx: LeadContext, step: CompiledRecipientStep, vars: Vars, price: number, eventId: string): Vars {
  return extend(vars, {
    recipient: { id: step.entity?.id ?? null, name: step.entity?.name ?? null },
    price,
    purchase_price: ctx.purchasePrice,
    event_id: eventId,
  });
}

/** The call (or the local list operation). Never throws for network problems. */
export async function executeRecipient(ctx: LeadContext, p: PreparedRecipient): Promise<Executed> {
  if (p.ended !== null) return { waitMs: 0 };
  const step = p.step;
  if (step.listOperation !== null) {
    if (ctx.options.dryRun && step.listOperation !== "query_item") {
      return { ended: { outcome: "skip", reason: REPLAY_REASON, errorKind: null }, waitMs: 0 };
    }
    const t0 = ctx.ports.clock.now();
    const list = await runListOperation(step.listOperation, p.requestVars ?? {}, ctx.ports.lists, t0);
    return { list, waitMs: Math.max(0, ctx.ports.clock.now() - t0) };
  }
  const built = p.built as BuiltRequest;
  const now = ctx.ports.clock.now();
  const left = ctx.stepDeadline - now;
  if (left <= 0) return { ended: { outcome: "error", reason: BUDGET_REASON, errorKind: "budget" }, waitMs: 0 };
  const timeoutMs = Math.max(1, Math.min(built.timeoutMs, left));
  if (ctx.ports.journal) {
    if (!ctx.journalOpened) {
      ctx.journalOpened = true;
      await ctx.ports.journal.openLead({
        leadId: ctx.input.leadId,
        flowId: ctx.input.flowId,
        flowVersion: ctx.input.flowVersion,
        sourceId: ctx.input.source.entity.id,
        flowSourceId: ctx.source.id,
        submittedAt: ctx.submittedAt,
        startedAt: ctx.startedAt,
        leaseUntil: ctx.leaseUntil,
        context: {
          vars: snapshotOf(ctx),
          capReservations: [...ctx.gateCaps.map((g) => g.reservation), ...ctx.stepCaps.map((s) => s.reservation)],
          duplicate: ctx.duplicateClaim,
        },
      });
    }
    await ctx.ports.journal.recordIntent({
      id: p.eventId,
      leadId: ctx.input.leadId,
      stepId: step.id,
      flowId: ctx.input.flowId,
      attempt: 1,
      request: built.request,
      startedAt: now,
    });
  }
  const send = await ctx.ports.http.send(built.request, timeoutMs);
  return { send, timeoutMs, waitMs: Math.max(0, send.endedAt - send.startedAt) };
}

function settleStepCaps(ctx: LeadContext, p: PreparedRecipient, outcome: StepOutcome): void {
  for (const reservation of p.reservations) {
    ctx.stepCaps.push({ reservation, commit: outcome === "success", scope: "step", step_id: p.step.id });
  }
}

/** Appends the results, records the event and the delivery; returns nothing: steps never decide the lead. */
export function finishRecipient(ctx: LeadContext, p: PreparedRecipient, ex: Executed): void {
  const step = p.step;
  const end = ctx.ports.clock.now();
  let ended: Ended | null = p.ended ?? ex.ended ?? null;
  let parsed: ParsedResponse | null = null;
  const transactions: HttpExchange[] = [];
  let appended: Record<string, unknown>;
  let salePrice = 0;
  let price = p.price;

  if (ended === null && ex.list) {
    ended = { outcome: ex.list.outcome, reason: ex.list.reason, errorKind: ex.list.outcome === "error" ? "validation" : null };
    mergeAppended(ctx, step.key, ex.list.appended);
    appended = ex.list.appended;
  } else if (ended === null && ex.send && p.built) {
    try {
      parsed = parseResponse(ex.send, p.built.response, ex.timeoutMs ?? p.built.timeoutMs);
    } catch {
      // A fault in response handling is this step's error, never the lead's (06 §7 #5).
      parsed = { outcome: "error", reason: INTERNAL_ERROR, errorKind: "internal", price: null, reference: null, cookie: null, data: {}, retryAfterSeconds: null };
    }
    ended = { outcome: parsed.outcome, reason: parsed.reason, errorKind: parsed.errorKind };
    if (parsed.price !== null) price = parsed.price;
    salePrice = parsed.outcome === "success" ? price : 0;
    transactions.push(
      recordExchange(p.built.request, ex.send, scrubberOf(ctx, p.built.secrets, exchangeTexts(p.built.request, ex.send)), parsed.outcome === "error" ? parsed.reason : null),
    );
    const transportError = !ex.send.ok || parsed.errorKind === "server" || parsed.errorKind === "throttled";
    appended = transportError
      ? { outcome: parsed.outcome, reason: parsed.reason }
      : extend(parsed.data, { outcome: parsed.outcome, reason: parsed.reason, price: salePrice });
    if (!transportError && p.built.response.reference_path !== undefined) appended.reference = parsed.reference;
    if (!transportError && p.built.response.cookie_search_term !== undefined) appended.cookie = parsed.cookie;
    setAppended(ctx, step.key, appended);
  } else {
    ended ??= { outcome: "error", reason: INTERNAL_ERROR, errorKind: "internal" };
    appended = writeEnded(ctx, step, ended);
  }

  const sent = transactions.length > 0;
  const decision = decideDelivery(
    { outcome: ended.outcome, reason: ended.reason, errorKind: ended.errorKind, attempt: 1, endedAt: end, retryAfterSeconds: parsed?.retryAfterSeconds ?? null, sent },
    step.retryEnabled && step.outbound !== null,
    ctx.options.retry,
    () => ctx.ports.ids.randomInt(0, 1_000_000) / 1_000_001,
  );
  const delivery: DeliveryInfo = {
    idempotency_key: p.eventId,
    retry_enabled: step.retryEnabled,
    status: decision.status,
    attempts: sent ? 1 : 0,
    next_attempt_at: decision.nextAttemptAt === null ? null : isoTime(decision.nextAttemptAt),
  };
  if (p.built && (sent || decision.status === "retrying")) {
    ctx.deliveries.push({
      id: p.eventId,
      leadId: ctx.input.leadId,
      stepId: step.id,
      flowId: ctx.input.flowId,
      flowVersion: ctx.input.flowVersion,
      status: decision.status,
      attempts: sent ? 1 : 0,
      nextAttemptAt: decision.nextAttemptAt,
      request: decision.status === "retrying" ? p.built.request : null,
      responseConfig: decision.status === "retrying" ? { timeoutMs: p.built.timeoutMs, response: { ...p.built.response }, key: step.key } : null,
      lastError: ended.outcome === "error" ? ended.reason : null,
    });
  }
  settleStepCaps(ctx, p, ended.outcome);

  const waitMs = ex.waitMs;
  ctx.waitMs += waitMs;
  const event: RecipientEvent = withEventBase(
    {
      id: p.eventId,
      type: "recipient" as const,
      outcome: ended.outcome,
      reason: ended.reason,
      description: step.description,
      module_id: step.moduleId,
      purpose: step.purpose,
      key: step.key,
      recipient_id: step.entity?.id ?? null,
      recipient_name: step.entity?.name ?? null,
      caps: p.capIds,
      caps_reached: p.capsReached,
      price,
      sale_price: salePrice,
      revenue: salePrice,
      purchase_price: ctx.purchasePrice,
      cost: ctx.purchasePrice,
      rule_set: step.config.rule_set ?? null,
      mappings: step.recordedMappings,
      pricing: step.config.pricing ?? null,
      transactions,
      appended,
      delivery,
      first_attempt: null,
      final_at: decision.final ? isoTime(end) : null,
    } as RecipientEventFields,
    ctx,
    step.id,
    p.start,
    end,
    waitMs,
    snapshotOf(ctx, p.vars),
  );
  if (p.wouldSend !== undefined) event.would_send = p.wouldSend;
  recordEvent(ctx, event);
}

/**
 * A step that ended without a parsed response: skips write only `outcome` and `reason`, keeping
 * the key's earlier data (a skipped query leaves the previous `found`, 05 §4.3).
 */
function writeEnded(ctx: LeadContext, step: CompiledRecipientStep, ended: Ended): Record<string, unknown> {
  const fields = { outcome: ended.outcome, reason: ended.reason };
  if (step.listOperation !== null) {
    const previous = appendedData(ctx.vars, step.key)?.[step.listOperation];
    const data = extend(typeof previous === "object" && previous !== null ? previous : {}, fields);
    mergeAppended(ctx, step.key, { [step.listOperation]: data });
    return { [step.listOperation]: data };
  }
  if (ended.outcome === "skip") {
    mergeAppended(ctx, step.key, fields);
    return fields;
  }
  setAppended(ctx, step.key, fields);
  return fields;
}

/** One recipient step, sequentially; an exception in its integration code only fails the step (06 §7 #5). */
export async function runRecipientStep(ctx: LeadContext, step: CompiledRecipientStep): Promise<void> {
  const p = await prepareRecipient(ctx, step, ctx.vars);
  let ex: Executed;
  try {
    ex = await executeRecipient(ctx, p);
  } catch {
    ex = { ended: { outcome: "error", reason: INTERNAL_ERROR, errorKind: "internal" }, waitMs: 0 };
  }
  finishRecipient(ctx, p, ex);
}
