"use client";
// API validation issues (spec 07 §2.2: `issues[].path` such as `steps.2.rule_set.rules.0.op`)
// made available to every control, so each message appears beside the control it is about.
import { createContext, useContext, useMemo } from "react";
import type { ApiIssue } from "@/components/api/client";

interface IssueLookup {
  /** The message(s) for exactly this path. */
  at: (path: string | undefined) => string | undefined;
  /** Issues at this path or below it. */
  under: (prefix: string | undefined) => ApiIssue[];
}

const EMPTY: IssueLookup = { at: () => undefined, under: () => [] };
const IssuesContext = createContext<IssueLookup>(EMPTY);

export function IssuesProvider({ issues, children }: { issues: readonly ApiIssue[]; children: React.ReactNode }) {
  const value = useMemo<IssueLookup>(() => {
    if (issues.length === 0) return EMPTY;
    const byPath = new Map<string, string[]>();
    for (const i of issues) byPath.set(i.path, [...(byPath.get(i.path) ?? []), i.message]);
    return {
      at: (path) => (path === undefined ? undefined : byPath.get(path)?.join("; ")),
      under: (prefix) =>
        prefix === undefined ? [] : issues.filter((i) => i.path === prefix || i.path.startsWith(prefix + ".")),
    };
  }, [issues]);
  return <IssuesContext.Provider value={value}>{children}</IssuesContext.Provider>;
}

export function useIssues(): IssueLookup {
  return useContext(IssuesContext);
}

/** `join("steps", 2, "rule_set")` → `steps.2.rule_set`; undefined stays undefined (no issue target). */
export function joinPath(base: string | undefined, ...parts: Array<string | number>): string | undefined {
  if (base === undefined) return undefined;
  return [base, ...parts].filter((p) => p !== "").join(".");
}

/**
 * Issues of a flat form by control: `email` → its message. Works for the browser's own zod check
 * (issues via lib/schemas/issues) and for an API 422 alike, so a form shows both in one place.
 */
export function issuesByField(issues: readonly ApiIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.split(".")[0] || "form";
    out[key] = out[key] ? `${out[key]}; ${i.message}` : i.message;
  }
  return out;
}
