// Pricing aggregation (spec 04 §3.1): every price entry is considered and the LAST matching entry
// wins — the opposite of the first-failure rule elsewhere. An entry without a rule set (or with an
// empty one) always matches.

import { compile } from "./compile";
import type { CompileOptions, Vars } from "./types";

export interface RuleGuarded {
  rule_set?: unknown;
}

/**
 * Compile a list of rule-guarded entries (price entries, or anything else where the last match
 * wins). The result returns the last entry whose rule set passes, or `undefined` when none does
 * (the layer "yields nothing", spec 04 §3.2). Issue paths read `<pathPrefix>.<i>.rule_set…`.
 */
export function compileLastMatch<T extends object>(
  entries: readonly T[],
  options?: CompileOptions,
): (vars: Vars) => T | undefined {
  const prefix = options?.pathPrefix ?? "";
  const tests = entries.map((e, i) =>
    compile((e as RuleGuarded | null)?.rule_set, { ...options, pathPrefix: prefix === "" ? `${i}.rule_set` : `${prefix}.${i}.rule_set` }),
  );
  const list = [...entries];
  return (vars) => {
    // Evaluation is pure, so scanning from the end finds the same winner with less work.
    for (let i = list.length - 1; i >= 0; i--) if (tests[i](vars) === null) return list[i];
    return undefined;
  };
}
