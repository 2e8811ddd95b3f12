// Applying a mapping list (03 §3) to the vars, compiled once per flow version: rule sets and
// value templates are compiled here, each lead only renders. The result is flat (property →
// value); request-body.ts turns dotted properties into documents.
// (Engine-local until lib/mappings publishes mapping application; see the report.)

import type { Mapping } from "@/lib/schemas/flow";
import { compileRuleSet, compileTemplate, type CompiledRuleSet } from "./deps";
import type { Vars } from "./types";

type Render = (vars: Vars) => unknown;

interface CompiledMapping {
  property: string;
  test: CompiledRuleSet | null;
  render: Render;
  /** A configured literal `""` is applied although it is blank (03 §3 step 2). */
  literalEmpty: boolean;
}

export interface CompiledMappings {
  readonly size: number;
  /** Request (or field) variables by property, later mappings overwriting earlier ones. */
  apply(vars: Vars): Record<string, unknown>;
}

const SKIP_RENDER: Render = () => undefined;

function compileValue(value: Mapping["value"]): Render {
  if (value === null) return SKIP_RENDER;
  if (typeof value === "number") return () => value;
  if (Array.isArray(value)) {
    const parts = value.map((v) => compileValue(v));
    return (vars) => parts.map((p) => p(vars)).filter((v) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === ""));
  }
  if (!value.includes("{{")) return () => value;
  try {
    const t = compileTemplate(value);
    return (vars) => t.render(vars);
  } catch {
    // A template that does not compile is a failing mapping: skipped (03 §3 step 4).
    return SKIP_RENDER;
  }
}

export function compileMappings(
  mappings: readonly Mapping[] | null | undefined,
  ruleOptions: { fieldNames?: Readonly<Record<string, string>> },
): CompiledMappings {
  const compiled: CompiledMapping[] = (mappings ?? []).map((m) => {
    let test: CompiledRuleSet | null = null;
    if (m.rule_set && Array.isArray(m.rule_set.rules) && m.rule_set.rules.length > 0) {
      try {
        test = compileRuleSet(m.rule_set, { strict: false, fieldNames: ruleOptions.fieldNames });
      } catch {
        // Structurally broken rules never pass: the mapping is skipped rather than applied blindly.
        test = () => "Invalid rule set";
      }
    }
    return { property: m.property.trim(), test, render: compileValue(m.value), literalEmpty: m.value === "" };
  });
  return {
    size: compiled.length,
    apply(vars) {
      const out: Record<string, unknown> = {};
      for (const m of compiled) {
        if (m.test !== null && m.test(vars) !== null) continue;
        if (m.literalEmpty) {
          out[m.property] = "";
          continue;
        }
        let v: unknown;
        try {
          v = m.render(vars);
        } catch {
          continue;
        }
        if (v === undefined || v === null) continue;
        if (typeof v === "string") {
          v = v.trim();
          if (v === "") continue;
        }
        if (Array.isArray(v) && v.length === 0) continue;
        out[m.property] = v;
      }
      return out;
    },
  };
}
