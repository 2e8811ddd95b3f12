// The suppression gate (04 §2): the duplicate check first, then the configured lists in order;
// the first match rejects with `failure` and that entry's reason. Results are appended under
// `appended.suppressionlist` and recorded on the source event.

import { addMonths, addYears } from "date-fns";
import type { Suppression } from "@/lib/schemas/flow";
import { type LeadContext, appendedData, mergeAppended } from "./context";
import { isTypedValue } from "./deps";
import { compileTextTemplate, type TextTemplate } from "./text-template";
import type { LeadOutcomeValue, SuppressionResult, Vars } from "./types";

type Lookback = { value: number; interval: "year" | "month" | "week" | "day" | "hour" | "minute" } | null | undefined;

export interface CompiledSuppression {
  duplicate: {
    fields: string[];
    match: "all" | "any";
    lookback: Lookback;
    scope: "flow" | "account";
    reason: TextTemplate;
  } | null;
  lists: Array<{
    kind: "dnc" | "customer" | "custom";
    listIds: string[];
    fields: string[];
    lookback: Lookback;
    reason: TextTemplate;
  }>;
}

export const SUPPRESSION_KEY = "suppressionlist";
const DEFAULT_DUPLICATE_REASON = "Duplicate lead - seen {{appended.suppressionlist.duplicate_days_ago}} days ago";
const DEFAULT_LIST_REASONS = {
  dnc: "Phone on DNC list",
  customer: "Existing customer",
  custom: "Suppressed: {{appended.suppressionlist.matched_list}}",
} as const;

export function compileSuppression(s: Suppression | null | undefined): CompiledSuppression | null {
  if (!s) return null;
  const d = s.duplicate && s.duplicate.enabled !== false && s.duplicate.fields.length > 0 ? s.duplicate : null;
  const lists = (s.lists ?? []).map((l) => ({
    kind: l.kind,
    listIds: l.list_ids,
    fields: l.fields,
    lookback: l.lookback,
    reason: (compileTextTemplate(l.reason) ?? compileTextTemplate(DEFAULT_LIST_REASONS[l.kind])) as TextTemplate,
  }));
  if (!d && lists.length === 0) return null;
  return {
    duplicate: d
      ? {
          fields: d.fields,
          match: d.match ?? "all",
          lookback: d.lookback,
          scope: d.scope ?? "flow",
          reason: (compileTextTemplate(d.reason) ?? compileTextTemplate(DEFAULT_DUPLICATE_REASON)) as TextTemplate,
        }
      : null,
    lists,
  };
}

/** `now − lookback` in calendar units (UTC); null = forever. */
export function lookbackSince(now: number, lookback: Lookback): number | null {
  if (!lookback) return null;
  const d = new Date(now);
  const n = -lookback.value;
  // A look-back is a span, not a calendar period: fixed-length units are plain arithmetic.
  switch (lookback.interval) {
    case "minute":
      return now + n * 60_000;
    case "hour":
      return now + n * 3_600_000;
    case "day":
      return now + n * 86_400_000;
    case "week":
      return now + n * 604_800_000;
    case "month":
      return addMonths(d, n).getTime();
    case "year":
      return addYears(d, n).getTime();
  }
}

/**
 * Comparison values of a field (04 §2): its `normal`, trimmed and lower-cased; punctuation and
 * inner spaces kept. Array fields give one value per element.
 */
export function comparisonValues(vars: Vars, field: string): string[] {
  const lead = vars.lead as Record<string, unknown> | undefined;
  const v = lead && Object.hasOwn(lead, field) ? lead[field] : undefined;
  const out: string[] = [];
  if (Array.isArray(v)) for (const x of v) addComparisonValue(out, x);
  else addComparisonValue(out, v);
  return out;
}

function addComparisonValue(out: string[], x: unknown): void {
  const n = isTypedValue(x) ? x.normal : x;
  if (n === null || n === undefined || (typeof n === "number" && Number.isNaN(n))) return;
  const t = String(n).trim().toLowerCase();
  if (t !== "") out.push(t);
}

const DAY = 86_400_000;

export interface GateRejection {
  outcome: LeadOutcomeValue;
  reason: string;
  scope: string;
}

/** Duplicate check, then lists. Null when the lead passes. */
export async function checkSuppression(ctx: LeadContext, s: CompiledSuppression): Promise<GateRejection | null> {
  const now = ctx.startedAt;
  if (s.duplicate) {
    const d = s.duplicate;
    const perField = d.fields.map((f) => comparisonValues(ctx.vars, f)[0] ?? "");
    const keys = d.match === "all" ? (perField.every((v) => v !== "") ? [perField.join("|")] : []) : perField.filter((v) => v !== "");
    if (keys.length > 0) {
      const scope = d.scope === "account" ? "account" : ctx.input.flowId;
      const request = { scope, keys, since: lookbackSince(now, d.lookback), leadId: ctx.input.leadId, now };
      const result = ctx.options.dryRun
        ? await ctx.ports.duplicates.peek(request)
        : await ctx.ports.duplicates.claim({ scope, keys, since: request.since, leadId: ctx.input.leadId, now, leaseUntil: ctx.leaseUntil });
      const daysAgo = result.duplicate ? (result.lastSeenAt === null ? 0 : Math.floor(Math.max(0, now - result.lastSeenAt) / DAY)) : null;
      ctx.duplicate = { checked: true, key: result.key ?? keys.join(","), is_duplicate: result.duplicate, days_ago: daysAgo, recorded: false };
      mergeAppended(ctx, SUPPRESSION_KEY, { is_duplicate: result.duplicate, duplicate_days_ago: daysAgo });
      if (result.duplicate) {
        ctx.duplicate.key = result.key;
        return { outcome: "failure", reason: d.reason(ctx.vars) ?? "Duplicate lead", scope: "duplicate" };
      }
      if (!ctx.options.dryRun) ctx.duplicateClaim = { scope, keys };
    }
  }

  for (const list of s.lists) {
    const values: string[] = [];
    for (const f of list.fields) for (const v of comparisonValues(ctx.vars, f)) if (!values.includes(v)) values.push(v);
    let matched: SuppressionResult["matched_list"] = null;
    if (values.length > 0) {
      const match = await ctx.ports.lists.findInLists(list.listIds, values, lookbackSince(now, list.lookback), now);
      matched = match ? match.listName : null;
    }
    ctx.suppression.push({ kind: list.kind, list_ids: list.listIds, matched: matched !== null, matched_list: matched });
    const flags: Record<string, unknown> = {};
    // A later list of the same kind keeps an earlier `true` (several DNC lists).
    const prev = appendedData(ctx.vars, SUPPRESSION_KEY);
    if (list.kind === "dnc") flags.is_dnc = matched !== null || prev?.is_dnc === true;
    if (list.kind === "customer") flags.is_existing_customer = matched !== null || prev?.is_existing_customer === true;
    if (matched !== null) flags.matched_list = matched;
    mergeAppended(ctx, SUPPRESSION_KEY, flags);
    if (matched !== null) {
      return { outcome: "failure", reason: list.reason(ctx.vars) ?? "Suppressed", scope: list.kind };
    }
  }
  return null;
}
