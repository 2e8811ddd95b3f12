/**
 * Mappings (spec 03 §3): `{property, value, rule_set?}` lists that set properties from templates.
 *
 * Per list, in order: a mapping whose `rule_set` fails is skipped; the value is rendered; an
 * absent/null result or a string blank after trimming is skipped — except a configured literal
 * `""`, which is applied; strings are trimmed; the result is assigned to `property`, later
 * mappings overwriting earlier ones; a mapping that fails (bad template, render error, rule
 * engine error) is skipped and reported, and the rest continue.
 *
 * The rule engine is injected (`compileRuleSet`), so this module does not depend on lib/rules.
 */
import { compileTemplate, isBlank, isTypedValue, TemplateError, type CompileOptions, type CompiledTemplate } from "@/lib/templates";
import { formatProperty, MappingError, parseProperty, type PropertySegment } from "./property";
import { AssignmentTree } from "./tree";
import { isPlainObject, isBlockedKey } from "@/lib/templates";

export interface Mapping {
  id?: string;
  property: string;
  /** A template string, a number, `null`, or an array of template strings (spec 03 §3). */
  value: unknown;
  rule_set?: unknown;
}

/** The rule engine's compile: `(ruleSet) => (vars) => null (pass) | reason` (spec 02). */
export type RuleSetCompiler = (ruleSet: unknown) => (vars: unknown) => string | null;

export interface CompileMappingsOptions {
  /** Needed when any mapping has a `rule_set`; such a mapping fails without it. */
  compileRuleSet?: RuleSetCompiler;
  /**
   * `inbound` (source mappings, spec 03 §3.1): properties are flow field ids, with or without a
   * `lead.` prefix, which is dropped. `outbound` (default): recipient request variables.
   */
  direction?: "inbound" | "outbound";
  template?: CompileOptions;
}

export interface MappingIssue {
  /** Position of the mapping in the list. */
  index: number;
  id?: string;
  property: string;
  stage: "property" | "value" | "rule_set" | "render";
  message: string;
}

export interface AppliedMapping {
  index: number;
  id?: string;
  property: string;
}

export interface MappingResult {
  /** The assigned properties as one nested object (`header.X-Key` → `{header: {"X-Key": …}}`). */
  values: Record<string, unknown>;
  /** Mappings whose value was assigned, in order. */
  applied: AppliedMapping[];
  /** Mappings skipped because they failed (compile problems are repeated on every apply). */
  errors: MappingIssue[];
}

export interface CompiledMappings {
  readonly direction: "inbound" | "outbound";
  readonly length: number;
  /** Problems found while compiling (those mappings never apply). Empty for a valid list. */
  readonly issues: readonly MappingIssue[];
  /** Template warnings (unknown helper options, invalid math…), for editors. */
  readonly warnings: readonly { index: number; property: string; message: string }[];
  apply(vars: unknown): MappingResult;
}

type ValueRenderer = (vars: unknown) => unknown;
const SKIP = Symbol("skip");

interface Entry {
  index: number;
  id?: string;
  property: string;
  segs: PropertySegment[] | null;
  render: ValueRenderer | null;
  /** The configured value is exactly "" (applied as is, spec 03 §3 step 2). */
  literalEmpty: boolean;
  rule: ((vars: unknown) => string | null) | null;
  issue: MappingIssue | null;
}

/** Normalize one rendered value: trim strings, drop blanks, keep typed values and numbers. */
function settle(v: unknown): unknown {
  if (v === undefined || v === null) return SKIP;
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? SKIP : t;
  }
  if (typeof v === "number") return Number.isFinite(v) ? v : SKIP;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const s = settle(x);
      if (s !== SKIP) out.push(s);
    }
    return out.length === 0 ? SKIP : out;
  }
  if (isTypedValue(v) && isBlank(v)) return SKIP;
  return v;
}

function compileValue(value: unknown, opts: CompileOptions | undefined, warn: (m: string) => void): ValueRenderer {
  const one = (v: unknown): ValueRenderer => {
    if (typeof v === "string") {
      const t: CompiledTemplate = compileTemplate(v, opts);
      for (const w of t.warnings) warn(w);
      return t.mode === "literal" ? () => v : (vars) => t.render(vars);
    }
    if (v === null || v === undefined || typeof v === "number" || typeof v === "boolean") return () => v;
    throw new MappingError("value must be a string, a number, null or an array of strings");
  };
  if (Array.isArray(value)) {
    const parts = value.map(one);
    return (vars) => parts.map((p) => p(vars));
  }
  return one(value);
}

function stripLeadPrefix(segs: PropertySegment[], property: string): PropertySegment[] {
  if (segs.length > 1 && segs[0].key === "lead" && !segs[0].index) return segs.slice(1);
  if (segs.length === 1 && segs[0].key === "lead") throw new MappingError(`property "${property}" must name a field`);
  return segs;
}

