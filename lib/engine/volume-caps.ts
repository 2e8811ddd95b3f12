// Volume caps (04 §4): which caps apply to a lead (depth-first, rules decide, a failing parent
// hides its children), their effective maximums (percentages of the parent, 04 §4.5), and the
// counter requests the cap port reserves all-or-nothing.

import { createHash } from "node:crypto";
import type { Cap } from "@/lib/schemas/flow";
import { type CapPeriodRequest, type DurationUnit, calendarPeriodAt, fingerprintOf, rollingWindowStart } from "./cap-period";
import type { CompiledRuleSet } from "./deps";
import type { CapRequest } from "./ports";
import { compileRules, type RuleOptions } from "./rule-set";
import { compileTextTemplate, type TextTemplate } from "./text-template";
import type { Vars } from "./types";

export const CAP_REACHED = "Cap reached";

interface PeriodCache {
  timeZone: string;
  fingerprint: string;
  unitStart: number;
  unitEnd: number;
  candidate: { startedAt: number; expiresAt: number };
}

export interface CompiledCap {
  id: string;
  name: string | null;
  test: CompiledRuleSet | null;
  reason: TextTemplate | null;
  maximum: number | null;
  percent: number | null;
  duration: number;
  units: DurationUnit;
  timeZone: string | null;
  window: "calendar" | "rolling";
  rulesHash: string;
  children: CompiledCap[];
  /** The calendar candidate for the current unit: recomputed only when the unit changes. */
  cache: PeriodCache | null;
  /** `<flowId>:<capId>` of the last flow id seen (one per compiled flow in practice). */
  keyCache: { flowId: string; capKey: string } | null;
}

export interface ApplicableCap {
  cap: CompiledCap;
  maximum: number;
}

function hashOf(v: unknown): string {
  return createHash("sha1").update(JSON.stringify(v ?? null)).digest("hex").slice(0, 16);
}

export function compileCaps(caps: readonly Cap[] | null | undefined, options: RuleOptions): CompiledCap[] {
  return (caps ?? []).map((c, i) => ({
    // Ids are assigned at save (normalizeFlowDocument); an unsaved draft falls back to its position.
    id: c.id ?? `cap${i}`,
    name: c.name ?? null,
    test: compileRules(c.rule_set, options),
    reason: compileTextTemplate(c.reason),
    maximum: c.maximum ?? null,
    percent: c.maximum_percent ?? null,
    duration: c.duration ?? 1,
    units: c.duration_units,
    timeZone: c.time_zone ?? null,
    window: c.window ?? "calendar",
    rulesHash: hashOf(c.rule_set),
    children: compileCaps(c.caps, options),
    cache: null,
    keyCache: null,
  }));
}

/**
 * Caps that apply to the lead, in depth-first order, with effective maximums. A cap whose rules
 * fail does not apply and its children are not evaluated (04 §4.3).
 */
export function applicableCaps(caps: readonly CompiledCap[], vars: Vars, parentMaximum: number | null = null, out: ApplicableCap[] = []): ApplicableCap[] {
  for (const cap of caps) {
    if (cap.test !== null && cap.test(vars) !== null) continue;
    let maximum: number;
    if (cap.maximum !== null) maximum = cap.maximum;
    else if (cap.percent !== null && parentMaximum !== null) maximum = Math.floor((parentMaximum * cap.percent) / 100);
    else continue; // A percentage without a parent has nothing to be a percentage of (refused at save).
    out.push({ cap, maximum });
    applicableCaps(cap.children, vars, maximum, out);
  }
  return out;
}

function periodRequest(cap: CompiledCap, timeZone: string, now: number): CapPeriodRequest {
  let candidate = { startedAt: now, expiresAt: now };
  let windowStart = now;
  let fingerprint: string;
  if (cap.window === "calendar") {
    const c = cap.cache;
    if (c && c.timeZone === timeZone && c.unitStart <= now && now < c.unitEnd) {
      candidate = c.candidate;
      fingerprint = c.fingerprint;
    } else {
      const p = calendarPeriodAt(now, cap.duration, cap.units, timeZone);
      candidate = { startedAt: p.startedAt, expiresAt: p.expiresAt };
      fingerprint = fingerprintOf(cap.window, timeZone, cap.rulesHash, cap.duration, cap.units);
      cap.cache = { timeZone, fingerprint, unitStart: p.startedAt, unitEnd: p.unitEnd, candidate };
    }
  } else {
    windowStart = rollingWindowStart(now, cap.duration, cap.units, timeZone);
    fingerprint = fingerprintOf(cap.window, timeZone, cap.rulesHash, cap.duration, cap.units);
  }
  return { window: cap.window, duration: cap.duration, units: cap.units, timeZone, fingerprint, candidate, windowStart };
}

function capKeyOf(cap: CompiledCap, flowId: string): string {
  if (cap.keyCache?.flowId !== flowId) cap.keyCache = { flowId, capKey: `${flowId}:${cap.id}` };
  return cap.keyCache.capKey;
}

/** Counter requests for the applicable caps; counters are keyed `<flowId>:<capId>`. */
export function capRequests(applicable: readonly ApplicableCap[], flowId: string, accountTimeZone: string, now: number): CapRequest[] {
  return applicable.map(({ cap, maximum }) => ({
    capKey: capKeyOf(cap, flowId),
    capId: cap.id,
    maximum,
    period: periodRequest(cap, cap.timeZone ?? accountTimeZone, now),
  }));
}

/** The reason of a full cap: its rendered `reason`, else `Cap reached`. */
export function capReason(cap: CompiledCap, vars: Vars): string {
  return cap.reason?.(vars) ?? CAP_REACHED;
}

/**
 * The caps gate (04 §4.3): flow caps, then the source's, reserved in one all-or-nothing call.
 * Null when the lead passes; else the rejection with the full cap's reason.
 */
export async function reserveLeadCaps(
  ctx: import("./context").LeadContext,
): Promise<{ outcome: "failure"; reason: string; scope: "flow" | "source" } | null> {
  const flowCaps = applicableCaps(ctx.flow.caps, ctx.vars);
  const sourceCaps = applicableCaps(ctx.source.caps, ctx.vars);
  const applicable = [...flowCaps, ...sourceCaps];
  if (applicable.length === 0) return null;
  const now = ctx.ports.clock.now();
  const requests = capRequests(applicable, ctx.input.flowId, ctx.input.account.time_zone, now);
  let fullIndex: number | null;
  if (ctx.options.dryRun) fullIndex = (await ctx.ports.caps.check(requests, now)).fullIndex;
  else {
    const r = await ctx.ports.caps.reserve(requests, { leadId: ctx.input.leadId, now, leaseUntil: ctx.leaseUntil });
    fullIndex = r.ok ? null : r.fullIndex;
    if (r.ok) {
      r.reservations.forEach((reservation, i) => {
        ctx.gateCaps.push({ reservation, scope: i < flowCaps.length ? "flow" : "source" });
      });
    }
  }
  if (fullIndex === null) return null;
  const full = applicable[fullIndex].cap;
  ctx.capReached = true;
  ctx.rejectedByCapId = full.id;
  return { outcome: "failure", reason: capReason(full, ctx.vars), scope: fullIndex < flowCaps.length ? "flow" : "source" };
}
