import { describe, expect, it } from "vitest";
import { compileTemplate, hasTemplate, render, TemplateError } from "@/lib/templates";

const phone = {
  normal: "5127891111",
  raw: "(512) 789-1111",
  valid: true,
  area: "512",
  exchange: "789",
  line: "1111",
  number: "7891111",
};
const vars = {
  lead: {
    id: "63cc6f0e55254d7d1c4c3037",
    random_number: 42,
    first_name: "Mike",
    last_name: "Lee",
    age: 30,
    is_test: { normal: false, raw: "no", valid: true },
    email: { normal: "ann@example.com", raw: "ANN@Example.com", valid: true, domain: "example.com" },
    state: { normal: "TX", name: "Texas", raw: "texas", valid: true },
    phone_1: phone,
    interests: ["Solar", "Roofing"],
    empty_list: [],
    address: { city: "Austin", zip: "78704" },
  },
  submission: { timestamp: "2024-01-15T15:00:00.000Z", ip: "203.0.113.9" },
  source: { id: "s1", name: "Vendor A" },
  flow: { id: "f1", name: "TX Solar" },
  appended: { acme_crm: { outcome: "success", id: "00Q1" }, suppressionlist: { query_item: { found: false } } },
  event_id: "63cc6f0e55254d7d1c4c3040",
};

describe("evaluation modes (spec 03 §2.1)", () => {
  it("literal: no {{ returns the string unchanged", () => {
    const t = compileTemplate("Hello world");
    expect(t.mode).toBe("literal");
    expect(t.render(vars)).toBe("Hello world");
    expect(t.paths).toEqual([]);
    expect(render("lead.state", vars)).toBe("lead.state");
  });

  it("simple variable returns the actual value with its type", () => {
    expect(compileTemplate("{{lead.phone_1}}").mode).toBe("simple");
    expect(render("{{lead.phone_1}}", vars)).toBe(phone); // spec 03 §2.3: the typed phone object
    expect(render("{{lead.age}}", vars)).toBe(30);
    expect(render("{{lead.interests}}", vars)).toEqual(["Solar", "Roofing"]);
    expect(render("{{lead.is_test}}", vars)).toEqual(vars.lead.is_test);
    expect(render("{{lead}}", vars)).toBe(vars.lead);
  });

  it("simple variable allows whitespace inside the braces", () => {
    expect(compileTemplate("{{ lead.email }}").mode).toBe("simple");
    expect(render("{{ lead.email }}", vars)).toBe(vars.lead.email);
    expect(render("{{{lead.age}}}", vars)).toBe(30);
  });

  it("simple variable returns undefined when absent", () => {
    expect(render("{{lead.phone_2}}", vars)).toBeUndefined();
    expect(render("{{nothing.at.all}}", vars)).toBeUndefined();
  });

  it("handlebars mode returns a string: typed → normal, absent → '', arrays comma-joined", () => {
    expect(render("Call {{lead.phone_1}}", vars)).toBe("Call 5127891111");
    expect(render("({{lead.phone_1.area}}) {{lead.phone_1.exchange}}-{{lead.phone_1.line}}", vars)).toBe("(512) 789-1111");
    expect(render("x{{lead.phone_2}}y", vars)).toBe("xy");
    expect(render("[{{lead.interests}}]", vars)).toBe("[Solar,Roofing]");
    expect(render("{{lead.age}} years", vars)).toBe("30 years");
    expect(render("{{lead.is_test}}!", vars)).toBe("false!");
    expect(render(" {{lead.age}}", vars)).toBe(" 30");
  });

  it("does not HTML-escape", () => {
    const v = { lead: { company: `Smith & <Sons> "Co" 'x'` } };
    expect(render("{{lead.company}}!", v)).toBe(`Smith & <Sons> "Co" 'x'!`);
    expect(render("{{{lead.company}}}!", v)).toBe(`Smith & <Sons> "Co" 'x'!`);
  });

  it("a template that is one helper call returns the helper's result (numbers stay numbers)", () => {
    expect(render('{{math "1 + 1"}}', vars)).toBe(2);
    expect(render('{{uppercase lead.first_name}}', vars)).toBe("MIKE");
    expect(render('{{math "1 + 1"}} apples', vars)).toBe("2 apples");
  });

  it("plain objects render as JSON in strings, with typed values as their normal", () => {
    expect(render("{{lead.address}}.", vars)).toBe('{"city":"Austin","zip":"78704"}.');
    expect(render("{{source}}.", { source: { id: "x" } })).toBe('{"id":"x"}.');
  });

  it("hasTemplate", () => {
    expect(hasTemplate("a {{b}}")).toBe(true);
    expect(hasTemplate("plain")).toBe(false);
    expect(hasTemplate(5)).toBe(false);
  });
});

