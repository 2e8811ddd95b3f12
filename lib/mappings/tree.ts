/**
 * Builds the nested object a mapping list produces. Assignments are collected in a tree first and
 * turned into objects/arrays at the end, so a level becomes an array only when **every** key
 * written at that level is an array index (ap-code: `0.foo` + `bip` is an object with key "0"),
 * arrays come out compacted (a skipped `phones.1` leaves no hole, spec 03 §3.2), and a later
 * assignment overwrites an earlier one at the same path (spec 03 §3 step 3).
 */
import { isBlockedKey, isPlainObject, isTypedValue } from "@/lib/templates";
import type { PropertySegment } from "./property";

interface Leaf {
  leaf: true;
  value: unknown;
}
interface Branch {
  leaf: false;
  children: Map<string, Node>;
  /** Whether each child's key was last written as an array index. */
  index: Map<string, boolean>;
}
type Node = Leaf | Branch;

function branch(): Branch {
  return { leaf: false, children: new Map(), index: new Map() };
}

/** Writing below a value that is itself an object or array merges into it instead of discarding it. */
function leafToBranch(value: unknown): Branch {
  const b = branch();
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      b.children.set(String(i), { leaf: true, value: v });
      b.index.set(String(i), true);
    });
  } else if (isPlainObject(value) && !isTypedValue(value)) {
    for (const k of Object.keys(value)) {
      if (isBlockedKey(k)) continue;
      b.children.set(k, { leaf: true, value: value[k] });
      b.index.set(k, false);
    }
  }
  return b;
}

export class AssignmentTree {
  private readonly root: Branch = branch();

  set(segs: readonly PropertySegment[], value: unknown): void {
    let node = this.root;
    for (let i = 0; i < segs.length - 1; i++) {
      const { key, index } = segs[i];
      let child = node.children.get(key);
      if (child === undefined || child.leaf) {
        child = child === undefined ? branch() : leafToBranch(child.value);
        node.children.set(key, child);
      }
      node.index.set(key, index);
      node = child;
    }
    const last = segs[segs.length - 1];
    node.children.set(last.key, { leaf: true, value });
    node.index.set(last.key, last.index);
  }

  get empty(): boolean {
    return this.root.children.size === 0;
  }

  /** The assignments as one nested object (top-level keys are never array indexes' array). */
  toObject(): Record<string, unknown> {
    return materializeObject(this.root);
  }
}

function materialize(node: Node): unknown {
  if (node.leaf) return node.value;
  const keys = [...node.children.keys()];
  if (keys.length > 0 && keys.every((k) => node.index.get(k) === true)) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => materialize(node.children.get(String(k))!));
  }
  return materializeObject(node);
}

function materializeObject(node: Branch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, child] of node.children) {
    // Keys are validated when properties are parsed; defineProperty keeps even an odd key a plain data key.
    Object.defineProperty(out, k, { value: materialize(child), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
