"use client";
// A vertical list reordered by drag and drop or by keyboard (dnd-kit's KeyboardSensor with
// sortableKeyboardCoordinates: focus a handle, Space to lift, arrows to move, Space to drop).
// Used by the step editor, ordered price rules and mapping lists.
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DraggableAttributes,
  type DraggableSyntheticListeners,
} from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { cn } from "./cn";

export interface DragHandleProps {
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  setActivatorNodeRef: (el: HTMLElement | null) => void;
}

/** The grip a person drags (or focuses and lifts with Space); `label` names what moves. */
export function DragHandle({ handle, label }: { handle: DragHandleProps; label: string }) {
  return (
    <button
      type="button"
      ref={handle.setActivatorNodeRef}
      {...handle.attributes}
      {...handle.listeners}
      aria-label={label}
      title="Drag to reorder (or focus and press Space, then arrow keys)"
      className="flex h-7 w-5 shrink-0 cursor-grab touch-none items-center justify-center rounded text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500 active:cursor-grabbing"
    >
      <svg width="10" height="16" viewBox="0 0 10 16" aria-hidden fill="currentColor">
        {[2, 8, 14].map((y) => (
          <g key={y}>
            <circle cx="2.5" cy={y} r="1.5" />
            <circle cx="7.5" cy={y} r="1.5" />
          </g>
        ))}
      </svg>
    </button>
  );
}

function SortableItem({ id, children, className }: { id: string; children: (h: DragHandleProps, dragging: boolean) => React.ReactNode; className?: string }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn(className, isDragging && "relative z-10 opacity-80 shadow-lg")}
    >
      {children({ attributes, listeners, setActivatorNodeRef }, isDragging)}
    </li>
  );
}

export function SortableList<T>({
  items,
  getId,
  onReorder,
  renderItem,
  itemLabel,
  label,
  className,
  itemClassName,
}: {
  items: readonly T[];
  getId: (item: T, index: number) => string;
  onReorder: (next: T[], from: number, to: number) => void;
  renderItem: (item: T, index: number, handle: DragHandleProps, dragging: boolean) => React.ReactNode;
  itemLabel: (item: T, index: number) => string;
  label: string;
  className?: string;
  itemClassName?: string;
}) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = items.map((item, i) => getId(item, i));
  const nameOf = (id: string | number) => {
    const i = ids.indexOf(String(id));
    return i >= 0 ? itemLabel(items[i], i) : String(id);
  };
  const positionOf = (id: string | number) => ids.indexOf(String(id)) + 1;
  function onDragEnd(e: DragEndEvent) {
    if (!e.over || e.active.id === e.over.id) return;
    const from = ids.indexOf(String(e.active.id));
    const to = ids.indexOf(String(e.over.id));
    if (from < 0 || to < 0) return;
    onReorder(arrayMove([...items], from, to), from, to);
  }
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements: {
          onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}, position ${positionOf(active.id)} of ${ids.length}.`,
          onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)} is over position ${positionOf(over.id)} of ${ids.length}.` : `${nameOf(active.id)} is no longer over the list.`),
          onDragEnd: ({ active, over }) => (over ? `Dropped ${nameOf(active.id)} at position ${positionOf(over.id)} of ${ids.length}.` : `Dropped ${nameOf(active.id)}.`),
          onDragCancel: ({ active }) => `Cancelled. ${nameOf(active.id)} stays at position ${positionOf(active.id)}.`,
        },
        screenReaderInstructions: { draggable: "To reorder, press Space or Enter to pick up, use the arrow keys to move, Space or Enter to drop, Escape to cancel." },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ul aria-label={label} className={className}>
          {items.map((item, i) => (
            <SortableItem key={ids[i]} id={ids[i]} className={itemClassName}>
              {(handle, dragging) => renderItem(item, i, handle, dragging)}
            </SortableItem>
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}

/** Moves one element; used by the keyboard "Move up/down" buttons beside every drag handle. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  return arrayMove([...items], from, to);
}
