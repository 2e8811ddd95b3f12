"use client";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { RuleSet } from "@/lib/rules/types";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { DragHandle, type DragHandleProps } from "@/components/ui/sortable-list";
import { useIssues } from "@/components/ui/issues";
import { cn } from "@/components/ui/cn";
import { NodeActions } from "./node-actions";
import { RuleRow } from "./rule-row";
import { isRuleSet, newGroup, newRule, updateSet, type RuleNode } from "./tree";
import { useBuilder } from "./use-rule-tree";

const DEPTH_BORDERS = ["border-brand-500", "border-violet-400", "border-emerald-400", "border-amber-400", "border-sky-400", "border-rose-400"];

/** One draggable element of a group: a rule or a nested group. */
function NodeItem({ node, parentId, index, connector }: { node: RuleNode; parentId: string; index: number; connector?: string }) {
  const { dropTarget, readOnly } = useBuilder();
  const id = node.id ?? "";
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id,
    data: { parentId, index },
    disabled: readOnly,
  });
  const handle = { attributes, listeners, setActivatorNodeRef };
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn("relative", isDragging && "z-10 opacity-70", dropTarget === id && "before:absolute before:-top-1.5 before:right-0 before:left-0 before:h-0.5 before:rounded before:bg-brand-500")}
    >
      {connector ? (
        <span aria-hidden className="mb-1 block pl-7 text-[11px] font-bold tracking-wider text-slate-400 uppercase">
          {connector}
        </span>
      ) : null}
      {isRuleSet(node) ? <GroupNode set={node} handle={handle} /> : <RuleRow rule={node} handle={handle} />}
    </li>
  );
}

/** A nested group with its own drag handle, AND/OR choice and move buttons. */
function GroupNode({ set, handle }: { set: RuleSet; handle: DragHandleProps }) {
  const { meta, readOnly } = useBuilder();
  const m = meta.get(set.id ?? "");
  const name = `Group ${m?.number ?? ""}`.trim();
  return (
    <div role="group" aria-label={name} data-issue-path={m?.path} className={cn("rounded-md border-l-4 bg-slate-50/80 py-2 pr-2 pl-3 ring-1 ring-slate-200", DEPTH_BORDERS[(m?.depth ?? 1) % DEPTH_BORDERS.length])}>
      <div className="mb-2 flex items-center gap-2">
        {readOnly ? null : <DragHandle handle={handle} label={`Drag ${name}`} />}
        <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{name}</span>
        <div className="ml-auto">
          <NodeActions id={set.id ?? ""} name={name} />
        </div>
      </div>
      <RuleGroupBody set={set} />
    </div>
  );
}

/** The combinator choice, the children and the add buttons of any rule set, root included. */
export function RuleGroupBody({ set, rootLabel }: { set: RuleSet; rootLabel?: string }) {
  const { apply, meta, maxDepth, dropTarget, readOnly } = useBuilder();
  const issues = useIssues();
  const id = set.id ?? "";
  const m = meta.get(id);
  const groupName = rootLabel ?? `Group ${m?.number ?? ""}`.trim();
  const endId = `end:${id}`;
  const { setNodeRef: setEndRef } = useDroppable({ id: endId, data: { parentId: id, index: set.rules.length }, disabled: readOnly });
  const canNest = (m?.depth ?? 0) < maxDepth;
  const setIssue = issues.at(m?.path === undefined ? undefined : `${m.path}.op`) ?? issues.at(m?.path === undefined ? undefined : `${m.path}.rules`);
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span>Leads must match</span>
        <Select
          aria-label={`${groupName} match`}
          value={set.op}
          disabled={readOnly}
          className="h-8 w-auto"
          onChange={(e) => apply((r) => updateSet(r, id, (s) => ({ ...s, op: e.target.value as "and" | "or" })))}
        >
          <option value="and">ALL of these (AND)</option>
          <option value="or">ANY of these (OR)</option>
        </Select>
        {setIssue ? <span className="text-xs font-medium text-red-700">{setIssue}</span> : null}
      </div>
      <SortableContext items={set.rules.map((n) => n.id ?? "")} strategy={verticalListSortingStrategy}>
        <ol className="flex flex-col gap-1.5" aria-label={`${groupName} rules`}>
          {set.rules.map((n, i) => (
            <NodeItem key={n.id ?? i} node={n} parentId={id} index={i} connector={i > 0 ? set.op : undefined} />
          ))}
        </ol>
      </SortableContext>
      <div
        ref={setEndRef}
        className={cn("mt-1.5 flex flex-wrap items-center gap-1 rounded-md", dropTarget === endId && "bg-brand-50 ring-2 ring-brand-500")}
      >
        {set.rules.length === 0 ? <span className="mr-2 py-1 text-xs text-slate-500 italic">No rules in this group yet.</span> : null}
        {readOnly ? null : (
          <>
            <Button size="xs" variant="ghost" className="text-brand-700" onClick={() => apply((r) => updateSet(r, id, (s) => ({ ...s, rules: [...s.rules, newRule()] })))}>
              + Add rule{rootLabel ? "" : ` to ${groupName.toLowerCase()}`}
            </Button>
            {canNest ? (
              <Button
                size="xs"
                variant="ghost"
                className="text-brand-700"
                onClick={() => apply((r) => updateSet(r, id, (s) => ({ ...s, rules: [...s.rules, newGroup(s.op === "and" ? "or" : "and", [newRule()])] })))}
              >
                + Add group{rootLabel ? "" : ` to ${groupName.toLowerCase()}`}
              </Button>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
