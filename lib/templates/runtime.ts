/**
 * Render-time state shared by the evaluator and the helpers: the variables, the stack of block
 * contexts (`#each`, `#with`), the per-render budgets, and scope-aware variable lookup.
 */
import { TemplateError } from "./errors";
import { resolveSegments, type PathResolver } from "./path";
import { getOwn, walkOwn } from "./values";

/** Bounds on what one template may cost. All are per template; renders check them as they go. */
export interface TemplateLimits {
  /** Longest rendered string, in UTF-16 code units (default 1 MiB worth: 1,048,576). */
  maxOutputLength: number;
  /** Total `#each` iterations in one render, across all loops (default 10,000). */
  maxEachIterations: number;
  /** Deepest nesting of blocks and subexpressions accepted by the parser (default 64). */
  maxDepth: number;
  /** Longest template source accepted (default 262,144 characters). */
  maxTemplateLength: number;
  /** Longest text a template regex (`replace`, `extract`) is run on (default 16,384). */
  maxRegexSubject: number;
}

export const DEFAULT_LIMITS: Readonly<TemplateLimits> = Object.freeze({
  maxOutputLength: 1_048_576,
  maxEachIterations: 10_000,
  maxDepth: 64,
  maxTemplateLength: 262_144,
  maxRegexSubject: 16_384,
});

export interface DataVars {
  index?: number;
  key?: string | number;
  first?: boolean;
  last?: boolean;
}

/** A block context (`#each` item, `#with` target). The root context has no frame. */
export interface Frame {
  ctx: unknown;
  data: DataVars | null;
  /** Block parameters (`as |item index|`), innermost frame first when looking up. */
  params: Map<string, unknown> | null;
  parent: Frame | null;
}

export interface RenderState {
  root: unknown;
  /** Innermost block context; null at the root (the common case, kept allocation-free). */
  frame: Frame | null;
  iterations: number;
  limits: TemplateLimits;
  /** When collecting, root-level paths that resolved to nothing (spec 02 §6 "absent variable"). */
  missing: string[] | null;
}

export function newState(root: unknown, limits: TemplateLimits, collectMissing: boolean): RenderState {
  return {
    root,
    frame: null,
    iterations: 0,
    limits,
    missing: collectMissing ? [] : null,
  };
}

export function limitError(what: string): TemplateError {
  return new TemplateError(what, "limit");
}

export const RAW_NAMESPACES = { namespaceAsName: false } as const;

/** Resolve at the root with the spec 02 §2 rules, noting absent paths when asked to. */
export function resolveRoot(s: RenderState, segs: readonly string[], dotted: string, raw: boolean): unknown {
  const v = resolveSegments(s.root, segs, raw ? RAW_NAMESPACES : undefined);
  if (v === undefined && s.missing !== null) s.missing.push(dotted);
  return v;
}

/** Resolve with a precompiled root resolver, noting an absent path when collecting. */
export function resolveRootWith(s: RenderState, resolve: PathResolver, dotted: string): unknown {
  const v = resolve(s.root);
  if (v === undefined && s.missing !== null) s.missing.push(dotted);
  return v;
}

/**
 * A plain path (`name.more`) inside blocks: block parameters first, then each enclosing context
 * from the innermost out (Handlebars' compat lookup, so `{{lead.first_name}}` still works inside
 * `{{#each lead.interests}}`), finally the root with the spec 02 §2 rules.
 */
export function lookupScoped(s: RenderState, segs: readonly string[], dotted: string, resolve: PathResolver): unknown {
  const first = segs[0];
  for (let f: Frame | null = s.frame; f !== null; f = f.parent) {
    if (f.params !== null && f.params.has(first)) return walkOwn(f.params.get(first), segs, 1);
    const v = getOwn(f.ctx, first);
    if (v !== undefined) return segs.length === 1 ? v : walkOwn(v, segs, 1);
  }
  return resolveRootWith(s, resolve, dotted);
}

/** Look a dotted variable up from wherever the render currently is (used by `math`). */
export function lookupVariable(s: RenderState, segs: readonly string[], dotted: string): unknown {
  if (s.frame === null) return resolveRoot(s, segs, dotted, false);
  return lookupScoped(s, segs, dotted, (vars) => resolveSegments(vars, segs));
}
