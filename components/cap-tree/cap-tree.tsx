"use client";
// The nested volume-cap editor (spec 04 §4): a flat sortable list with depth projection (drag
// sideways to nest or un-nest, vertically to reorder; a cap's children move with it) plus
// keyboard buttons for every move. Each cap shows its live fill from the cap counters API.
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useMemo, useState } from "react";
import type { Cap, CapCounter } from "@/components/api/types";
import { newId } from "@/lib/ids";
import { Button } from "@/components/ui/button";
import { useIssues } from "@/components/ui/issues";
import { CapRow } from "./cap-row";
import { INDENT, build, capMoves, drop, flatten, project, type FlatCap, type Projection } from "./tree";



export function newCap(name: string, parent?: boolean): Cap {
  return {
    id: newId(),
    type: "volume",
    name,
    maximum: parent ? null : 100,
    maximum_percent: parent ? 50 : null,
    duration: 1,
    duration_units: "day",
    time_zone: null,
    window: "calendar",
    rule_set: null,
    reason: null,
    caps: [],
  };
}

export interface CapTreeProps {
  caps: readonly Cap[];
  onChange: (caps: Cap[]) => void;
  /** Accessible name, e.g. "Flow caps". */
  label: string;
  /** Where the list sits in the flow document (`caps`, `sources.0.caps`). */
  issuePath?: string;
  /** Live counters by cap id (GET /api/caps). */
  counters?: ReadonlyMap<string, CapCounter>;
  /** Used for the default names of new caps ("TX Solar: Flow - Cap 2", spec 04 §4.7). */
  namePrefix?: string;
  readOnly?: boolean;
}

export function CapTree({ caps, onChange, label, issuePath, counters, namePrefix = "Cap", readOnly }: CapTreeProps) {
  const issues = useIssues();
  const flat = useMemo(() => flatten(caps, issuePath), [caps, issuePath]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const [offsetX, setOffsetX] = useState(0);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  // While dragging, the dragged cap's children travel with it and are not drop targets.
  const visible = useMemo(() => {
    if (!activeId) return flat;
    const i = flat.findIndex((f) => f.id === activeId);
    let end = i + 1;
    while (end < flat.length && flat[end].depth > flat[i].depth) end++;
    return [...flat.slice(0, i + 1), ...flat.slice(end)];
  }, [flat, activeId]);

  const projection: Projection | null = activeId && overId ? project(visible, activeId, overId, offsetX, INDENT) : null;
  const commit = (next: FlatCap[]) => onChange(build(next));
  const nextName = () => `${namePrefix} ${flat.length + 1}`;

  const updateCap = (id: string, patch: Partial<Cap>) => commit(flat.map((f) => (f.id === id ? { ...f, cap: { ...f.cap, ...patch } } : f)));
  const removeCap = (id: string) => {
    const i = flat.findIndex((f) => f.id === id);
    let end = i + 1;
    while (end < flat.length && flat[end].depth > flat[i].depth) end++;
    const hasChildren = end > i + 1;
    if (hasChildren && !window.confirm("Remove this cap and the caps nested inside it?")) return;
    commit([...flat.slice(0, i), ...flat.slice(end)]);
  };
  const addChild = (id: string) => {
    const i = flat.findIndex((f) => f.id === id);
    let end = i + 1;
    while (end < flat.length && flat[end].depth > flat[i].depth) end++;
    const child = newCap(nextName(), true);
    const { caps: _children, ...cap } = child;
    commit([...flat.slice(0, end), { id: child.id!, depth: flat[i].depth + 1, parentId: id, cap, path: undefined }, ...flat.slice(end)]);
  };

  function onDragStart(e: DragStartEvent) {
    setActiveId(String(e.active.id));
    setOverId(String(e.active.id));
    setOffsetX(0);
  }
  function onDragMove(e: DragMoveEvent) {
    setOffsetX(e.delta.x);
    if (e.over) setOverId(String(e.over.id));
  }
  function onDragEnd(e: DragEndEvent) {
    const active = String(e.active.id);
    const over = e.over ? String(e.over.id) : null;
    const p = over ? project(visible, active, over, e.delta.x, INDENT) : null;
    setActiveId(null);
    setOverId(null);
    setOffsetX(0);
    if (!over || !p) return;
    const current = flat.find((f) => f.id === active);
    if (over === active && current?.depth === p.depth) return;
    commit(drop(flat, active, over, p.depth));
  }

  const rootIssue = issues.at(issuePath);
  return (
    <div role="group" aria-label={label} data-issue-path={issuePath} className="flex flex-col gap-2">
      {flat.length === 0 ? <p className="text-sm text-slate-500">No caps: volume is unlimited.</p> : null}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragStart={onDragStart}
        onDragMove={onDragMove}
        onDragOver={(e) => setOverId(e.over ? String(e.over.id) : null)}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setActiveId(null);
          setOverId(null);
        }}
        accessibility={{
          screenReaderInstructions: {
            draggable: "Press Space to pick up the cap, arrow keys to move it, Space to drop. Use the indent and outdent buttons to nest it.",
          },
        }}
      >
        <SortableContext items={visible.map((f) => f.id)} strategy={verticalListSortingStrategy}>
          <ul aria-label={`${label} list`} className="flex flex-col gap-1.5">
            {visible.map((f) => {
              // A move is offered only when it changes something (the tree functions decide).
              const can = (fn: (flat: FlatCap[], id: string) => FlatCap[]) => (fn(flat, f.id) !== flat ? () => commit(fn(flat, f.id)) : undefined);
              return (
                <CapRow
                  key={f.id}
                  item={f}
                  depth={f.id === activeId && projection ? projection.depth : f.depth}
                  counter={counters?.get(f.id)}
                  parentMaximum={parentMaximum(flat, f)}
                  readOnly={readOnly}
                  onUpdate={(patch) => updateCap(f.id, patch)}
                  onRemove={() => removeCap(f.id)}
                  onAddChild={() => addChild(f.id)}
                  moves={{ up: can(capMoves.up), down: can(capMoves.down), indent: can(capMoves.indent), outdent: can(capMoves.outdent) }}
                />
              );
            })}
          </ul>
        </SortableContext>
      </DndContext>
      {rootIssue ? <p className="text-xs font-medium text-red-700">{rootIssue}</p> : null}
      {readOnly ? null : (
        <div>
          <Button size="sm" onClick={() => onChange([...caps, newCap(nextName())])}>
            + Add cap
          </Button>
        </div>
      )}
    </div>
  );
}

/** The parent's own maximum, so a percentage child can show what it resolves to. */
function parentMaximum(flat: readonly FlatCap[], item: FlatCap): number | null {
  if (!item.parentId) return null;
  const parent = flat.find((f) => f.id === item.parentId);
  if (!parent) return null;
  if (typeof parent.cap.maximum === "number") return parent.cap.maximum;
  const pm = parentMaximum(flat, parent);
  return pm !== null && typeof parent.cap.maximum_percent === "number" ? Math.floor((pm * parent.cap.maximum_percent) / 100) : null;
}
