// The cap tree (spec 04 §4) as a flat list with depths — the shape dnd-kit's tree example sorts —
// plus the moves the keyboard buttons make. A flat list is valid when it starts at depth 0 and
// never steps down more than one level at a time; `build` turns it back into nested caps.
import type { Cap } from "@/components/api/types";

/** Horizontal pixels per nesting level; dragging this far sideways changes the depth by one. */
export const INDENT = 28;

export interface FlatCap {
  id: string;
  depth: number;
  parentId: string | null;
  /** The cap without its children (they are separate items). */
  cap: Omit<Cap, "caps">;
  /** Issue path in the flow document, e.g. `caps.0.caps.1`. */
  path: string | undefined;
}

export function flatten(caps: readonly Cap[], basePath?: string): FlatCap[] {
  const out: FlatCap[] = [];
  const walk = (list: readonly Cap[], depth: number, parentId: string | null, path: string | undefined) => {
    list.forEach((c, i) => {
      const { caps: children, ...cap } = c;
      const p = path === undefined ? undefined : `${path}.${i}`;
      out.push({ id: c.id ?? `${depth}-${i}`, depth, parentId, cap, path: p });
      walk(children ?? [], depth + 1, c.id ?? null, p === undefined ? undefined : `${p}.caps`);
    });
  };
  walk(caps, 0, null, basePath);
  return out;
}

export function build(flat: readonly FlatCap[]): Cap[] {
  const root: Cap[] = [];
  const stack: Cap[][] = [root];
  for (const item of flat) {
    const depth = Math.min(item.depth, stack.length - 1);
    stack.length = depth + 1;
    const node: Cap = { ...item.cap, caps: [] } as Cap;
    stack[depth].push(node);
    stack.push(node.caps);
  }
  return root;
}

/** Index just past the subtree that starts at `i`. */
export function blockEnd(flat: readonly FlatCap[], i: number): number {
  let j = i + 1;
  while (j < flat.length && flat[j].depth > flat[i].depth) j++;
  return j;
}

function withDepth(block: FlatCap[], delta: number): FlatCap[] {
  return block.map((b) => ({ ...b, depth: b.depth + delta }));
}

/** Previous sibling's start index (same parent), or -1. */
function prevSibling(flat: readonly FlatCap[], i: number): number {
  for (let j = i - 1; j >= 0; j--) {
    if (flat[j].depth === flat[i].depth) return j;
    if (flat[j].depth < flat[i].depth) return -1;
  }
  return -1;
}

export const capMoves = {
  up(flat: FlatCap[], id: string): FlatCap[] {
    const i = flat.findIndex((f) => f.id === id);
    const p = prevSibling(flat, i);
    if (i < 0 || p < 0) return flat;
    const end = blockEnd(flat, i);
    return [...flat.slice(0, p), ...flat.slice(i, end), ...flat.slice(p, i), ...flat.slice(end)];
  },
  down(flat: FlatCap[], id: string): FlatCap[] {
    const i = flat.findIndex((f) => f.id === id);
    if (i < 0) return flat;
    const end = blockEnd(flat, i);
    if (end >= flat.length || flat[end].depth !== flat[i].depth) return flat;
    const nextEnd = blockEnd(flat, end);
    return [...flat.slice(0, i), ...flat.slice(end, nextEnd), ...flat.slice(i, end), ...flat.slice(nextEnd)];
  },
  /** Becomes the last child of the cap above it at the same level. */
  indent(flat: FlatCap[], id: string): FlatCap[] {
    const i = flat.findIndex((f) => f.id === id);
    if (i < 0 || prevSibling(flat, i) < 0) return flat;
    const end = blockEnd(flat, i);
    return [...flat.slice(0, i), ...withDepth(flat.slice(i, end), 1), ...flat.slice(end)];
  },
  /** Leaves its parent and is placed right after it. */
  outdent(flat: FlatCap[], id: string): FlatCap[] {
    const i = flat.findIndex((f) => f.id === id);
    if (i < 0 || flat[i].depth === 0) return flat;
    let parent = i - 1;
    while (parent >= 0 && flat[parent].depth >= flat[i].depth) parent--;
    const end = blockEnd(flat, i);
    const block = withDepth(flat.slice(i, end), -1);
    const rest = [...flat.slice(0, i), ...flat.slice(end)];
    const parentEnd = blockEnd(rest, parent);
    return [...rest.slice(0, parentEnd), ...block, ...rest.slice(parentEnd)];
  },
};

export interface Projection {
  depth: number;
  parentId: string | null;
}

/**
 * Where a dragged cap would land (dnd-kit tree pattern): its slot comes from the item it is over,
 * its depth from how far it was dragged sideways, limited by the neighbours at that slot.
 * `flat` must not contain the dragged cap's own children.
 */
export function project(flat: readonly FlatCap[], activeId: string, overId: string, offsetX: number, indent: number): Projection | null {
  const from = flat.findIndex((f) => f.id === activeId);
  const to = flat.findIndex((f) => f.id === overId);
  if (from < 0 || to < 0) return null;
  const moved = [...flat];
  const [item] = moved.splice(from, 1);
  moved.splice(to, 0, item);
  const previous = moved[to - 1];
  const next = moved[to + 1];
  const wanted = item.depth + Math.round(offsetX / indent);
  const max = previous ? previous.depth + 1 : 0;
  const min = next ? next.depth : 0;
  const depth = Math.max(min, Math.min(max, wanted));
  let parentId: string | null = null;
  if (depth > 0 && previous) {
    if (depth === previous.depth) parentId = previous.parentId;
    else if (depth > previous.depth) parentId = previous.id;
    else parentId = moved.slice(0, to).reverse().find((f) => f.depth === depth)?.parentId ?? null;
  }
  return { depth, parentId };
}

/** Applies a drop: moves the cap with its children to the slot of `overId` at `depth`. */
export function drop(flat: readonly FlatCap[], activeId: string, overId: string, depth: number): FlatCap[] {
  const i = flat.findIndex((f) => f.id === activeId);
  if (i < 0) return [...flat];
  const end = blockEnd(flat, i);
  const block = withDepth(flat.slice(i, end), depth - flat[i].depth);
  const rest = [...flat.slice(0, i), ...flat.slice(end)];
  // The slot is the over item's position in the list *without* the dragged block; dropping on an
  // item below inserts after it, on an item above inserts before it (as the sortable preview shows).
  const overIndexInFull = flat.findIndex((f) => f.id === overId);
  // Dropped on itself: only the depth changes, the slot stays.
  if (overId === activeId) return [...rest.slice(0, i), ...block, ...rest.slice(i)];
  let at = rest.findIndex((f) => f.id === overId);
  if (at < 0) at = rest.length;
  else if (overIndexInFull > i) at = blockEndAfterOver(rest, at, depth);
  return [...rest.slice(0, at), ...block, ...rest.slice(at)];
}

/** Moving down: land after the over item; if we land deeper than it, as its first child. */
function blockEndAfterOver(rest: FlatCap[], at: number, depth: number): number {
  if (depth > rest[at].depth) return at + 1;
  return blockEnd(rest, at);
}

export function isValid(flat: readonly FlatCap[]): boolean {
  return flat.every((f, i) => (i === 0 ? f.depth === 0 : f.depth <= flat[i - 1].depth + 1) && f.depth >= 0);
}