describe("paths inside templates follow spec 02 §2", () => {
  it("bare field names resolve under lead, then appended", () => {
    expect(render("{{state}}", vars)).toBe(vars.lead.state);
    expect(render("{{phone_1.area}}", vars)).toBe("512");
    expect(render("{{acme_crm.outcome}}", vars)).toBe("success");
    expect(render("{{suppressionlist.query_item.found}}", vars)).toBe(false);
  });

  it("timestamp is submission.timestamp; a bare source/flow is its name", () => {
    expect(render("{{timestamp}}", vars)).toBe("2024-01-15T15:00:00.000Z");
    expect(render("From {{source}} in {{flow}}", vars)).toBe("From Vendor A in TX Solar");
    expect(render("{{source.id}}", vars)).toBe("s1");
  });

  it("array indexes: dot, bracket and Handlebars segment-literal forms", () => {
    expect(render("{{lead.interests.0}}", vars)).toBe("Solar");
    expect(render("{{lead.interests[1]}}", vars)).toBe("Roofing");
    expect(render("{{lead.interests.[1]}}", vars)).toBe("Roofing");
    expect(render("{{lead.interests.length}}", vars)).toBe(2);
    expect(render("{{lead.interests.5}}", vars)).toBeUndefined();
  });

  it("@root reaches the lead context from anywhere", () => {
    expect(render("{{#each lead.interests}}{{@root.lead.first_name}}{{/each}}", vars)).toBe("MikeMike");
  });
});

describe("block helpers", () => {
  it("#if / else with typed values judged by their normal", () => {
    expect(render("{{#if lead.phone_1}}{{lead.phone_1}}{{else}}N/A{{/if}}", vars)).toBe("5127891111");
    expect(render("{{#if lead.phone_2}}{{lead.phone_2}}{{else}}N/A{{/if}}", vars)).toBe("N/A");
    expect(render("{{#if lead.is_test}}test{{else}}live{{/if}}", vars)).toBe("live");
    expect(render("{{#if lead.empty_list}}x{{else}}empty{{/if}}", vars)).toBe("empty");
    expect(render("{{#if 0}}x{{else}}zero{{/if}}", vars)).toBe("zero");
    expect(render("{{#if 0 includeZero=true}}x{{else}}zero{{/if}}", vars)).toBe("x");
  });

  it("else-if chains", () => {
    const t = compileTemplate("{{#if lead.a}}A{{else if lead.b}}B{{else unless lead.c}}notC{{else}}C{{/if}}");
    expect(t.render({ lead: { a: 1 } })).toBe("A");
    expect(t.render({ lead: { b: 1 } })).toBe("B");
    expect(t.render({ lead: {} })).toBe("notC");
    expect(t.render({ lead: { c: 1 } })).toBe("C");
  });

  it("#unless", () => {
    expect(render("{{#unless lead.phone_2}}no phone 2{{/unless}}", vars)).toBe("no phone 2");
    expect(render("{{#unless lead.phone_1}}x{{else}}has{{/unless}}", vars)).toBe("has");
  });

  it("#each over arrays with @index @first @last, this and block params", () => {
    expect(render("{{#each lead.interests}}{{@index}}:{{this}}{{#unless @last}}, {{/unless}}{{/each}}", vars)).toBe(
      "0:Solar, 1:Roofing",
    );
    expect(render("{{#each lead.interests}}{{#if @first}}first={{.}}{{/if}}{{/each}}", vars)).toBe("first=Solar");
    expect(render("{{#each lead.interests as |item i|}}{{i}}={{item}};{{/each}}", vars)).toBe("0=Solar;1=Roofing;");
    expect(render("{{#each lead.empty_list}}x{{else}}none{{/each}}", vars)).toBe("none");
    expect(render("{{#each lead.missing}}x{{else}}none{{/each}}", vars)).toBe("none");
  });

  it("#each over objects with @key; outer names still resolve inside", () => {
    expect(render("{{#each lead.address}}{{@key}}={{this}}&{{/each}}", vars)).toBe("city=Austin&zip=78704&");
    expect(render("{{#each lead.interests}}{{lead.first_name}}-{{this}} {{/each}}", vars)).toBe("Mike-Solar Mike-Roofing ");
    expect(render("{{#each lead.interests}}{{../lead.last_name}}{{/each}}", vars)).toBe("LeeLee");
  });

  it("#with changes the context and takes else", () => {
    expect(render("{{#with lead.phone_1}}({{area}}) {{exchange}}-{{line}}{{/with}}", vars)).toBe("(512) 789-1111");
    expect(render("{{#with lead.phone_2}}x{{else}}no phone{{/with}}", vars)).toBe("no phone");
    expect(render("{{#with source as |s|}}{{s.name}}/{{id}}{{/with}}", vars)).toBe("Vendor A/s1");
  });

  it("nested each", () => {
    const v = { lead: { groups: [{ name: "a", items: [1, 2] }, { name: "b", items: [3] }] } };
    expect(render("{{#each lead.groups}}{{name}}:{{#each items}}{{this}}{{/each}};{{/each}}", v)).toBe("a:12;b:3;");
  });
});

