/**
 * Compile a template once into a tree of closures over its AST, then render it many times.
 * Closures, not generated source: the template text never becomes JavaScript (NOTES §3.5), and a
 * closure tree keeps simple renders in the tens of nanoseconds.
 *
 * Evaluation modes (spec 03 §2.1):
 *  - literal: no `{{` → the string itself;
 *  - simple: the whole template is one path placeholder → the value at that path, type preserved
 *    (typed object, number, array…), `undefined` when absent;
 *  - handlebars: anything else → a string. One exception, as the spec's examples require: a
 *    template that is exactly one helper call returns that helper's result as is, so
 *    `{{math "1 + 1"}}` and `{{format x dataType="Number"}}` give numbers.
 */
import { TemplateError, positionOf } from "./errors";
import { HELPERS, type HelperOptions } from "./helpers";
import { TemplateParser, type BlockNode, type CallExpr, type Expr, type PathExpr, type TemplateNode } from "./parser";
import {
  DEFAULT_LIMITS,
  limitError,
  lookupScoped,
  newState,
  resolveRoot,
  resolveRootWith,
  RAW_NAMESPACES,
  type DataVars,
  type Frame,
  type RenderState,
  type TemplateLimits,
} from "./runtime";
import { compilePathResolver, resolveSegments, type PathResolver } from "./path";
import { getOwn, isBlockedKey, isPlainObject, isTruthy, toText, walkOwn } from "./values";

export type TemplateMode = "literal" | "simple" | "handlebars";

export interface CompiledTemplate {
  readonly source: string;
  readonly mode: TemplateMode;
  /**
   * Variable paths the template reads from the lead context (dot form, e.g. `lead.email`),
   * excluding paths relative to `#each`/`#with` contexts. Rules use it to skip a rule whose
   * template references an absent variable (spec 02 §6).
   */
  readonly paths: readonly string[];
  /** Non-fatal findings for editors: unknown options, an invalid literal math expression… */
  readonly warnings: readonly string[];
  render(vars: unknown): unknown;
  /** Render and also report which root-level paths were absent on the branches actually taken. */
  renderDetailed(vars: unknown): { value: unknown; missing: string[] };
  /** The entries of `paths` that resolve to nothing in `vars`. */
  missingPaths(vars: unknown): string[];
}

export interface CompileOptions {
  limits?: Partial<TemplateLimits>;
}

type Ev = (s: RenderState) => unknown;
type Renderer = (s: RenderState) => string;

interface Scope {
  /** Inside a context-changing block (`#each`, `#with`): relative paths are not root paths. */
  nested: boolean;
}

class Compiler {
  readonly paths = new Set<string>();
  readonly warnings: string[] = [];
  constructor(
    readonly src: string,
    readonly limits: TemplateLimits,
  ) {}

  private fail(message: string, at: number, kind: TemplateError["kind"] = "helper"): never {
    throw new TemplateError(message, kind, positionOf(this.src, at));
  }

