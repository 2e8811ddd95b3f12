"use client";
// Keyboard-reachable buttons for every drag action: move up/down, out of the group, into the
// group above, and remove. Each names its target so a screen-reader user knows what moves.
import { IconButton } from "@/components/ui/button";
import { findNode, isRuleSet, keyboardMoves, locate, removeNode } from "./tree";
import { useBuilder } from "./use-rule-tree";

export function NodeActions({ id, name }: { id: string; name: string }) {
  const { root, apply, readOnly } = useBuilder();
  if (readOnly) return null;
  const loc = locate(root, id);
  const parent = loc ? findNode(root, loc.parentId) : null;
  const siblings = parent && isRuleSet(parent) ? parent.rules : [];
  const prev = loc && loc.index > 0 ? siblings[loc.index - 1] : null;
  const canOutdent = loc ? locate(root, loc.parentId) !== null : false;
  return (
    <div className="flex shrink-0 items-center">
      <IconButton label={`Move ${name} up`} disabled={!loc || loc.index === 0} onClick={() => apply((r) => keyboardMoves.up(r, id))}>
        ↑
      </IconButton>
      <IconButton label={`Move ${name} down`} disabled={!loc || loc.index >= siblings.length - 1} onClick={() => apply((r) => keyboardMoves.down(r, id))}>
        ↓
      </IconButton>
      <IconButton label={`Move ${name} out of its group`} disabled={!canOutdent} onClick={() => apply((r) => keyboardMoves.outdent(r, id))}>
        ⇤
      </IconButton>
      <IconButton label={`Move ${name} into the group above`} disabled={!prev || !isRuleSet(prev)} onClick={() => apply((r) => keyboardMoves.indent(r, id))}>
        ⇥
      </IconButton>
      <IconButton label={`Remove ${name}`} className="hover:text-red-700" onClick={() => apply((r) => removeNode(r, id))}>
        ✕
      </IconButton>
    </div>
  );
}
