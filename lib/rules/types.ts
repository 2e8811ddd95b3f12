import type { Operator } from "./operators";

/** Right-hand value as stored (spec 02 §1): string, number, boolean or an array of strings. */
export type Rhv = string | number | boolean | ReadonlyArray<string | number>;

export interface Rule {
  id?: string | null;
  lhv: string;
  op: Operator | string;
  rhv?: Rhv | null;
  rule_set?: RuleSet | null;
}

export interface RuleSet {
  id?: string | null;
  op: "and" | "or";
  rules: ReadonlyArray<Rule | RuleSet>;
}

/** What `compile`/`evaluate` accept: a rule, a rule set, or nothing (passes). */
export type RuleOrSet = Rule | RuleSet | null | undefined;

/** Variables of the lead context (spec 03 §1). */
export type Vars = Readonly<Record<string, unknown>>;

/** A compiled rule set: `null` when it passes, otherwise the failure reason. */
export type CompiledRuleSet = (vars: Vars) => string | null;

export interface Issue {
  /** Dotted path of the offending part, e.g. `rules.2.rule_set.rules.0.op`. */
  path: string;
  message: string;
}

export interface CompileOptions {
  /**
   * Strict (default): any problem (unknown operator, missing rhv, bad template, invalid regex,
   * unparseable range, wrong types) throws a `RuleCompileError`. Use it when saving a flow.
   *
   * Non-strict: for documents already stored (legacy imports, older versions). Only structural
   * garbage throws; the evaluation-time behaviour of spec 02 §6 applies instead: a template that
   * does not compile makes its rule skipped, an unknown operator fails with
   * `Unknown operator "<op>"`, an invalid regex makes both pattern operators false.
   */
  strict?: boolean;
  /** Field id → display name, used for failure-reason labels (spec 02 §6). */
  fieldNames?: Readonly<Record<string, string>>;
  /** Extra words for `is obscene`, added to the shipped list (account additions). */
  obsceneWords?: readonly string[];
  /** Prefix for issue paths, e.g. `steps.2.rule_set`, so errors point into the whole document. */
  pathPrefix?: string;
}