  nodes(list: TemplateNode[], scope: Scope): Renderer {
    const parts: (string | Renderer)[] = [];
    for (const n of list) {
      if (n.type === "text") {
        const last = parts[parts.length - 1];
        if (typeof last === "string") parts[parts.length - 1] = last + n.value;
        else parts.push(n.value);
      } else if (n.type === "mustache") {
        parts.push(this.mustache(n.expr, scope));
      } else {
        parts.push(this.block(n, scope));
      }
    }
    const max = this.limits.maxOutputLength;
    if (parts.length === 0) return () => "";
    if (parts.length === 1) {
      const p = parts[0];
      if (typeof p === "string") return () => p;
      return p;
    }
    return (s) => {
      let out = "";
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i];
        out += typeof p === "string" ? p : p(s);
        if (out.length > max) throw limitError(`Template output longer than ${max} characters`);
      }
      return out;
    };
  }

  mustache(expr: Expr, scope: Scope): Renderer {
    const ev = this.expr(expr, scope, false);
    const max = this.limits.maxOutputLength;
    return (s) => {
      const t = toText(ev(s));
      if (t.length > max) throw limitError(`Template output longer than ${max} characters`);
      return t;
    };
  }

  expr(e: Expr, scope: Scope, raw: boolean): Ev {
    if (e.type === "literal") {
      const v = e.value;
      return () => v;
    }
    if (e.type === "path") return this.path(e, scope, raw);
    return this.call(e, scope);
  }

  path(p: PathExpr, scope: Scope, raw: boolean): Ev {
    const segs = p.segments;
    const dotted = segs.join(".");
    if (p.data) {
      const name = segs[0];
      if (name === "root") {
        const rest = segs.slice(1);
        if (rest.length > 0) this.paths.add(rest.join("."));
        const restDotted = rest.join(".");
        return rest.length === 0 ? (s) => s.root : (s) => resolveRoot(s, rest, restDotted, raw);
      }
      if (name !== "index" && name !== "key" && name !== "first" && name !== "last") {
        this.warnings.push(`@${name} is not a known data variable (use @index, @key, @first, @last or @root)`);
        return () => undefined;
      }
      const key = name as keyof DataVars;
      return (s) => {
        for (let f: Frame | null = s.frame; f !== null; f = f.parent) {
          if (f.data !== null) {
            const v = f.data[key];
            return segs.length === 1 ? v : walkOwn(v, segs, 1);
          }
        }
        return undefined;
      };
    }
    if (p.depth > 0) {
      const depth = p.depth;
      return (s) => {
        let f = s.frame;
        for (let i = 0; i < depth && f !== null; i++) f = f.parent;
        if (f === null) return segs.length === 0 ? s.root : resolveSegments(s.root, segs, raw ? RAW_NAMESPACES : undefined);
        return segs.length === 0 ? f.ctx : walkOwn(f.ctx, segs, 0);
      };
    }
    if (p.explicitThis) {
      if (segs.length === 0) return (s) => (s.frame === null ? s.root : s.frame.ctx);
      return (s) => walkOwn(s.frame === null ? s.root : s.frame.ctx, segs, 0);
    }
    if (!scope.nested) this.paths.add(dotted);
    const resolve = this.resolver(segs, raw);
    return (s) => (s.frame === null ? resolveRootWith(s, resolve, dotted) : lookupScoped(s, segs, dotted, resolve));
  }

  resolver(segs: readonly string[], raw: boolean): PathResolver {
    return compilePathResolver(segs, raw ? RAW_NAMESPACES : undefined);
  }

  call(c: CallExpr, scope: Scope): Ev {
    const def = HELPERS.get(c.name);
    if (!def) this.fail(`Unknown helper "${c.name}"`, c.start);
    const hashMap = new Map(c.hash.map((h) => [h.key, h.value] as const));
    for (const k of hashMap.keys()) {
      if (!def.options.includes(k)) this.warnings.push(`${c.name}: unknown option "${k}" is ignored`);
    }
    let prepared: unknown = null;
    if (def.prepare) {
      try {
        prepared = def.prepare({
          params: c.params,
          hash: hashMap,
          limits: this.limits,
          warn: (m) => this.warnings.push(m),
        });
      } catch (e) {
        if (e instanceof TemplateError) this.fail(e.message, c.start, e.kind);
        throw e;
      }
    }
    if (def.paths && !scope.nested) for (const p of def.paths(prepared)) this.paths.add(p);
    const params = c.params.map((p) => this.expr(p, scope, false));
    const keys = c.hash.map((h) => h.key);
    const values = c.hash.map((h) => this.expr(h.value, scope, false));
    const run = def.run;
    return (s) => {
      const args = new Array<unknown>(params.length);
      for (let i = 0; i < params.length; i++) args[i] = params[i](s);
      // A null-prototype bag: option names come from the template and must not hit Object.prototype.
      const opts: HelperOptions = Object.create(null);
      for (let i = 0; i < keys.length; i++) opts[keys[i]] = values[i](s);
      return run(args, opts, prepared, s);
    };
  }

  block(b: BlockNode, scope: Scope): Renderer {
    const arity = b.params.length;
    if (arity !== 1) this.fail(`{{#${b.name}}} takes exactly one argument, got ${arity}`, b.start, "syntax");
    if (b.blockParams.length > 0 && (b.name === "if" || b.name === "unless")) {
      this.fail(`{{#${b.name}}} does not take block parameters`, b.start, "syntax");
    }
    const known = b.name === "if" || b.name === "unless" ? ["includeZero"] : [];
    for (const h of b.hash) {
      if (!known.includes(h.key)) this.warnings.push(`#${b.name}: unknown option "${h.key}" is ignored`);
    }
    const inverse = b.inverse ? this.nodes(b.inverse, scope) : null;
    switch (b.name) {
      case "if":
      case "unless": {
        const cond = this.expr(b.params[0], scope, false);
        const program = this.nodes(b.program, scope);
        const iz = b.hash.find((h) => h.key === "includeZero");
        const includeZero = iz ? this.expr(iz.value, scope, false) : null;
        const negate = b.name === "unless";
        return (s) => {
          const t = isTruthy(cond(s), includeZero ? isTruthy(includeZero(s)) : false);
          if (t !== negate) return program(s);
          return inverse ? inverse(s) : "";
        };
      }
      case "with": {
        const target = this.expr(b.params[0], scope, true);
        const program = this.nodes(b.program, { nested: true });
        const name = b.blockParams[0];
        return (s) => {
          const v = target(s);
          if (v === undefined || v === null || v === false || v === "" || (Array.isArray(v) && v.length === 0)) {
            return inverse ? inverse(s) : "";
          }
          const outer = s.frame;
          s.frame = { ctx: v, data: null, params: name ? new Map([[name, v]]) : null, parent: outer };
          const out = program(s);
          s.frame = outer;
          return out;
        };
      }
      case "each": {
        const target = this.expr(b.params[0], scope, true);
        const program = this.nodes(b.program, { nested: true });
        const [itemName, indexName] = b.blockParams;
        const max = this.limits.maxOutputLength;
        const maxIter = this.limits.maxEachIterations;
        const step = (s: RenderState, outer: Frame | null, item: unknown, data: DataVars): string => {
          if (++s.iterations > maxIter) throw limitError(`#each ran more than ${maxIter} iterations`);
          let params: Map<string, unknown> | null = null;
          if (itemName) {
            params = new Map([[itemName, item]]);
            if (indexName) params.set(indexName, data.key);
          }
          s.frame = { ctx: item, data, params, parent: outer };
          return program(s);
        };
        return (s) => {
          const v = target(s);
          const outer = s.frame;
          let out = "";
          if (Array.isArray(v)) {
            const n = v.length;
            for (let i = 0; i < n; i++) {
              out += step(s, outer, v[i], { index: i, key: i, first: i === 0, last: i === n - 1 });
              if (out.length > max) throw limitError(`Template output longer than ${max} characters`);
            }
            s.frame = outer;
            if (n > 0) return out;
          } else if (isPlainObject(v)) {
            const keys = Object.keys(v).filter((k) => !isBlockedKey(k));
            const n = keys.length;
            for (let i = 0; i < n; i++) {
              out += step(s, outer, getOwn(v, keys[i]), { index: i, key: keys[i], first: i === 0, last: i === n - 1 });
              if (out.length > max) throw limitError(`Template output longer than ${max} characters`);
            }
            s.frame = outer;
            if (n > 0) return out;
          }
          return inverse ? inverse(s) : "";
        };
      }
    }
  }
}