/** Compile a mapping list once (per flow version); apply it to many leads. Never throws for a bad entry. */
export function compileMappings(mappings: readonly Mapping[] | null | undefined, options: CompileMappingsOptions = {}): CompiledMappings {
  const direction = options.direction ?? "outbound";
  const list = Array.isArray(mappings) ? mappings : [];
  const warnings: { index: number; property: string; message: string }[] = [];
  const entries: Entry[] = list.map((m, index): Entry => {
    const mapping = (isPlainObject(m) ? m : {}) as Partial<Mapping>;
    const property = typeof mapping.property === "string" ? mapping.property : "";
    const id = typeof mapping.id === "string" ? mapping.id : undefined;
    const entry: Entry = { index, id, property, segs: null, render: null, literalEmpty: mapping.value === "", rule: null, issue: null };
    const fail = (stage: MappingIssue["stage"], message: string): Entry => {
      entry.issue = { index, id, property, stage, message };
      return entry;
    };
    try {
      const segs = parseProperty(property);
      entry.segs = direction === "inbound" ? stripLeadPrefix(segs, property) : segs;
    } catch (e) {
      return fail("property", (e as Error).message);
    }
    if (!Object.prototype.hasOwnProperty.call(mapping, "value")) return fail("value", "value is required");
    try {
      entry.render = compileValue(mapping.value, options.template, (message) => warnings.push({ index, property, message }));
    } catch (e) {
      if (e instanceof TemplateError || e instanceof MappingError) return fail("value", e.message);
      throw e;
    }
    const ruleSet = mapping.rule_set;
    if (ruleSet !== undefined && ruleSet !== null) {
      if (!options.compileRuleSet) return fail("rule_set", "rule_set given but no rule engine was provided");
      try {
        entry.rule = options.compileRuleSet(ruleSet);
      } catch (e) {
        return fail("rule_set", `rule_set does not compile: ${(e as Error).message}`);
      }
    }
    return entry;
  });
  const issues = entries.flatMap((e) => (e.issue ? [e.issue] : []));

  return {
    direction,
    length: entries.length,
    issues,
    warnings,
    apply(vars: unknown): MappingResult {
      const tree = new AssignmentTree();
      const applied: AppliedMapping[] = [];
      const errors: MappingIssue[] = [];
      for (const e of entries) {
        if (e.issue) {
          errors.push(e.issue);
          continue;
        }
        if (e.rule) {
          let reason: string | null;
          try {
            reason = e.rule(vars);
          } catch (err) {
            errors.push({ index: e.index, id: e.id, property: e.property, stage: "rule_set", message: (err as Error).message });
            continue;
          }
          if (reason !== null) continue;
        }
        let value: unknown;
        try {
          value = e.render!(vars);
        } catch (err) {
          errors.push({ index: e.index, id: e.id, property: e.property, stage: "render", message: (err as Error).message });
          continue;
        }
        const settled = e.literalEmpty ? "" : settle(value);
        if (settled === SKIP) continue;
        tree.set(e.segs!, settled);
        applied.push({ index: e.index, id: e.id, property: e.property });
      }
      return { values: tree.toObject(), applied, errors };
    },
  };
}

/** `compiled.apply(vars)`: outbound recipient mappings against all vars at that point (spec 03 §3.2). */
export function applyMappings(compiled: CompiledMappings, vars: unknown): MappingResult {
  return compiled.apply(vars);
}

/** Save-time check of a mapping list: every compile problem (property, value, template, rule set). */
export function validateMappings(mappings: readonly Mapping[] | null | undefined, options: CompileMappingsOptions = {}): MappingIssue[] {
  return [...compileMappings(mappings, options).issues];
}

// ---------------------------------------------------------------------------------------------
// Inbound (source) mappings, spec 03 §3.1

export interface InboundContext {
  submission?: unknown;
  source?: unknown;
  flow?: unknown;
  account?: unknown;
}

export interface InboundResult {
  /** The submitted data with the mapped values merged in (a mapped value wins over a submitted key). */
  data: Record<string, unknown>;
  applied: AppliedMapping[];
  errors: MappingIssue[];
}

/** Compile a source's inbound mappings (properties are field ids; `lead.` prefix optional). */
export function compileInboundMappings(
  mappings: readonly Mapping[] | null | undefined,
  options: Omit<CompileMappingsOptions, "direction"> = {},
): CompiledMappings {
  return compileMappings(mappings, { ...options, direction: "inbound" });
}

/**
 * The template context of inbound mappings: the submitted data's top-level keys plus `submission`,
 * `source`, `flow` and `account`. The reserved namespaces win over submitted keys of the same name
 * (they are resolved literally everywhere, spec 02 §2).
 */
export function inboundTemplateContext(submitted: unknown, context: InboundContext = {}): Record<string, unknown> {
  const ctx: Record<string, unknown> = {};
  if (isPlainObject(submitted)) {
    for (const k of Object.keys(submitted)) {
      if (!isBlockedKey(k)) ctx[k] = submitted[k];
    }
  }
  for (const k of ["submission", "source", "flow", "account"] as const) {
    if (context[k] !== undefined) ctx[k] = context[k];
  }
  return ctx;
}

function mergeInto(base: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isPlainObject(base)) {
    for (const k of Object.keys(base)) if (!isBlockedKey(k)) out[k] = base[k];
  }
  for (const k of Object.keys(patch)) {
    const p = patch[k];
    const b = out[k];
    out[k] = isPlainObject(p) && !isTypedValue(p) && isPlainObject(b) && !isTypedValue(b) ? mergeInto(b, p) : p;
  }
  return out;
}

/** Apply inbound mappings to submitted data (before fields are filtered and typed, spec 00 §2 step 6). */
export function applyInboundMappings(compiled: CompiledMappings, submitted: unknown, context: InboundContext = {}): InboundResult {
  const res = compiled.apply(inboundTemplateContext(submitted, context));
  return { data: mergeInto(submitted, res.values), applied: res.applied, errors: res.errors };
}

export { formatProperty, parseProperty, MappingError, type PropertySegment };
