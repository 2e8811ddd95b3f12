// list(rhv) of spec 02 §4, on its own without type parsers so that UI code (the rule preview in
// reason.ts) can use it without pulling the field-type parsers into a browser bundle.

import { isBlank } from "./blank";

/**
 * list(rhv) of spec 02 §4: arrays as they are; strings split on commas, where an item wrapped in
 * double quotes may contain commas (`"Austin, TX",Dallas`). Items trimmed, empty items dropped.
 */
export function toList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.filter((x) => !isBlank(x));
  if (typeof v !== "string") return isBlank(v) ? [] : [v];
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      pushItem(out, cur);
      cur = "";
      continue;
    }
    cur += c;
  }
  pushItem(out, cur);
  return out;
}

function pushItem(out: string[], raw: string): void {
  let item = raw.trim();
  if (item.length >= 2 && item[0] === '"' && item[item.length - 1] === '"') item = item.slice(1, -1).trim();
  if (item !== "") out.push(item);
}