function resolvedLimits(opts?: CompileOptions): TemplateLimits {
  return opts?.limits ? { ...DEFAULT_LIMITS, ...opts.limits } : DEFAULT_LIMITS;
}

/** Does the string contain a template placeholder? (literal mode otherwise, spec 03 §2.1) */
export function hasTemplate(s: unknown): boolean {
  return typeof s === "string" && s.includes("{{");
}

/**
 * Parse `src` once into an executable template. Throws TemplateError (with line and column) on
 * syntax errors, unknown helpers, invalid literal regexes, unknown literal time zones and
 * templates beyond the size/nesting limits.
 */
export function compileTemplate(src: string, options?: CompileOptions): CompiledTemplate {
  if (typeof src !== "string") throw new TemplateError("A template must be a string");
  const limits = resolvedLimits(options);
  if (!src.includes("{{")) return literalTemplate(src);

  const ast = new TemplateParser(src, {
    isHelper: (n) => HELPERS.has(n),
    maxDepth: limits.maxDepth,
    maxLength: limits.maxTemplateLength,
  }).parse();
  const compiler = new Compiler(src, limits);
  const root: Scope = { nested: false };
  const paths = () => Object.freeze([...compiler.paths]);
  const warnings = () => Object.freeze([...compiler.warnings]);

  const only = ast.length === 1 && ast[0].type === "mustache" ? ast[0].expr : null;
  if (only && only.type === "path") {
    const ev = compiler.expr(only, root, false);
    const t = finish(src, "simple", paths(), warnings(), limits, ev);
    if (!only.data && only.depth === 0 && !only.explicitThis) {
      // The common `{{lead.email}}`: no render state needed at all.
      const resolve = compiler.resolver(only.segments, false);
      return { ...t, render: resolve };
    }
    return t;
  }
  if (only && only.type === "call") {
    const ev = compiler.expr(only, root, false);
    const max = limits.maxOutputLength;
    return finish(src, "handlebars", paths(), warnings(), limits, (s) => {
      const v = ev(s);
      if (typeof v === "number") return v;
      const t = toText(v);
      if (t.length > max) throw limitError(`Template output longer than ${max} characters`);
      return t;
    });
  }
  const body = compiler.nodes(ast, root);
  return finish(src, "handlebars", paths(), warnings(), limits, body);
}

