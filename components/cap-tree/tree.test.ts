import { describe, expect, it } from "vitest";
import type { Cap } from "@/components/api/types";
import { build, capMoves, drop, flatten, isValid, project } from "./tree";

const cap = (id: string, caps: Cap[] = []): Cap => ({ id, type: "volume", name: id, maximum: 10, duration: 1, duration_units: "day", window: "calendar", caps });
const shape = (caps: Cap[]): unknown => caps.map((c) => (c.caps.length ? { [c.id!]: shape(c.caps) } : c.id));

// Monthly → [CA, TX], Weekly
const tree = () => [cap("monthly", [cap("ca"), cap("tx")]), cap("weekly")];

describe("cap tree as a flat list", () => {
  it("round-trips nested caps and issue paths", () => {
    const flat = flatten(tree(), "caps");
    expect(flat.map((f) => [f.id, f.depth, f.parentId, f.path])).toEqual([
      ["monthly", 0, null, "caps.0"],
      ["ca", 1, "monthly", "caps.0.caps.0"],
      ["tx", 1, "monthly", "caps.0.caps.1"],
      ["weekly", 0, null, "caps.1"],
    ]);
    expect(shape(build(flat))).toEqual(shape(tree()));
    expect(isValid(flat)).toBe(true);
  });

  it("moves a cap with its children among its siblings only", () => {
    const flat = flatten(tree());
    expect(shape(build(capMoves.down(flat, "monthly")))).toEqual(["weekly", { monthly: ["ca", "tx"] }]);
    expect(shape(build(capMoves.up(flat, "tx")))).toEqual([{ monthly: ["tx", "ca"] }, "weekly"]);
    // No sibling above the first child: unchanged (the same array, so the UI disables the button).
    expect(capMoves.up(flat, "ca")).toBe(flat);
  });

  it("indents under the cap above and outdents to just after the parent", () => {
    const flat = flatten(tree());
    expect(shape(build(capMoves.indent(flat, "weekly")))).toEqual([{ monthly: ["ca", "tx", "weekly"] }]);
    expect(shape(build(capMoves.indent(flat, "tx")))).toEqual([{ monthly: [{ ca: ["tx"] }] }, "weekly"]);
    expect(shape(build(capMoves.outdent(flat, "ca")))).toEqual([{ monthly: ["tx"] }, "ca", "weekly"]);
    expect(capMoves.indent(flat, "monthly")).toBe(flat);
  });

  it("projects the drop depth from the sideways offset, within the neighbours' limits", () => {
    const flat = flatten([cap("a"), cap("b")]);
    expect(project(flat, "b", "b", 60, 28)).toEqual({ depth: 1, parentId: "a" });
    expect(project(flat, "b", "b", 200, 28)).toEqual({ depth: 1, parentId: "a" });
    expect(project(flat, "b", "b", -40, 28)).toEqual({ depth: 0, parentId: null });
    // The first cap can never nest: nothing above it.
    expect(project(flat, "a", "a", 80, 28)).toEqual({ depth: 0, parentId: null });
  });

  it("drops a cap (with children) at the over item's slot and depth", () => {
    const flat = flatten(tree());
    expect(shape(build(drop(flat, "weekly", "weekly", 1)))).toEqual([{ monthly: ["ca", "tx", "weekly"] }]);
    expect(shape(build(drop(flat, "weekly", "monthly", 0)))).toEqual(["weekly", { monthly: ["ca", "tx"] }]);
    expect(shape(build(drop(flat, "monthly", "weekly", 0)))).toEqual(["weekly", { monthly: ["ca", "tx"] }]);
    expect(shape(build(drop(flat, "tx", "ca", 1)))).toEqual([{ monthly: ["tx", "ca"] }, "weekly"]);
  });
});
