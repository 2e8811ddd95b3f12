// Rule sets as the engine uses them: compiled non-strict (stored documents follow 02 §6 runtime
// semantics), `null` when the set is missing or empty so callers can tell "no rules" apart.

import type { RuleSet } from "@/lib/rules";
import { compileRuleSet, type CompiledRuleSet } from "./deps";

export interface RuleOptions {
  fieldNames: Readonly<Record<string, string>>;
  obsceneWords?: readonly string[];
}

export function isEmptyRuleSet(rs: RuleSet | null | undefined): boolean {
  return !rs || !Array.isArray(rs.rules) || rs.rules.length === 0;
}

/** Compiled rule set, or null when there are no rules (always passes). Structurally broken sets never pass. */
export function compileRules(rs: RuleSet | null | undefined, options: RuleOptions): CompiledRuleSet | null {
  if (isEmptyRuleSet(rs)) return null;
  try {
    return compileRuleSet(rs, { strict: false, fieldNames: options.fieldNames, obsceneWords: options.obsceneWords });
  } catch (err) {
    const reason = err instanceof Error ? err.message : "Invalid rule set";
    return () => reason;
  }
}
