import { describe, expect, it } from "vitest";
import type { Rule, RuleSet } from "@/lib/rules/types";
import { ensureIds, keyboardMoves, locate, moveNode, removeNode, subtreeIds } from "./tree";

const r = (id: string): Rule => ({ id, lhv: `lead.${id}`, op: "is not blank" });
const g = (id: string, op: "and" | "or", rules: (Rule | RuleSet)[]): RuleSet => ({ id, op, rules });
const shape = (s: RuleSet): unknown => s.rules.map((n) => ("rules" in n ? { [n.id!]: shape(n) } : n.rule_set ? { [n.id!]: shape(n.rule_set) } : n.id));

// root AND [a, G1 OR [b, c], d (then: T AND [e])]
const tree = () => g("root", "and", [r("a"), g("g1", "or", [r("b"), r("c")]), { ...r("d"), rule_set: g("t", "and", [r("e")]) }]);

describe("rule tree operations", () => {
  it("locates nodes in nested sets and in a rule's follow-up set", () => {
    expect(locate(tree(), "c")).toEqual({ parentId: "g1", index: 1 });
    expect(locate(tree(), "e")).toEqual({ parentId: "t", index: 0 });
    expect(locate(tree(), "root")).toBeNull();
  });

  it("moves within a group with the index taken before the move", () => {
    expect(shape(moveNode(tree(), "a", "root", 2))).toEqual([{ g1: ["b", "c"] }, "a", { d: ["e"] }]);
    expect(shape(moveNode(tree(), "c", "g1", 0))).toEqual(["a", { g1: ["c", "b"] }, { d: ["e"] }]);
  });

  it("moves between groups, but never into its own subtree", () => {
    expect(shape(moveNode(tree(), "a", "g1", 1))).toEqual([{ g1: ["b", "a", "c"] }, { d: ["e"] }]);
    expect(shape(moveNode(tree(), "b", "t", 1))).toEqual(["a", { g1: ["c"] }, { d: ["e", "b"] }]);
    const t = tree();
    expect(moveNode(t, "g1", "g1", 0)).toBe(t);
    expect(subtreeIds(t.rules[1])).toEqual(new Set(["g1", "b", "c"]));
  });

  it("gives the keyboard every move a drag can make", () => {
    expect(shape(keyboardMoves.indent(tree(), "d"))).toEqual(["a", { g1: ["b", "c", { d: ["e"] }] }]);
    expect(shape(keyboardMoves.outdent(tree(), "b"))).toEqual(["a", { g1: ["c"] }, "b", { d: ["e"] }]);
    expect(shape(keyboardMoves.down(tree(), "a"))).toEqual([{ g1: ["b", "c"] }, "a", { d: ["e"] }]);
    expect(shape(keyboardMoves.up(tree(), "c"))).toEqual(["a", { g1: ["c", "b"] }, { d: ["e"] }]);
    const t = tree();
    expect(keyboardMoves.up(t, "a")).toBe(t);
    expect(keyboardMoves.indent(t, "a")).toBe(t);
  });

  it("removes nodes and fills in missing ids without touching complete trees", () => {
    expect(shape(removeNode(tree(), "g1"))).toEqual(["a", { d: ["e"] }]);
    const t = tree();
    expect(ensureIds(t)).toBe(t);
    const bare = ensureIds({ op: "and", rules: [{ lhv: "x", op: "is blank" }, { op: "or", rules: [] }] } as RuleSet);
    expect(bare.id).toMatch(/^[0-9a-z]{6}$/);
    expect(bare.rules.every((n) => /^[0-9a-z]{6}$/.test(n.id ?? ""))).toBe(true);
  });
});
