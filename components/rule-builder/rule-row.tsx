"use client";
import type { Rhv, Rule } from "@/lib/rules/types";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { DragHandle, type DragHandleProps } from "@/components/ui/sortable-list";
import { useIssues } from "@/components/ui/issues";
import { cn } from "@/components/ui/cn";
import { useCatalog } from "./catalog-context";
import { FieldPicker } from "./field-picker";
import { NodeActions } from "./node-actions";
import { newGroup, newRule, updateNode } from "./tree";
import { useBuilder } from "./use-rule-tree";
import { ValueInput, convertRhv, valueKind } from "./value-input";
import { operatorsFor } from "./variables";
import { RuleGroupBody } from "./rule-group";

export function RuleRow({ rule, handle }: { rule: Rule; handle: DragHandleProps }) {
  const { apply, meta, readOnly } = useBuilder();
  const catalog = useCatalog();
  const issues = useIssues();
  const id = rule.id ?? "";
  const m = meta.get(id);
  const name = `Rule ${m?.number ?? ""}`.trim();
  const path = m?.path;
  const at = (k: string) => issues.at(path === undefined ? undefined : `${path}.${k}`);
  const fieldMessages = (["lhv", "op", "rhv"] as const).map(at).filter((m): m is string => Boolean(m));
  // Issues about the rule as a whole (not one control, not its follow-up rules) show under the row.
  const otherMessages =
    path === undefined
      ? []
      : issues
          .under(path)
          .filter((i) => !["lhv", "op", "rhv"].some((k) => i.path === `${path}.${k}`) && !i.path.startsWith(`${path}.rule_set`))
          .map((i) => i.message);
  const update = (patch: Partial<Rule>) => apply((r) => updateNode(r, id, (n) => ({ ...(n as Rule), ...patch })));
  // A bare field id in the lhv is the same variable as lead.<id> (spec 02 §2).
  const lhvForOps = catalog.byPath.has(rule.lhv) ? rule.lhv : `lead.${rule.lhv}`;
  const ops = operatorsFor(catalog, lhvForOps, rule.op);
  return (
    <div role="group" aria-label={name} data-issue-path={path} className="rounded-md border border-slate-200 bg-white px-2 py-1.5">
      <div className="flex flex-wrap items-center gap-1.5">
        {readOnly ? null : <DragHandle handle={handle} label={`Drag ${name}`} />}
        <FieldPicker
          value={rule.lhv}
          label={`${name} field`}
          invalid={Boolean(at("lhv"))}
          onChange={(lhv) => {
            // Keep the operator when the new field offers it; else take the field's first one.
            const nextOps = operatorsFor(catalog, lhv);
            const op = nextOps.includes(rule.op) ? rule.op : (nextOps[0] ?? rule.op);
            update({ lhv, op, rhv: convertRhv(rule.rhv, valueKind(op)) });
          }}
        />
        <Select
          aria-label={`${name} operator`}
          value={rule.op}
          invalid={Boolean(at("op"))}
          className="w-48"
          onChange={(e) => update({ op: e.target.value, rhv: convertRhv(rule.rhv, valueKind(e.target.value)) })}
        >
          {ops.map((op) => (
            <option key={op} value={op}>
              {op}
            </option>
          ))}
        </Select>
        <ValueInput op={rule.op} value={rule.rhv} label={`${name} value`} invalid={Boolean(at("rhv"))} onChange={(rhv: Rhv | undefined) => update({ rhv })} />
        <div className="ml-auto flex items-center">
          {!rule.rule_set && !readOnly ? (
            <Button
              variant="ghost"
              size="xs"
              title="Add rules that are checked only when this rule passes"
              onClick={() => update({ rule_set: newGroup("and", [newRule()]) })}
            >
              + and then
            </Button>
          ) : null}
          <NodeActions id={id} name={name} />
        </div>
      </div>
      {fieldMessages.length + otherMessages.length ? (
        <ul className="mt-1 space-y-0.5 text-xs font-medium text-red-700">
          {[...fieldMessages, ...otherMessages].map((msg, i) => (
            <li key={i}>{msg}</li>
          ))}
        </ul>
      ) : null}
      {rule.rule_set ? (
        <div className={cn("mt-2 ml-6 border-l-2 border-dashed border-slate-300 pl-3")}>
          <div className="mb-1 flex items-center justify-between text-xs text-slate-500">
            <span>…and only when {name.toLowerCase()} passes, also check:</span>
            {readOnly ? null : (
              <Button variant="ghost" size="xs" onClick={() => update({ rule_set: null })} aria-label={`Remove the follow-up rules of ${name}`}>
                Remove follow-up
              </Button>
            )}
          </div>
          <RuleGroupBody set={rule.rule_set} />
        </div>
      ) : null}
    </div>
  );
}
