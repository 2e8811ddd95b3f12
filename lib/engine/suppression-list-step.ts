// In-flow suppression-list steps (05 §6) on Leadflow's local lists: query_item, add_item,
// delete_item, is_unique. No HTTP exchange; results are appended under `suppressionlist.`.

import { isTypedValue } from "./deps";
import type { SuppressionLists } from "./ports";

export type ListOperation = "query_item" | "add_item" | "delete_item" | "is_unique";

export function listOperationOf(moduleId: string): ListOperation | null {
  const m = /^suppressionlist\.outbound\.(query_item|add_item|delete_item|is_unique)$/.exec(moduleId);
  return m ? (m[1] as ListOperation) : null;
}

export interface ListStepResult {
  outcome: "success" | "failure" | "error";
  reason: string | null;
  /** Merged into `appended.suppressionlist`. */
  appended: Record<string, unknown>;
}

function textOf(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (isTypedValue(v)) return textOf(v.valid === false ? v.raw : v.normal);
  if (Array.isArray(v)) return v.map(textOf).join(",");
  return String(v);
}

/** A comma list where `"…"` may hold commas (02 §4 `list`); items trimmed, empty ones dropped. */
export function commaList(v: unknown): string[] {
  const s = textOf(v);
  const out: string[] = [];
  const re = /\s*(?:"([^"]*)"|([^,]*))\s*(?:,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const item = (m[1] ?? m[2] ?? "").trim();
    if (item !== "") out.push(item);
    if (re.lastIndex >= s.length) break;
  }
  return out;
}

/** Items are stored and compared trimmed and lower-cased (04 §2). */
function normalized(values: string[]): string[] {
  return values.map((v) => v.trim().toLowerCase()).filter((v) => v !== "");
}

function listNames(vars: Readonly<Record<string, unknown>>): string[] {
  return [vars.list_names, vars.list_ids, vars.list_id, vars.list_name].flatMap((v) => commaList(v));
}

const err = (reason: string, appended: Record<string, unknown> = {}): ListStepResult => ({ outcome: "error", reason, appended });

/**
 * Runs one operation. `readOnly` (replay) runs `query_item` and refuses the writing operations
 * (the caller records them as skipped).
 */
export async function runListOperation(
  op: ListOperation,
  requestVars: Readonly<Record<string, unknown>>,
  lists: SuppressionLists,
  now: number,
): Promise<ListStepResult> {
  const names = listNames(requestVars);
  const single = op === "add_item" || op === "delete_item" || op === "is_unique";
  const wrap = (key: ListOperation, r: ListStepResult): ListStepResult => ({
    ...r,
    appended: { [key]: Object.assign({}, r.appended, { outcome: r.outcome, reason: r.reason }) },
  });
  if (names.length === 0) return wrap(op, err("a list name is required"));
  if (single && names.length > 1) return wrap(op, err("multiple lists not supported"));

  const resolved = await lists.resolveLists(names);
  if (resolved.missing.length > 0) return wrap(op, err(`List not found: ${resolved.missing[0]}`));

  switch (op) {
    case "query_item": {
      const value = normalized(commaList(requestVars.value))[0];
      if (value === undefined) return wrap(op, err("value required"));
      const r = await lists.query(resolved.lists.map((l) => l.id), value, now);
      return wrap(op, {
        outcome: "success",
        reason: null,
        appended: {
          found: r.foundIn.length > 0,
          found_in: r.foundIn.map((l) => l.name),
          added_at: r.addedAt === null ? null : new Date(r.addedAt).toISOString(),
        },
      });
    }
    case "add_item":
    case "delete_item": {
      const values = normalized(commaList(requestVars.values ?? requestVars.value));
      if (values.length === 0) return wrap(op, err("values must not be blank"));
      const listId = resolved.lists[0].id;
      if (op === "add_item") {
        const r = await lists.add(listId, values, now);
        return wrap(op, { outcome: "success", reason: null, appended: { accepted: r.accepted, rejected: r.rejected } });
      }
      const r = await lists.remove(listId, values);
      return wrap(op, { outcome: "success", reason: null, appended: { deleted: r.deleted, rejected: r.rejected } });
    }
    case "is_unique": {
      const values = normalized(commaList(requestVars.value));
      if (values.length === 0) return wrap(op, err("value required"));
      if (values.length > 1) return wrap(op, err("multiple values not supported"));
      const list = resolved.lists[0];
      const r = await lists.addIfAbsent(list.id, values[0], now);
      const queryItem = {
        found: !r.added,
        found_in: r.added ? [] : [list.name],
        added_at: r.added || r.addedAt === null ? null : new Date(r.addedAt).toISOString(),
        outcome: "success",
        reason: null,
      };
      const addItem = { accepted: r.added ? 1 : 0, rejected: r.added ? 0 : 1, outcome: "success", reason: null };
      const outcome = r.added ? "success" : "failure";
      const reason = r.added ? null : "Duplicate";
      // Both under `is_unique.` and at the top level (05 §6).
      return {
        outcome,
        reason,
        appended: {
          is_unique: { outcome, reason, query_item: queryItem, add_item: addItem },
          query_item: queryItem,
          add_item: addItem,
        },
      };
    }
  }
}
