// The lead context: everything one lead's walk through the phases reads and writes. Vars are
// treated as immutable values — every change builds a new top-level object — so an event can keep
// the vars object it saw as its snapshot without a deep copy (06 §2.2).

import type { CompiledFlow, CompiledSource } from "./compile-flow";
import { extend, isoTime, withKey } from "./objects";
import type { ResolvedOptions } from "./options";
import type { EnginePorts } from "./ports";
import type {
  CapReservationRef,
  CapSettlement,
  DecidedBy,
  DeliveryRecord,
  DuplicateResult,
  EventBase,
  LeadEvent,
  LeadInput,
  LeadOutcomeValue,
  SuppressionResult,
  Vars,
} from "./types";

export interface Decision {
  outcome: LeadOutcomeValue;
  reason: string | null;
  decidedBy: DecidedBy;
}

export interface LeadContext {
  readonly input: LeadInput;
  readonly flow: CompiledFlow;
  readonly source: CompiledSource;
  readonly ports: EnginePorts;
  readonly options: ResolvedOptions;
  /** Processing start (clock), the lead's receipt, and `submission.timestamp`, epoch ms. */
  readonly startedAt: number;
  readonly receivedAt: number;
  readonly submittedAt: number;
  /** Every event's `expires_at` (06 §4). */
  readonly expiresAt: string;
  /** `startedAt` + step budget + 60 s: leases of reservations and in-flight keys (06 §1.2). */
  readonly leaseUntil: number;

  /** Current variables; replace, never mutate. */
  vars: Vars;
  /** `lead` with maskable types masked (01 §5), shared by every snapshot. */
  maskedLead: unknown;
  /** Step events in sequence order. */
  events: LeadEvent[];
  purchasePrice: number;
  decision: Decision | null;

  gateCaps: Array<{ reservation: CapReservationRef; scope: "flow" | "source" }>;
  capReached: boolean;
  rejectedByCapId: string | null;
  stepCaps: CapSettlement[];
  duplicate: DuplicateResult;
  duplicateClaim: { scope: string; keys: string[] } | null;
  suppression: SuppressionResult[];
  deliveries: DeliveryRecord[];
  journalOpened: boolean;
  /** Steps get outbound time until this instant (05 §1). */
  stepDeadline: number;
  /** Time spent waiting for remote answers (services, recipients). */
  waitMs: number;
  /** Clear → masked values of the lead's maskable fields, computed on first use. */
  maskReplacements?: Array<{ clear: string; masked: string }>;
  maskClears?: string[];
}

export function setVar(ctx: LeadContext, name: string, value: unknown): void {
  ctx.vars = withKey(ctx.vars, name, value);
}

function appendedOf(vars: Vars): Record<string, unknown> {
  return (vars.appended as Record<string, unknown> | undefined) ?? {};
}

/** Replaces the data under `appended.<key>` (05 §4.3: steps sharing a key overwrite each other). */
export function setAppended(ctx: LeadContext, key: string, data: unknown): void {
  ctx.vars = { ...ctx.vars, appended: withKey(appendedOf(ctx.vars), key, data) };
}

/** Merges into `appended.<key>` (suppression data accumulates under `suppressionlist`). */
export function mergeAppended(ctx: LeadContext, key: string, patch: Record<string, unknown>): void {
  const existing = appendedOf(ctx.vars)[key];
  const base = typeof existing === "object" && existing !== null && !Array.isArray(existing) ? (existing as Record<string, unknown>) : {};
  setAppended(ctx, key, extend(base, patch));
}

export function appendedData(vars: Vars, key: string): Record<string, unknown> | undefined {
  const v = appendedOf(vars)[key];
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The vars as an event stores them: the masked lead in place of the clear one. */
export function snapshotOf(ctx: LeadContext, vars: Vars = ctx.vars): Vars {
  return ctx.maskedLead === vars.lead ? vars : { ...vars, lead: ctx.maskedLead };
}

/**
 * Writes the fields every event carries (06 §2.1) into `event` (built as one literal with its
 * type-specific fields): assigning into an existing literal keeps V8's fast object layout, which
 * a spread or `Object.assign` of two large objects loses (5–25× slower to build and to serialize).
 * `sequence` is set when the event is recorded.
 */
export function withEventBase<T extends object>(
  event: T,
  ctx: LeadContext,
  stepId: string | null,
  start: number,
  end: number,
  waitMs: number,
  vars: Vars,
): T & Omit<EventBase, "id" | "type" | "outcome" | "reason"> {
  const e = event as T & Omit<EventBase, "id" | "type" | "outcome" | "reason">;
  const ms = Math.max(0, end - start);
  e.lead_id = ctx.input.leadId;
  e.flow_id = ctx.input.flowId;
  e.flow_version = ctx.input.flowVersion;
  e.source_id = ctx.input.source.entity.id;
  e.sequence = -1;
  e.step_id = stepId;
  e.timestamp = isoTime(start);
  e.start_timestamp = start;
  e.end_timestamp = end;
  e.ms = ms;
  e.wait_ms = waitMs;
  e.overhead_ms = Math.max(0, ms - waitMs);
  e.lag_ms = Math.max(0, start - ctx.receivedAt);
  e.total_ms = Math.max(0, end - ctx.receivedAt);
  e.vars = vars;
  e.host = ctx.options.host;
  e.handler_version = ctx.options.handlerVersion;
  e.version = "1";
  e.expires_at = ctx.expiresAt;
  return e;
}

export function recordEvent(ctx: LeadContext, event: LeadEvent): void {
  event.sequence = ctx.events.length;
  ctx.events.push(event);
}
