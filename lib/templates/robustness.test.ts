import { describe, expect, it } from "vitest";
import { compilePathResolver, compileTemplate, resolvePath, TemplateError } from "@/lib/templates";

// Deterministic pseudo-random numbers so a failure reproduces.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const vars = {
  lead: { a: 1, b: "x", c: [1, 2, { d: "e" }], t: { normal: "N", raw: "r", valid: true }, price: 3 },
  appended: { svc: { ok: true }, a: "appended-a" },
  submission: { timestamp: "2024-01-15T15:00:00.000Z" },
  source: { name: "S" },
  price: 9,
  top: "T",
};

describe("compilePathResolver agrees with resolvePath", () => {
  const paths = [
    "lead", "lead.a", "lead.c.2.d", "lead.c.9", "a", "b", "svc.ok", "appended.a", "source", "source.name",
    "timestamp", "timestamp.x", "price", "top", "missing", "lead.t.normal", "c.0", "__proto__", "lead.constructor",
    "flow", "submission.timestamp", "x.y.z", "lead.c.length",
  ];
  for (const p of paths) {
    it(p, () => {
      expect(compilePathResolver(p)(vars)).toEqual(resolvePath(vars, p));
      expect(compilePathResolver(p, { namespaceAsName: false })(vars)).toEqual(resolvePath(vars, p, { namespaceAsName: false }));
    });
  }
});

describe("random input never escapes as anything but TemplateError", () => {
  const pieces = [
    "{{", "}}", "{{{", "}}}", "{{#if ", "{{#each ", "{{#with ", "{{/if}}", "{{/each}}", "{{/with}}", "{{else}}",
    "{{else if ", "lead.a", "lead.c", "this", "../", "@index", "@root.lead.b", "(", ")", '"', "'", "=", "~",
    "format ", "math ", '"1 + lead.a"', "md5 ", "replace ", 'pattern="regexp(a+)"', "x", " ", "\\", "!", "--",
    "as |i|", "[", "]", ".", "0", "-1", "true", "{{!", "substring ", 'start="2"', "uppercase ",
  ];
  it("5,000 random templates", () => {
    const next = rng(42);
    let compiled = 0;
    for (let n = 0; n < 5000; n++) {
      let src = "";
      const len = 1 + Math.floor(next() * 12);
      for (let i = 0; i < len; i++) src += pieces[Math.floor(next() * pieces.length)];
      let t;
      try {
        t = compileTemplate(src);
      } catch (e) {
        expect(e, src).toBeInstanceOf(TemplateError);
        continue;
      }
      compiled++;
      try {
        t.render(vars);
        t.renderDetailed(vars);
      } catch (e) {
        expect(e, src).toBeInstanceOf(TemplateError);
      }
    }
    expect(compiled).toBeGreaterThan(100);
  });
});