function literalTemplate(src: string): CompiledTemplate {
  return {
    source: src,
    mode: "literal",
    paths: Object.freeze([]),
    warnings: Object.freeze([]),
    render: () => src,
    renderDetailed: () => ({ value: src, missing: [] }),
    missingPaths: () => [],
  };
}

function finish(
  src: string,
  mode: TemplateMode,
  paths: readonly string[],
  warnings: readonly string[],
  limits: TemplateLimits,
  ev: (s: RenderState) => unknown,
): CompiledTemplate {
  const split = paths.map((p) => p.split("."));
  return {
    source: src,
    mode,
    paths,
    warnings,
    render: (vars) => ev(newState(vars, limits, false)),
    renderDetailed(vars) {
      const s = newState(vars, limits, true);
      const value = ev(s);
      return { value, missing: [...new Set(s.missing)] };
    },
    missingPaths(vars) {
      const out: string[] = [];
      for (let i = 0; i < split.length; i++) if (resolveSegments(vars, split[i]) === undefined) out.push(paths[i]);
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Convenience rendering with a bounded compile cache

const CACHE_MAX = 5000;
const cache = new Map<string, CompiledTemplate | TemplateError>();

/** Compile through a bounded cache (least recently compiled templates are dropped first). */
export function compileCached(src: string): CompiledTemplate {
  let hit = cache.get(src);
  if (hit === undefined) {
    try {
      hit = compileTemplate(src);
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      hit = e;
    }
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(src, hit);
  }
  if (hit instanceof TemplateError) throw hit;
  return hit;
}

/**
 * Render a template string against vars (compiling once per distinct string). Literal strings are
 * returned as is without touching the cache. Throws TemplateError like compileTemplate/render.
 */
export function render(src: string, vars: unknown): unknown {
  if (typeof src !== "string" || !src.includes("{{")) return src;
  return compileCached(src).render(vars);
}

export function clearTemplateCache(): void {
  cache.clear();
}