describe("syntax details", () => {
  it("comments, whitespace control and escapes", () => {
    expect(render("a{{! note }}b{{!-- {{not}} --}}c", vars)).toBe("abc");
    expect(render("a  {{~lead.first_name~}}  b", vars)).toBe("aMikeb");
    expect(render("{{#if lead.first_name~}}\n  yes\n{{~/if}}", vars)).toBe("yes");
    expect(render("\\{{lead.first_name}}", vars)).toBe("{{lead.first_name}}");
    expect(render("\\\\{{lead.first_name}}", vars)).toBe("\\Mike");
  });

  it("string, number, boolean and null literals as arguments", () => {
    expect(render('{{uppercase "abc"}}', vars)).toBe("ABC");
    expect(render("{{uppercase 'it\\'s'}}", vars)).toBe("IT'S");
    expect(render('{{lowercase "A\\"B"}}', vars)).toBe('a"b');
    expect(render("{{uppercase true}}", vars)).toBe("TRUE");
    expect(render("{{uppercase null}}|", vars)).toBe("|");
    expect(render("{{format -1.5 format=\"0.0\"}}", vars)).toBe("-1.5");
  });

  it("backslashes in strings other than \\\" are kept (regexes need them)", () => {
    expect(render('{{extract "a1b22" pattern="\\d+"}}', vars)).toBe("1 22");
  });

  it("subexpressions", () => {
    expect(render("{{md5 (lowercase lead.email)}}", { lead: { email: "ANN@EXAMPLE.COM" } })).toBe(
      render("{{md5 lead.email}}", { lead: { email: "ann@example.com" } }),
    );
    expect(render('{{uppercase (substring lead.first_name start="1" end="2")}}', vars)).toBe("MI");
  });
});

describe("compile errors (TemplateError with a position)", () => {
  const cases: [string, RegExp][] = [
    ["{{nosuchhelper lead.state}}", /Unknown helper "nosuchhelper"/],
    ["{{lead.state", /Unclosed/],
    ["a {{", /Unclosed|Empty/],
    ["{{}}", /Empty expression/],
    ["{{#if lead.a}}x", /never closed/],
    ["{{#if lead.a}}x{{/unless}}", /does not close/],
    ["x{{/if}}", /without a matching/],
    ["{{else}}", /outside of a block/],
    ["{{#format lead.a}}{{/format}}", /not a block helper/],
    ["{{#bogus}}{{/bogus}}", /Unknown block helper/],
    ["{{> partial}}", /Partials/],
    ["{{^lead.a}}x{{/lead.a}}", /Inverse sections/],
    ["{{lead.a lead.b}}", /not a helper/],
    ['{{format x format="x" format="y"}}', /given twice/],
    ['{{uppercase "abc}}', /Unterminated string/],
    ['{{replace x pattern="regexp((a+)+$)"}}', /nests a repetition/],
    ['{{replace x pattern="regexp([)"}}', /Invalid regular expression/],
    ['{{format x timezone="Mars/Olympus"}}', /Unknown time zone/],
    ['{{md5 x encoding="rot13"}}', /Unknown hash encoding/],
    ["{{#if}}x{{/if}}", /exactly one argument/],
    ["{{#each a b}}x{{/each}}", /exactly one argument/],
  ];
  for (const [src, msg] of cases) {
    it(`rejects ${JSON.stringify(src)}`, () => {
      let err: unknown;
      try {
        compileTemplate(src);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TemplateError);
      expect((err as Error).message).toMatch(msg);
    });
  }

  it("reports line and column", () => {
    try {
      compileTemplate("line one\n  {{bogus x}}");
      expect.unreachable();
    } catch (e) {
      const te = e as TemplateError;
      expect(te.line).toBe(2);
      expect(te.column).toBe(5);
      expect(te.kind).toBe("helper");
    }
  });

  it("render() rethrows compile errors (cached)", () => {
    expect(() => render("{{bogus x}}", vars)).toThrow(TemplateError);
    expect(() => render("{{bogus x}}", vars)).toThrow(TemplateError);
  });

  it("warnings for unknown options and invalid literal math", () => {
    const t = compileTemplate('{{format x fomat="YYYY"}} {{math "1 +"}}');
    expect(t.warnings.join("\n")).toMatch(/unknown option "fomat"/);
    expect(t.warnings.join("\n")).toMatch(/math expression "1 \+" is invalid/);
    expect(t.render({})).toBe(" ");
  });
});

