// Acceptance criteria (04 §1): flow-level first, then the source's; either failing rejects the
// lead with the configured outcome (default failure) and the rendered reason, else the rule
// engine's reason.

import type { AcceptanceCriteria } from "@/lib/schemas/flow";
import type { CompiledRuleSet } from "./deps";
import { compileRules, type RuleOptions } from "./rule-set";
import { compileTextTemplate, type TextTemplate } from "./text-template";
import type { LeadOutcomeValue, Vars } from "./types";

export interface CompiledAcceptance {
  test: CompiledRuleSet;
  outcome: LeadOutcomeValue;
  reason: TextTemplate | null;
  config: AcceptanceCriteria;
}

export function compileAcceptance(ac: AcceptanceCriteria | null | undefined, options: RuleOptions): CompiledAcceptance | null {
  if (!ac) return null;
  const test = compileRules(ac.rule_set, options);
  if (test === null) return null;
  return { test, outcome: ac.outcome ?? "failure", reason: compileTextTemplate(ac.reason), config: ac };
}

/** Null when the lead passes; else the outcome and reason to answer with. */
export function checkAcceptance(ac: CompiledAcceptance, vars: Vars): { outcome: LeadOutcomeValue; reason: string } | null {
  const ruleReason = ac.test(vars);
  if (ruleReason === null) return null;
  return { outcome: ac.outcome, reason: ac.reason?.(vars) ?? ruleReason };
}
