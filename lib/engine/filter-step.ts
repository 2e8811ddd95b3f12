// Filter steps (05 §2): the rule set describes the leads to STOP (kb polarity). A stop ends step
// processing with the filter's outcome (a template; anything but success/failure/error becomes
// failure) and reason; the filter event records continue/stop/error.

import type { FilterStep } from "@/lib/schemas/flow";
import { type Decision, type LeadContext, recordEvent, withEventBase, snapshotOf } from "./context";
import type { CompiledRuleSet } from "./deps";
import { compileRules, type RuleOptions } from "./rule-set";
import { compileTextTemplate, type TextTemplate } from "./text-template";
import type { FilterEvent, LeadOutcomeValue } from "./types";

export interface CompiledFilterStep {
  type: "filter";
  id: string;
  description: string | null;
  enabled: boolean;
  test: CompiledRuleSet | null;
  outcome: TextTemplate | null;
  reason: TextTemplate | null;
  config: FilterStep;
}

export function compileFilterStep(step: FilterStep, index: number, options: RuleOptions): CompiledFilterStep {
  return {
    type: "filter",
    id: step.id ?? `step${index}`,
    description: step.description?.trim() || null,
    enabled: step.enabled !== false,
    test: compileRules(step.rule_set, options),
    outcome: compileTextTemplate(step.outcome ?? "failure"),
    reason: compileTextTemplate(step.reason),
    config: step,
  };
}

function leadOutcomeOf(rendered: string | null): LeadOutcomeValue {
  const t = rendered?.toLowerCase();
  return t === "success" || t === "error" ? t : "failure";
}

/** Runs the filter and records its event; returns the decision when it stops the lead. */
export function runFilterStep(ctx: LeadContext, step: CompiledFilterStep): Decision | null {
  const start = ctx.ports.clock.now();
  const vars = ctx.vars;
  let outcome: FilterEvent["outcome"] = "continue";
  let reason: string | null = null;
  let leadOutcome: LeadOutcomeValue | null = null;
  let decision: Decision | null = null;
  try {
    // An empty or missing rule set never stops (decision 05 §2).
    const matched = step.test !== null && step.test(vars) === null;
    if (matched) {
      leadOutcome = leadOutcomeOf(step.outcome?.(vars) ?? "failure");
      reason = step.reason?.(vars) ?? (leadOutcome === "success" ? null : `Stopped by filter: ${step.description ?? step.id}`);
      outcome = "stop";
      decision = { outcome: leadOutcome, reason, decidedBy: { stage: "filter", scope: null, step_id: step.id } };
    }
  } catch {
    // An engine fault while evaluating: the filter records `error` and the lead ends `error`.
    outcome = "error";
    reason = "Internal error";
    leadOutcome = "error";
    decision = { outcome: "error", reason: "Internal error", decidedBy: { stage: "filter", scope: null, step_id: step.id } };
  }
  const end = ctx.ports.clock.now();
  const event: FilterEvent = withEventBase(
    {
      id: ctx.ports.ids.newId(),
      type: "filter" as const,
      outcome,
      reason,
      description: step.description,
      rule_set: step.config.rule_set ?? null,
      lead_outcome: leadOutcome,
    },
    ctx,
    step.id,
    start,
    end,
    0,
    snapshotOf(ctx, vars),
  );
  recordEvent(ctx, event);
  return decision;
}
