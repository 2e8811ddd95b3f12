// Mapping lists (03 §3) through lib/mappings, with the engine's rule compiler injected (non-strict
// runtime semantics of 02 §6). Compiled once per flow version; each lead only renders.

import {
  applyInboundMappings,
  compileInboundMappings,
  compileMappings as compileMappingList,
  type CompiledMappings,
  type InboundContext,
} from "@/lib/mappings";
import type { Mapping } from "@/lib/schemas/flow";
import { compileRules, type RuleOptions } from "./rule-set";
import type { Vars } from "./types";

export type { CompiledMappings };

const PASS = () => null;

function ruleCompiler(options: RuleOptions): (ruleSet: unknown) => (vars: unknown) => string | null {
  return (ruleSet) => {
    const test = compileRules(ruleSet as Parameters<typeof compileRules>[0], options) ?? PASS;
    return (vars) => test(vars as Vars);
  };
}

/** Outbound (recipient) mappings: `apply(vars).values` is the nested request-variable object. */
export function compileMappings(mappings: readonly Mapping[] | null | undefined, options: RuleOptions): CompiledMappings {
  return compileMappingList(mappings, { compileRuleSet: ruleCompiler(options) });
}

export function compileSourceMappings(mappings: readonly Mapping[] | null | undefined, options: RuleOptions): CompiledMappings {
  return compileInboundMappings(mappings, { compileRuleSet: ruleCompiler(options) });
}

/** The submitted data with the source's mapped fields merged in (a mapped value wins, 03 §3.1). */
export function applySourceMappings(compiled: CompiledMappings, submitted: Readonly<Record<string, unknown>>, context: InboundContext): Record<string, unknown> {
  if (compiled.length === 0) return submitted as Record<string, unknown>;
  return applyInboundMappings(compiled, submitted, context).data;
}

export function applyRecipientMappings(compiled: CompiledMappings, vars: Vars): Record<string, unknown> {
  return compiled.length === 0 ? {} : compiled.apply(vars).values;
}
