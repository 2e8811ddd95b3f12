// Report rules (08 §4.1): a JSON array of `{lhv, op, rhv}` on event properties, all of which must
// pass, evaluated with the rule engine's semantics (02). Operators are the kb report-rule list.
import { compile, RuleCompileError } from "@/lib/rules";
import { ApiError, type Issue } from "@/lib/server/errors";
import { valueAt } from "@/lib/store/leads/lead-values";

export const REPORT_RULE_OPERATORS = [
  "is equal to",
  "is not equal to",
  "is less than",
  "is less than or equal",
  "is greater than",
  "is greater than or equal",
  "is blank",
  "is not blank",
  "is true",
  "is false",
  "is included in",
  "includes",
  "does not include",
] as const;

/** The kb report-rule list says "is less than or equal"; the rule engine (02) names it "… to". */
const ENGINE_NAMES: Record<string, string> = {
  "is less than or equal": "is less than or equal to",
  "is greater than or equal": "is greater than or equal to",
};
const ACCEPTED = new Set<string>([...REPORT_RULE_OPERATORS, ...Object.values(ENGINE_NAMES)]);

/** The properties of one event a rule can name (plus `lead.*` / `vars.lead.*`). */
export interface RuleEvent {
  type: string;
  outcome: string;
  // The properties below are present when a rule names them (the query reads only those).
  reason?: string | null;
  step_id?: string | null;
  flow_id?: string;
  source_id?: string;
  recipient_id?: string | null;
  /** Present when rules name it or distinct-lead counts need it. */
  lead_id?: string;
  purchase_price: number;
  sale_price?: number;
  /** Present when rules name it (it makes every event its own group). */
  ms?: number;
  lead?: Record<string, unknown>;
  vars?: { lead?: Record<string, unknown>; purchase_price: number };
}

export interface ReportRules {
  test(event: RuleEvent): boolean;
  /** Rules read lead fields: the query must join the lead. */
  readsLead: boolean;
  /** Whether a rule names this event property (`lead_id`, `ms`). */
  reads(property: string): boolean;
}

const invalid = (issues: Issue[]) => new ApiError("validation", "rules is not a valid list of report rules", { issues });

export function parseReportRules(text: string | undefined): ReportRules | null {
  if (text === undefined || text.trim() === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "rules must be URL-encoded JSON", { issues: [{ path: "rules", message: "not valid JSON" }] });
  }
  if (!Array.isArray(parsed)) throw invalid([{ path: "rules", message: "must be a JSON array of {lhv, op, rhv}" }]);
  if (parsed.length > 100) throw invalid([{ path: "rules", message: "at most 100 rules" }]);
  const issues: Issue[] = [];
  parsed.forEach((rule, i) => {
    if (!rule || typeof rule !== "object" || Array.isArray(rule)) return issues.push({ path: `rules.${i}`, message: "must be an object {lhv, op, rhv}" });
    const { lhv, op } = rule as { lhv?: unknown; op?: unknown };
    if (typeof lhv !== "string" || !lhv.trim()) issues.push({ path: `rules.${i}.lhv`, message: "must name an event property" });
    if (typeof op !== "string" || !ACCEPTED.has(op)) {
      issues.push({ path: `rules.${i}.op`, message: `must be one of: ${REPORT_RULE_OPERATORS.join(", ")}` });
    }
  });
  if (issues.length) throw invalid(issues);
  const rules = (parsed as { lhv: string; op: string; rhv?: unknown }[]).map((r) => ({ ...r, op: ENGINE_NAMES[r.op] ?? r.op }));
  let compiled: ReturnType<typeof compile>;
  try {
    compiled = compile({ op: "and", rules: rules as never });
  } catch (err) {
    if (err instanceof RuleCompileError) throw invalid(err.issues);
    throw err;
  }
  // kb: an event whose property is missing fails `includes` and `does not include` alike (the
  // rule engine would let `does not include` pass on a missing value).
  const mustExist = rules.filter((r) => r.op === "includes" || r.op === "does not include").map((r) => r.lhv);
  return {
    readsLead: rules.some((r) => /^(vars\.)?lead\./.test(r.lhv) || r.lhv === "lead" || r.lhv === "vars" || JSON.stringify(r.rhv ?? "").includes("lead.")),
    reads: (property) =>
      rules.some((r) => [property, `vars.${property}`].some((p) => r.lhv === p || r.lhv.startsWith(`${p}.`)) || r.lhv === "vars" || JSON.stringify(r.rhv ?? "").includes(property)),
    test(event) {
      const vars = event as unknown as Record<string, unknown>;
      for (const path of mustExist) {
        const v = valueAt(vars, path);
        if (v === undefined || v === null) return false;
      }
      return compiled(vars) === null;
    },
  };
}