describe("paths and missing variables (for rules: spec 02 §6)", () => {
  it("lists root-level paths, including math variables and helper arguments", () => {
    const t = compileTemplate(
      '{{lead.first_name}} {{format submission.timestamp format="HH"}} {{math "lead.loan / lead.value"}} {{#if lead.x}}{{lead.y}}{{/if}} {{#each lead.list}}{{name}}{{/each}} {{@root.lead.z}}',
    );
    expect([...t.paths].sort()).toEqual(
      ["lead.first_name", "submission.timestamp", "lead.loan", "lead.value", "lead.x", "lead.y", "lead.list", "lead.z"].sort(),
    );
  });

  it("missingPaths and renderDetailed", () => {
    const t = compileTemplate("{{lead.first_name}} {{lead.nickname}}");
    expect(t.missingPaths(vars)).toEqual(["lead.nickname"]);
    expect(t.renderDetailed(vars)).toEqual({ value: "Mike ", missing: ["lead.nickname"] });
    const branch = compileTemplate("{{#if lead.first_name}}{{lead.first_name}}{{else}}{{lead.nickname}}{{/if}}");
    expect(branch.renderDetailed(vars).missing).toEqual([]); // the else branch was not taken
    expect(compileTemplate("{{lead.phone_2}}").renderDetailed(vars)).toEqual({ value: undefined, missing: ["lead.phone_2"] });
  });
});

