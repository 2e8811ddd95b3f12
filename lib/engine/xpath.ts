// An XPath subset for XML responses (05 §4): `/r/status/text()`, `//error`, `/r/items/item[2]`,
// `/r/item[@type='x']/@id`, `*`, `.`, `..`. Results are the matched strings (element text,
// text nodes, attribute values) in document order.

import { type ElementNode, childElements, descendants, textContent } from "./markup-tree";

type Predicate =
  | { kind: "index"; n: number }
  | { kind: "last" }
  | { kind: "attr"; name: string; value: string | null }
  | { kind: "child"; name: string; value: string };

interface Step {
  axis: "child" | "descendant";
  test: string; // element name, "*", "text()", "@name", "@*", ".", ".."
  predicates: Predicate[];
}

const cache = new Map<string, Step[] | null>();

function parsePredicate(src: string): Predicate | null {
  const s = src.trim();
  if (/^\d+$/.test(s)) return { kind: "index", n: Number(s) };
  if (s === "last()") return { kind: "last" };
  let m = /^@([\w:.-]+|\*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?$/.exec(s);
  if (m) return { kind: "attr", name: m[1], value: m[2] ?? m[3] ?? null };
  m = /^([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')$/.exec(s);
  if (m) return { kind: "child", name: m[1], value: m[2] ?? m[3] ?? "" };
  return null;
}

/** Parsed steps, or null when the expression is outside the subset. */
export function compileXPath(expr: string): Step[] | null {
  const cached = cache.get(expr);
  if (cached !== undefined) return cached;
  const steps: Step[] = [];
  let rest = expr.trim();
  let ok = rest.length > 0;
  let axis: Step["axis"] = "child";
  if (rest.startsWith("//")) {
    axis = "descendant";
    rest = rest.slice(2);
  } else if (rest.startsWith("/")) rest = rest.slice(1);
  while (ok && rest.length > 0) {
    const m = /^(text\(\)|@[\w:.-]+|@\*|\*|\.\.|\.|[\w:.-]+)((?:\[[^\]]*\])*)/.exec(rest);
    if (!m) {
      ok = false;
      break;
    }
    const predicates: Predicate[] = [];
    for (const p of m[2].matchAll(/\[([^\]]*)\]/g)) {
      const pred = parsePredicate(p[1]);
      if (!pred) ok = false;
      else predicates.push(pred);
    }
    steps.push({ axis, test: m[1], predicates });
    rest = rest.slice(m[0].length);
    if (rest.startsWith("//")) {
      axis = "descendant";
      rest = rest.slice(2);
    } else if (rest.startsWith("/")) {
      axis = "child";
      rest = rest.slice(1);
    } else if (rest.length > 0) ok = false;
  }
  const result = ok && steps.length > 0 ? steps : null;
  if (cache.size > 1000) cache.clear();
  cache.set(expr, result);
  return result;
}

function applyPredicates(nodes: ElementNode[], predicates: Predicate[]): ElementNode[] {
  let out = nodes;
  for (const p of predicates) {
    switch (p.kind) {
      case "index":
        out = p.n >= 1 && p.n <= out.length ? [out[p.n - 1]] : [];
        break;
      case "last":
        out = out.length > 0 ? [out[out.length - 1]] : [];
        break;
      case "attr":
        out = out.filter((el) =>
          p.name === "*"
            ? Object.keys(el.attrs).length > 0
            : Object.hasOwn(el.attrs, p.name) && (p.value === null || el.attrs[p.name] === p.value),
        );
        break;
      case "child":
        out = out.filter((el) => childElements(el).some((c) => c.name === p.name && textContent(c).trim() === p.value));
        break;
    }
  }
  return out;
}

/** Evaluate on a document node from parseXml; absent expression parts give an empty result. */
export function evaluateXPath(root: ElementNode, expr: string): string[] {
  const steps = compileXPath(expr);
  if (!steps) return [];
  let context: ElementNode[] = [root];
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s];
    const last = s === steps.length - 1;
    if (step.test === "text()" || step.test.startsWith("@")) {
      // Value steps end the path: text nodes or attribute values of the context (or its descendants).
      const pool = step.axis === "descendant" ? context.flatMap((c) => [c, ...descendants(c)]) : context;
      const values: string[] = [];
      for (const el of pool) {
        if (step.test === "text()") {
          for (const c of el.children) if (c.kind === "text") values.push(c.text);
        } else if (step.test === "@*") values.push(...Object.values(el.attrs));
        else if (Object.hasOwn(el.attrs, step.test.slice(1))) values.push(el.attrs[step.test.slice(1)]);
      }
      return last ? values : [];
    }
    const next: ElementNode[] = [];
    for (const el of context) {
      let candidates: ElementNode[];
      if (step.test === ".") candidates = step.axis === "descendant" ? [el, ...descendants(el)] : [el];
      else if (step.test === "..") candidates = el.parent ? [el.parent] : [];
      else {
        const pool = step.axis === "descendant" ? descendants(el) : childElements(el);
        candidates = step.test === "*" ? pool : pool.filter((c) => c.name === step.test);
      }
      for (const c of applyPredicates(candidates, step.predicates)) if (!next.includes(c)) next.push(c);
    }
    context = next;
  }
  return context.map((el) => textContent(el));
}
