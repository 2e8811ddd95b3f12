// Save-time warnings about a flow document (05 §5.4 "waterfall warning"): a later filter or step
// criteria that reads the outcome of a delivery which may be retried can act on an `error` that a
// retry later turns into a sale — e.g. selling the lead to a second buyer.

import type { RuleSet } from "@/lib/rules";
import type { FlowDocument } from "@/lib/schemas/flow";
import { appendedKeyFor } from "./appended-key";
import { retryEnabledFor, type StepPurpose } from "./retry-schedule";

export interface FlowWarning {
  path: string;
  message: string;
}

function ruleTexts(rs: RuleSet | null | undefined, out: string[] = []): string[] {
  if (!rs || !Array.isArray(rs.rules)) return out;
  for (const r of rs.rules) {
    if ("rules" in r && Array.isArray(r.rules)) ruleTexts(r as RuleSet, out);
    else {
      const rule = r as { lhv?: unknown; rhv?: unknown; rule_set?: RuleSet | null };
      if (typeof rule.lhv === "string") out.push(rule.lhv);
      const rhvs = Array.isArray(rule.rhv) ? rule.rhv : [rule.rhv];
      for (const v of rhvs) if (typeof v === "string") out.push(v);
      ruleTexts(rule.rule_set, out);
    }
  }
  return out;
}

function readsKey(texts: readonly string[], key: string): boolean {
  const re = new RegExp(`(^|[^\\w.])(appended\\.)?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.`);
  return texts.some((t) => re.test(t));
}

export function flowWarnings(doc: FlowDocument): FlowWarning[] {
  const warnings: FlowWarning[] = [];
  const retrying: Array<{ index: number; key: string; name: string }> = [];
  doc.steps.forEach((step, index) => {
    const later = retrying.filter((r) => r.index < index);
    if (later.length > 0 && step.enabled !== false) {
      const texts = ruleTexts(step.rule_set);
      if (step.type === "filter") texts.push(step.outcome ?? "", step.reason ?? "");
      for (const r of later) {
        if (readsKey(texts, r.key)) {
          warnings.push({
            path: `steps.${index}.rule_set`,
            message:
              `reads the outcome of step ${r.index + 1} (${r.name}), whose delivery is retried on errors: a retry can ` +
              `deliver after this step acted on the error. Disable retry on buyers that have a fallback buyer.`,
          });
        }
      }
    }
    if (step.type === "recipient" && step.enabled !== false) {
      const purpose: StepPurpose = step.purpose ?? (step.integration.module_id.startsWith("suppressionlist.") ? "enhancement" : "delivery");
      if (retryEnabledFor(purpose, step.retry_enabled)) {
        const id = step.id ?? `step${index}`;
        retrying.push({ index, key: appendedKeyFor(step.integration.module_id, step.entity?.name, id), name: step.entity?.name || step.description || id });
      }
    }
  });
  return warnings;
}
