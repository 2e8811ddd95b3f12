"use client";
// The visual rule-set builder (spec 02 §1): nested AND/OR groups to any depth, rules and groups
// reordered or moved between groups by drag and drop (mouse, touch or keyboard) or by buttons,
// a field picker with type components, operators that fit the field, values that fit the operator,
// and a plain-language preview. It edits OUR rule JSON directly — no intermediate format.
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  pointerWithin,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useEffect, useMemo, useRef, useState } from "react";
import { describeRuleSet } from "@/lib/rules/reason";
import type { RuleSet } from "@/lib/rules/types";
import { Button } from "@/components/ui/button";
import { useIssues } from "@/components/ui/issues";
import { useCatalog } from "./catalog-context";
import { RuleGroupBody } from "./rule-group";
import { ensureIds, findNode, locate, moveNode, newGroup, newRule, subtreeIds } from "./tree";
import { BuilderContext, computeMeta, type BuilderState } from "./use-rule-tree";

export interface RuleBuilderProps {
  value: RuleSet | null | undefined;
  onChange: (next: RuleSet | null) => void;
  /** Accessible name of the whole builder, e.g. "Acceptance criteria". */
  label: string;
  /** Where this rule set sits in the flow document, for API issues (`steps.2.rule_set`). */
  issuePath?: string;
  /** Shown when there are no rules, e.g. "No criteria: every lead is accepted." */
  emptyText?: string;
  /** Deepest nesting offered by "Add group" (the engine allows 32). */
  maxDepth?: number;
  readOnly?: boolean;
  /** Hide the plain-language preview (for very small embeds). */
  hidePreview?: boolean;
}

export function RuleBuilder({ value, onChange, label, issuePath, emptyText = "No rules: always passes.", maxDepth = 6, readOnly = false, hidePreview }: RuleBuilderProps) {
  const catalog = useCatalog();
  const issues = useIssues();
  // Every node needs an id for keys and drag and drop; saved documents already have them.
  const root = useMemo(() => (value ? ensureIds(value) : null), [value]);
  useEffect(() => {
    if (value && root && root !== value && !readOnly) onChange(root);
  }, [value, root, onChange, readOnly]);

  const [dragging, setDragging] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const excluded = useRef<Set<string>>(new Set());
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const apply = (fn: (r: RuleSet) => RuleSet) => {
    const base = root ?? newGroup("and");
    const next = fn(base);
    if (next === base) return;
    onChange(next.rules.length === 0 ? null : next);
  };

  const meta = useMemo(() => (root ? computeMeta(root, issuePath === undefined ? undefined : issuePath) : new Map()), [root, issuePath]);

  // Nested groups overlap: among the drop targets under the pointer the smallest one is the most
  // specific. A dragged group and its own children are never targets.
  const collision: CollisionDetection = (args) => {
    const allowed = args.droppableContainers.filter((c) => !excluded.current.has(String(c.id)));
    const scoped = { ...args, droppableContainers: allowed };
    const within = pointerWithin(scoped);
    if (within.length > 0) {
      const area = (id: string | number) => {
        const r = args.droppableRects.get(id);
        return r ? r.width * r.height : Infinity;
      };
      return [...within].sort((a, b) => area(a.id) - area(b.id)).slice(0, 1);
    }
    return closestCenter(scoped);
  };

  function onDragStart(e: DragStartEvent) {
    const id = String(e.active.id);
    const node = root ? findNode(root, id) : null;
    const ids = node ? subtreeIds(node) : new Set<string>([id]);
    // Also exclude the end zones of the dragged group and its subgroups.
    excluded.current = new Set([...ids, ...[...ids].map((x) => `end:${x}`)]);
    excluded.current.delete(id);
    setDragging(id);
  }

  function onDragOver(e: DragOverEvent) {
    const over = e.over;
    if (!over || !root) return setDropTarget(null);
    const from = locate(root, String(e.active.id));
    const overParent = (over.data.current as { parentId?: string } | undefined)?.parentId;
    // Within one group the list itself shows where the item goes; across groups draw a marker.
    setDropTarget(String(over.id).startsWith("end:") || overParent !== from?.parentId ? String(over.id) : null);
  }

  function onDragEnd(e: DragEndEvent) {
    setDragging(null);
    setDropTarget(null);
    excluded.current = new Set();
    const over = e.over;
    if (!over || !root || over.id === e.active.id) return;
    const id = String(e.active.id);
    const data = over.data.current as { parentId?: string; index?: number } | undefined;
    if (!data?.parentId || data.index === undefined) return;
    const from = locate(root, id);
    if (!from) return;
    const isEnd = String(over.id).startsWith("end:");
    // Same group: land where the sortable preview showed it (after the target when moving down).
    const index = !isEnd && from.parentId === data.parentId && from.index < data.index ? data.index + 1 : data.index;
    apply((r) => moveNode(r, id, data.parentId!, index));
  }

  const state: BuilderState | null = root ? { root, apply, meta, maxDepth, dropTarget, dragging, readOnly } : null;
  const rootIssue = issues.at(issuePath);

  return (
    <div role="group" aria-label={label} data-issue-path={issuePath} className="flex flex-col gap-2">
      {state ? (
        <BuilderContext.Provider value={state}>
          <DndContext
            sensors={sensors}
            collisionDetection={collision}
            onDragStart={onDragStart}
            onDragOver={onDragOver}
            onDragEnd={onDragEnd}
            onDragCancel={() => {
              setDragging(null);
              setDropTarget(null);
            }}
            accessibility={{
              screenReaderInstructions: {
                draggable: "Press Space to pick up this rule, arrow keys to move it, Space to drop, Escape to cancel. The buttons beside it move it too.",
              },
            }}
          >
            <RuleGroupBody set={state.root} rootLabel={label} />
          </DndContext>
        </BuilderContext.Provider>
      ) : (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-dashed border-slate-300 bg-white px-3 py-2.5">
          <span className="text-sm text-slate-500">{emptyText}</span>
          {readOnly ? null : (
            <>
              <Button size="xs" variant="ghost" className="text-brand-700" onClick={() => onChange(newGroup("and", [newRule()]))}>
                + Add rule
              </Button>
              <Button size="xs" variant="ghost" className="text-brand-700" onClick={() => onChange(newGroup("and", [newGroup("or", [newRule()])]))}>
                + Add group
              </Button>
            </>
          )}
        </div>
      )}
      {rootIssue ? <p className="text-xs font-medium text-red-700">{rootIssue}</p> : null}
      {hidePreview || !root ? null : (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600" aria-label={`${label} in plain words`}>
          <span className="font-semibold text-slate-500">Reads as: </span>
          {describeRuleSet(root, catalog.fieldNames)}
        </p>
      )}
    </div>
  );
}
