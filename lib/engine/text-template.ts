// Reason and outcome templates (03 §2): compiled once, rendered to trimmed text per lead.

import { compileTemplate } from "./deps";
import type { Vars } from "./types";

export type TextTemplate = (vars: Vars) => string | null;

function textOf(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "object" && "normal" in (v as object)) return textOf((v as { normal: unknown }).normal);
  return "";
}

/**
 * Null for a missing or blank template. The result renders to trimmed text, `null` when blank or
 * when rendering fails (a broken reason must not break the lead: the caller's default applies).
 */
export function compileTextTemplate(src: string | null | undefined): TextTemplate | null {
  if (src === null || src === undefined || src.trim() === "") return null;
  if (!src.includes("{{")) {
    const t = src.trim();
    return () => t;
  }
  let tpl: ReturnType<typeof compileTemplate>;
  try {
    tpl = compileTemplate(src);
  } catch {
    return () => null;
  }
  return (vars) => {
    try {
      const t = textOf(tpl.render(vars)).trim();
      return t === "" ? null : t;
    } catch {
      return null;
    }
  };
}
