// The rule engine (spec 02): compile a rule set once, evaluate it many times; `null` = pass,
// otherwise a reason string.
//
// Browser code (the rule builder) should import the light modules directly — `./operators`,
// `./reason`, `./list`, `./types` — which do not pull in the template language or type parsers.

import { compile } from "./compile";
import type { CompileOptions, CompiledRuleSet, Vars } from "./types";

export { compile, validateRuleSet, isRuleSetShape, RuleCompileError, MAX_DEPTH } from "./compile";
export { compileLastMatch, type RuleGuarded } from "./pricing";
export { describeRuleSet, labelFor, reasonFor, rhvText } from "./reason";
export { toList } from "./list";
export {
  OPERATORS,
  BINARY_OPERATORS,
  UNARY_OPERATORS,
  operatorInfo,
  isOperator,
  isBinaryOperator,
  isUnaryOperator,
  type Operator,
  type BinaryOperator,
  type UnaryOperator,
  type OperatorInfo,
  type Arity,
} from "./operators";
export { DEFAULT_OBSCENE_WORDS } from "./obscene-words";
export type { CompileOptions, CompiledRuleSet, Issue, Rhv, Rule, RuleOrSet, RuleSet, Vars } from "./types";

// Compiled closures per rule-set object and per options object. Rule sets from a deployed flow
// version are immutable and long-lived, so identity is the cheapest sound key; WeakMaps let both
// be collected with the flow version. Mutating a rule set after evaluating it is not supported.
const NO_OPTIONS = {};
const cache = new WeakMap<object, WeakMap<object, CompiledRuleSet>>();

function runtimeOptions(options: CompileOptions | undefined): CompileOptions {
  return { ...options, strict: options?.strict ?? false };
}

/**
 * Evaluate a rule or rule set against the vars: `null` when it passes, else the reason.
 * Runtime semantics of spec 02 §6, i.e. non-strict by default: templates that do not compile
 * skip their rule, unknown operators fail with `Unknown operator "<op>"`. Compiles on first use
 * and caches by object identity (pass the same `options` object to reuse the cache).
 */
export function evaluate(ruleOrSet: unknown, vars: Vars, options?: CompileOptions): string | null {
  if (ruleOrSet === null || ruleOrSet === undefined) return null;
  if (typeof ruleOrSet !== "object") return compile(ruleOrSet, runtimeOptions(options))(vars);
  let byOptions = cache.get(ruleOrSet);
  if (!byOptions) {
    byOptions = new WeakMap();
    cache.set(ruleOrSet, byOptions);
  }
  const key = options ?? NO_OPTIONS;
  let fn = byOptions.get(key);
  if (!fn) {
    try {
      fn = compile(ruleOrSet, runtimeOptions(options));
    } catch (e) {
      // Structurally broken: remember that too, rather than recompiling it for every lead.
      fn = () => {
        throw e;
      };
    }
    byOptions.set(key, fn);
  }
  return fn(vars);
}

/**
 * Pricing helper (spec 04 §3): the last entry whose `rule_set` passes, or `undefined`.
 * Uses the same non-strict semantics and cache as `evaluate`.
 */
export function lastMatch<T extends object>(
  entries: readonly T[],
  vars: Vars,
  options?: CompileOptions,
): T | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (evaluate((entries[i] as { rule_set?: unknown } | null)?.rule_set, vars, options) === null) return entries[i];
  }
  return undefined;
}
