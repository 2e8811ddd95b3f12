/**
 * Micro-benchmark of template compile/render and mapping application.
 * Run: `node --import tsx lib/templates/bench.ts` (numbers are per operation; compare ratios).
 */
import { buildJsonBody, compileMappings, type Mapping } from "@/lib/mappings";
import { compileTemplate, resolvePath } from "@/lib/templates";

const vars = {
  lead: {
    id: "63cc6f0e55254d7d1c4c3037",
    first_name: "Ann",
    last_name: "Lee",
    random_number: 42,
    email: { normal: "ann@example.com", raw: "Ann@Example.com", valid: true },
    phone_1: { normal: "5127891111", raw: "(512) 789-1111", valid: true, area: "512", exchange: "789", line: "1111" },
    state: { normal: "TX", name: "Texas", raw: "TX", valid: true },
    loan: 72930,
    value: 100000,
  },
  submission: { timestamp: "2024-01-15T15:00:00.000Z" },
  appended: { acme_crm: { outcome: "success" } },
  event_id: "63cc6f0e55254d7d1c4c3040",
};

function bench(name: string, fn: () => unknown, minMs = 300): void {
  for (let i = 0; i < 20_000; i++) fn(); // warm up the JIT
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  const budget = BigInt(minMs) * 1_000_000n;
  while (elapsed < budget) {
    for (let i = 0; i < 10_000; i++) fn();
    n += 10_000;
    elapsed = process.hrtime.bigint() - start;
  }
  const ns = Number(elapsed) / n;
  console.log(`${name.padEnd(58)} ${ns < 1000 ? `${ns.toFixed(0)} ns` : `${(ns / 1000).toFixed(2)} µs`}/op`);
}

const templates: [string, string][] = [
  ["simple path {{lead.email}}", "{{lead.email}}"],
  ["simple bare path {{state}} (02 §2 lead fallback)", "{{state}}"],
  ["simple appended path {{acme_crm.outcome}}", "{{acme_crm.outcome}}"],
  ["text + path 'Hello {{lead.first_name}}'", "Hello {{lead.first_name}}"],
  ["phone components (3 paths)", "({{lead.phone_1.area}}) {{lead.phone_1.exchange}}-{{lead.phone_1.line}}"],
  ["{{#if}} with else", "{{#if lead.phone_2}}{{lead.phone_2}}{{else}}N/A{{/if}}"],
  ["uppercase helper", "{{uppercase lead.first_name}}"],
  ["format date HHmm America/Chicago", '{{format submission.timestamp format="HHmm" timezone="America/Chicago"}}'],
  ["format number $0,0.00", '{{format lead.loan format="$0,0.00"}}'],
  ["math with 2 variables + format", '{{math "lead.loan / lead.value" format="0.[00]%"}}'],
  ["md5 of email", "{{md5 lead.email}}"],
  ["replace with regexp", '{{replace lead.first_name pattern="regexp(n+)" replace="N"}}'],
];

console.log(`Node ${process.version}`);
for (const [name, src] of templates) {
  const t = compileTemplate(src);
  bench(`render: ${name}`, () => t.render(vars));
}
bench("resolvePath(vars, 'lead.state')", () => resolvePath(vars, "lead.state"));
bench("resolvePath(vars, 'state')", () => resolvePath(vars, "state"));
bench("compile: 'Hello {{lead.first_name}} {{lead.last_name}}'", () => compileTemplate("Hello {{lead.first_name}} {{lead.last_name}}"));
bench("compile: format with timezone", () => compileTemplate('{{format submission.timestamp format="HHmm" timezone="America/Chicago"}}'));

const acme: Mapping[] = [
  { property: "url", value: "https://crm.example.com/leads" },
  { property: "method", value: "POST" },
  { property: "header.X-API-Key", value: "abc123" },
  { property: "json_property.contact.email", value: "{{lead.email}}" },
  { property: "json_property.contact.name", value: "{{lead.first_name}} {{lead.last_name}}" },
  { property: "json_property.phones.0", value: "{{lead.phone_1}}" },
  { property: "json_property.phones.1", value: "{{lead.phone_2}}" },
  { property: "json_property.lead_id", value: "{{lead.id}}" },
  { property: "json_property.event_id", value: "{{event_id}}" },
  { property: "outcome_search_term", value: "success" },
];
const compiled = compileMappings(acme);
bench("mappings: apply spec 03 §3.2 list (10 mappings)", () => compiled.apply(vars));
bench("mappings: apply + JSON body", () => buildJsonBody(compiled.apply(vars).values.json_property));
