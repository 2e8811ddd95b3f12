// Pure operations on a rule set tree (spec 02 §1) addressed by node id. A "container" is any rule
// set: the root, a nested set inside `rules`, or the `rule_set` hanging off a rule ("and only
// then"). All functions return new objects and never mutate their input.
import type { Rule, RuleSet } from "@/lib/rules/types";
import { newShortId } from "@/lib/ids";

export type RuleNode = Rule | RuleSet;

/** Same test as the engine: an element is a rule set when it has a `rules` array. */
export function isRuleSet(node: unknown): node is RuleSet {
  return typeof node === "object" && node !== null && Array.isArray((node as RuleSet).rules);
}

export function newRule(lhv = ""): Rule {
  return { id: newShortId(), lhv, op: "is equal to", rhv: "" };
}

export function newGroup(op: "and" | "or" = "and", rules: RuleNode[] = []): RuleSet {
  return { id: newShortId(), op, rules };
}

export function nodeId(node: RuleNode): string {
  return node.id ?? "";
}

/** Gives an id to every node that lacks one, so each can be dragged and keyed. */
export function ensureIds(set: RuleSet): RuleSet {
  let changed = !set.id;
  const rules = set.rules.map((n) => {
    const next = isRuleSet(n) ? ensureIds(n) : ensureRuleIds(n);
    if (next !== n) changed = true;
    return next;
  });
  return changed ? { ...set, id: set.id || newShortId(), rules } : set;
}

function ensureRuleIds(rule: Rule): Rule {
  const sub = rule.rule_set ? ensureIds(rule.rule_set) : rule.rule_set;
  if (rule.id && sub === rule.rule_set) return rule;
  return { ...rule, id: rule.id || newShortId(), rule_set: sub };
}

/** Applies `fn` to the container with id `setId` wherever it sits. */
export function updateSet(root: RuleSet, setId: string, fn: (s: RuleSet) => RuleSet): RuleSet {
  if (root.id === setId) return fn(root);
  let changed = false;
  const rules = root.rules.map((n) => {
    let next: RuleNode = n;
    if (isRuleSet(n)) next = updateSet(n, setId, fn);
    else if (n.rule_set) {
      const sub = updateSet(n.rule_set, setId, fn);
      if (sub !== n.rule_set) next = { ...n, rule_set: sub };
    }
    if (next !== n) changed = true;
    return next;
  });
  return changed ? { ...root, rules } : root;
}

/** Replaces the node with id `id` (rule or set) by `fn(node)`. */
export function updateNode(root: RuleSet, id: string, fn: (n: RuleNode) => RuleNode): RuleSet {
  if (root.id === id) return fn(root) as RuleSet;
  let changed = false;
  const rules = root.rules.map((n) => {
    if (n.id === id) {
      changed = true;
      return fn(n);
    }
    let next: RuleNode = n;
    if (isRuleSet(n)) next = updateNode(n, id, fn);
    else if (n.rule_set) {
      const sub = updateNode(n.rule_set, id, fn);
      if (sub !== n.rule_set) next = { ...n, rule_set: sub };
    }
    if (next !== n) changed = true;
    return next;
  });
  return changed ? { ...root, rules } : root;
}

export interface Location {
  parentId: string;
  index: number;
}

/** Where the node `id` sits: its container and position; null for the root or unknown ids. */
export function locate(root: RuleSet, id: string): Location | null {
  for (let i = 0; i < root.rules.length; i++) {
    const n = root.rules[i];
    if (n.id === id) return { parentId: root.id ?? "", index: i };
    const inner = isRuleSet(n) ? locate(n, id) : n.rule_set ? locate(n.rule_set, id) : null;
    if (inner) return inner;
  }
  return null;
}

export function findNode(root: RuleSet, id: string): RuleNode | null {
  if (root.id === id) return root;
  for (const n of root.rules) {
    if (n.id === id) return n;
    const inner = isRuleSet(n) ? findNode(n, id) : n.rule_set ? findNode(n.rule_set, id) : null;
    if (inner) return inner;
  }
  return null;
}