describe("security", () => {
  it("never reads prototypes, constructors or inherited properties", () => {
    const probes = [
      "{{constructor}}",
      "{{__proto__}}",
      "{{__proto__.x}}",
      "{{lead.constructor.name}}",
      "{{lead.__proto__}}",
      "{{lead.first_name.length}}",
      "{{lead.toString}}",
      "{{lead.hasOwnProperty}}",
      "{{lead.interests.constructor}}",
      "{{lead.interests.map}}",
      "{{this.constructor.constructor}}",
      "{{@root.constructor}}",
      "{{prototype}}",
      "{{lead.valueOf}}",
    ];
    for (const p of probes) {
      expect(render(p, vars), p).toBeUndefined();
      expect(render(`[${p}]`, vars), p).toBe("[]");
    }
  });

  it("own __proto__ keys from JSON.parse are not read either", () => {
    const v = JSON.parse('{"lead":{"__proto__":{"x":"polluted"},"constructor":"c"}}');
    expect(render("{{lead.__proto__.x}}", v)).toBeUndefined();
    expect(render("{{lead.constructor}}", v)).toBeUndefined();
    expect(render("{{#each lead}}{{@key}};{{/each}}", v)).toBe("");
  });

  it("does not walk into class instances, functions or Maps", () => {
    class Secret {
      token = "s3cret";
    }
    const v = { lead: { obj: new Secret(), fn: () => "x", map: new Map([["a", 1]]) } };
    expect(render("{{lead.obj.token}}", v)).toBeUndefined();
    expect(render("[{{lead.fn}}]", v)).toBe("[]");
    expect(render("{{lead.map.a}}", v)).toBeUndefined();
  });

  it("helper option names cannot reach Object.prototype", () => {
    expect(render('{{format lead.age toString="x" __proto__="y"}}', vars)).toBe("30");
    expect(render('{{format submission.timestamp format="YYYY" locale="constructor"}}', vars)).toBe("2024");
  });

  it("bounds #each iterations per render", () => {
    const big = { lead: { list: Array.from({ length: 20_000 }, (_, i) => i) } };
    const t = compileTemplate("{{#each lead.list}}x{{/each}}");
    expect(() => t.render(big)).toThrow(/more than 10000 iterations/);
    const nested = { lead: { list: Array.from({ length: 200 }, () => Array.from({ length: 200 }, () => 1)) } };
    expect(() => compileTemplate("{{#each lead.list}}{{#each this}}.{{/each}}{{/each}}").render(nested)).toThrow(TemplateError);
    const small = compileTemplate("{{#each lead.list}}x{{/each}}", { limits: { maxEachIterations: 5 } });
    expect(() => small.render({ lead: { list: [1, 2, 3, 4, 5, 6] } })).toThrow(/iterations/);
    expect(small.render({ lead: { list: [1, 2, 3] } })).toBe("xxx");
  });

  it("bounds output size", () => {
    const long = "x".repeat(600_000);
    expect(() => render("{{lead.a}}{{lead.a}}", { lead: { a: long } })).toThrow(/output longer than/);
    const t = compileTemplate("{{lead.a}}-{{lead.a}}", { limits: { maxOutputLength: 10 } });
    expect(t.render({ lead: { a: "abcd" } })).toBe("abcd-abcd");
    expect(() => t.render({ lead: { a: "abcdef" } })).toThrow(TemplateError);
    const each = compileTemplate("{{#each lead.list}}{{this}}{{/each}}", { limits: { maxOutputLength: 100 } });
    expect(() => each.render({ lead: { list: Array.from({ length: 50 }, () => "abc") } })).toThrow(/output/);
  });

  it("deep nesting is refused at compile time instead of blowing the stack", () => {
    const deepIf = "{{#if a}}".repeat(10_000) + "x" + "{{/if}}".repeat(10_000);
    expect(() => compileTemplate(deepIf)).toThrow(/nesting deeper than 64/);
    const deepSub = "{{uppercase " + "(lowercase ".repeat(10_000) + "a" + ")".repeat(10_000) + "}}";
    expect(() => compileTemplate(deepSub)).toThrow(/nesting deeper/);
    const okDepth = "{{#if a}}".repeat(60) + "x" + "{{/if}}".repeat(60);
    expect(compileTemplate(okDepth).render({ lead: { a: 1 } })).toBe("x");
    const deepMath = `{{math "${"(".repeat(5000)}1${")".repeat(5000)}"}}`;
    expect(compileTemplate(deepMath).render({})).toBe(""); // invalid (too deep) → ""
  });

  it("refuses oversize templates", () => {
    expect(() => compileTemplate("{{a}}" + "x".repeat(300_000))).toThrow(/longer than/);
  });

  it("deeply nested data is fine", () => {
    let deep: Record<string, unknown> = { v: "bottom" };
    for (let i = 0; i < 5000; i++) deep = { n: deep };
    expect(render("{{lead.n.n.n.n}}", { lead: deep })).toBeTypeOf("object");
  });

  it("catastrophic regexes from variables are refused at render", () => {
    const t = compileTemplate("{{replace lead.x pattern=lead.p replace=\"\"}}");
    expect(() => t.render({ lead: { x: "aaaa", p: "regexp((a*)*b)" } })).toThrow(/nests a repetition/);
    expect(t.render({ lead: { x: "aaaa", p: "regexp(a)" } })).toBe("");
  });

  it("regex subjects are bounded", () => {
    const t = compileTemplate('{{replace lead.x pattern="regexp(a)" replace="b"}}');
    expect(() => t.render({ lead: { x: "a".repeat(20_000) } })).toThrow(/not searched/);
    const literal = compileTemplate('{{replace lead.x pattern="a" replace="b"}}');
    expect(literal.render({ lead: { x: "a".repeat(20_000) } })).toBe("b".repeat(20_000));
  });
});

describe("render cache", () => {
  it("returns the same compiled template for the same source", () => {
    const a = render("{{lead.first_name}}!", vars);
    const b = render("{{lead.first_name}}!", vars);
    expect(a).toBe("Mike!");
    expect(b).toBe("Mike!");
  });
});
