"use client";
// The bookkeeping every node of one builder shares: the current tree, an `apply` that commits a
// tree operation, and for each node its API issue path and its human number ("Rule 2.1").
import { createContext, useContext } from "react";
import type { RuleSet } from "@/lib/rules/types";
import { isRuleSet, type RuleNode } from "./tree";

export interface NodeMeta {
  /** Issue path in the flow document, e.g. `acceptance_criteria.rule_set.rules.1.rules.0`. */
  path: string | undefined;
  /** Position label: "1", "2.1"… */
  number: string;
  depth: number;
}

export interface BuilderState {
  root: RuleSet;
  apply: (fn: (root: RuleSet) => RuleSet) => void;
  meta: Map<string, NodeMeta>;
  maxDepth: number;
  /** Id of the node or group end-zone the dragged item would land on when it changes group. */
  dropTarget: string | null;
  /** Id of the node being dragged. */
  dragging: string | null;
  readOnly: boolean;
}

export const BuilderContext = createContext<BuilderState | null>(null);

export function useBuilder(): BuilderState {
  const ctx = useContext(BuilderContext);
  if (!ctx) throw new Error("useBuilder outside a RuleBuilder");
  return ctx;
}

export function computeMeta(root: RuleSet, basePath: string | undefined): Map<string, NodeMeta> {
  const meta = new Map<string, NodeMeta>();
  const walkSet = (set: RuleSet, path: string | undefined, number: string, depth: number) => {
    if (set.id) meta.set(set.id, { path, number, depth });
    set.rules.forEach((n: RuleNode, i) => {
      const childPath = path === undefined ? undefined : `${path}.rules.${i}`;
      const childNumber = number ? `${number}.${i + 1}` : String(i + 1);
      if (isRuleSet(n)) walkSet(n, childPath, childNumber, depth + 1);
      else {
        if (n.id) meta.set(n.id, { path: childPath, number: childNumber, depth });
        if (n.rule_set) walkSet(n.rule_set, childPath === undefined ? undefined : `${childPath}.rule_set`, childNumber, depth + 1);
      }
    });
  };
  walkSet(root, basePath, "", 0);
  return meta;
}