/** Ids of the node and everything below it (a group cannot be dropped inside itself). */
export function subtreeIds(node: RuleNode): Set<string> {
  const out = new Set<string>();
  const walk = (n: RuleNode) => {
    if (n.id) out.add(n.id);
    if (isRuleSet(n)) n.rules.forEach(walk);
    else if (n.rule_set) walk(n.rule_set);
  };
  walk(node);
  return out;
}

export function removeNode(root: RuleSet, id: string): RuleSet {
  const loc = locate(root, id);
  if (!loc) return root;
  return updateSet(root, loc.parentId, (s) => ({ ...s, rules: s.rules.filter((n) => n.id !== id) }));
}

export function insertNode(root: RuleSet, parentId: string, index: number, node: RuleNode): RuleSet {
  return updateSet(root, parentId, (s) => {
    const rules = [...s.rules];
    rules.splice(Math.max(0, Math.min(index, rules.length)), 0, node);
    return { ...s, rules };
  });
}

/**
 * Moves node `id` into container `parentId` at `index` (an index in the container as it is
 * *before* the move). Refuses moves into the node's own subtree. Returns the root unchanged when
 * the move is impossible.
 */
export function moveNode(root: RuleSet, id: string, parentId: string, index: number): RuleSet {
  const node = findNode(root, id);
  const from = locate(root, id);
  if (!node || !from || subtreeIds(node).has(parentId)) return root;
  let target = index;
  if (from.parentId === parentId && from.index < index) target -= 1;
  if (from.parentId === parentId && from.index === target) return root;
  return insertNode(removeNode(root, id), parentId, target, node);
}

/** Keyboard alternatives to dragging. Each returns the root unchanged when the move is impossible. */
export const keyboardMoves = {
  up(root: RuleSet, id: string): RuleSet {
    const loc = locate(root, id);
    return loc && loc.index > 0 ? moveNode(root, id, loc.parentId, loc.index - 1) : root;
  },
  down(root: RuleSet, id: string): RuleSet {
    const loc = locate(root, id);
    if (!loc) return root;
    const parent = findNode(root, loc.parentId);
    const size = parent && isRuleSet(parent) ? parent.rules.length : 0;
    return loc.index < size - 1 ? moveNode(root, id, loc.parentId, loc.index + 2) : root;
  },
  /** Out of its group, placed right after that group. */
  outdent(root: RuleSet, id: string): RuleSet {
    const loc = locate(root, id);
    if (!loc) return root;
    const parentLoc = locate(root, loc.parentId);
    if (!parentLoc) return root;
    const parent = findNode(root, parentLoc.parentId);
    // A `rule_set` hanging off a rule has no slot in `rules`; its children go after the rule.
    if (!parent || !isRuleSet(parent)) return root;
    return moveNode(root, id, parentLoc.parentId, parentLoc.index + 1);
  },
  /** Into the group just above it, at the end. */
  indent(root: RuleSet, id: string): RuleSet {
    const loc = locate(root, id);
    if (!loc || loc.index === 0) return root;
    const parent = findNode(root, loc.parentId);
    const prev = parent && isRuleSet(parent) ? parent.rules[loc.index - 1] : null;
    if (!prev || !isRuleSet(prev) || !prev.id) return root;
    return moveNode(root, id, prev.id, prev.rules.length);
  },
};

/** Depth of container `setId` (root = 0); used to cap nesting in the UI. */
export function depthOf(root: RuleSet, setId: string, depth = 0): number {
  if (root.id === setId) return depth;
  for (const n of root.rules) {
    const sub = isRuleSet(n) ? n : n.rule_set;
    if (sub) {
      const d = depthOf(sub, setId, depth + 1);
      if (d >= 0) return d;
    }
  }
  return -1;
}
